package io.flowstate.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.flow.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigPrinterTest {

    @TempDir
    Path dir;

    @Test
    void printsEveryKeyWithItsOriginAndHidesTheRedisPassword() {
        Map<String, String> env = Map.of("FLOWSTATE_REDIS_URL", "redis://:hunter2@cache:6379", "FLOWSTATE_STORE", "redis");
        EffectiveConfig effective = new ConfigLoader(env).load(null, Map.of(ConfigKey.SERVER_PORT, "9090"));

        String text = ConfigPrinter.render(effective);

        assertThat(text).doesNotContain("hunter2")
                .containsPattern("\\[server]\\n")
                .containsPattern("port = 9090 +# --port\\n")
                .containsPattern("kind = \"redis\" +# FLOWSTATE_STORE\\n")
                .containsPattern("redisUrl = \"redis://:\\*\\*\\*@cache:6379\" +# FLOWSTATE_REDIS_URL\\n")
                .containsPattern("timeout = \"PT2S\" +# default\\n");
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(text).contains("\n" + key.leaf() + " = ");
        }
    }

    @Test
    void theOutputIsAConfigFileThatLoadsBackToTheSameConfiguration() throws IOException {
        FlowstateConfig config = new FlowstateConfig(new ServerConfig("127.0.0.1", 0, 4096), dir.resolve("my \"flows\""),
                Mode.HYBRID, new StoreConfig(StoreConfig.Kind.MEMORY, dir.resolve("data\\dir"),
                StoreConfig.Durability.STRICT, 12, Duration.ofMillis(1500), "redis://cache:6379/2"),
                new ScriptConfig(42, Duration.ofMinutes(1)))
                .withNflow(new NflowConfig(dir.resolve("pages"), dir.resolve("boxes"), dir.resolve("users.json"),
                        "/login", Duration.ofHours(1), "fixed", "4242", "info"));
        Path file = Files.writeString(dir.resolve("round-trip.toml"), ConfigPrinter.render(config));

        assertThat(new ConfigLoader(Map.of(), dir).load(file, Map.of()).config()).isEqualTo(config);
    }

    @Test
    void theMetricsTokenPrintsMaskedAndOperationsSettingsLoadBack() throws IOException {
        FlowstateConfig config = FlowstateConfig.DEFAULTS.withOperations(new OperationsConfig(
                new LogConfig(LogConfig.Format.JSON, false), new MetricsConfig(true, "scrape-s3cret"),
                new RateLimitConfig(5, 10, List.of("10.0.0.0/8", "2001:db8::/32"))));

        String text = ConfigPrinter.render(config);

        assertThat(text).doesNotContain("scrape-s3cret")
                .containsPattern("token = \"\\*\\*\\*\" +# default\\n")
                .containsPattern("trustedProxies = \\[\"10.0.0.0/8\", \"2001:db8::/32\"] +# default\\n")
                .containsPattern("format = \"json\" +# default\\n");
        String unmasked = text.replace("\"***\"", "\"scrape-s3cret\"");
        Path file = Files.writeString(dir.resolve("operations.toml"), unmasked);
        assertThat(new ConfigLoader(Map.of(), dir).load(file, Map.of()).config().operations())
                .isEqualTo(config.operations());
    }
}
