package io.flowstate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowstate.core.flow.Mode;
import io.flowstate.core.token.TokenConfig;
import io.flowstate.core.token.TokenFormat;
import io.flowstate.core.token.TokenKeys;
import io.flowstate.core.token.TokenOverflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String SECRET = TokenKeys.newSecret();

    @TempDir
    Path dir;

    @Test
    void usesTheDefaultsWhenNothingIsSet() {
        EffectiveConfig effective = new ConfigLoader(Map.of(), dir).load(null, Map.of());

        assertThat(effective.config()).isEqualTo(FlowstateConfig.DEFAULTS);
        assertThat(effective.configFile()).isNull();
        assertThat(effective.origins().values()).containsOnly(EffectiveConfig.DEFAULT);
        assertThat(effective.warnings()).isEmpty();
    }

    @Test
    void readsEveryKeyFromTheFile() throws IOException {
        Path file = write("flowstate.toml", """
                flows = "/srv/flows"
                mode = "hybrid"

                [server]
                host = "127.0.0.1"
                port = 9090
                maxBodyBytes = 65_536
                allowedOrigins = ["https://app.example.com", "http://localhost:3000"]

                [store]
                kind = "redis"
                dataDir = "/var/lib/flowstate"
                durability = "strict"
                eventLogSize = 50
                sweepInterval = "PT5S"
                redisUrl = "redis://:secret@cache:6380/0"

                [script]
                statementLimit = 5000
                timeout = "250ms"

                [events]
                heartbeat = "PT30S"
                queueSize = 32
                minVersionWait = "1s"
                nearCacheSize = 2000
                """);

        FlowstateConfig config = new ConfigLoader(Map.of(), dir).load(file, Map.of()).config();

        assertThat(config.events()).isEqualTo(new EventsConfig(Duration.ofSeconds(30), 32, Duration.ofSeconds(1), 2000));
        assertThat(config).isEqualTo(new FlowstateConfig(
                new ServerConfig("127.0.0.1", 9090, 65_536, List.of("https://app.example.com", "http://localhost:3000")),
                Path.of("/srv/flows"), Mode.HYBRID,
                new StoreConfig(StoreConfig.Kind.REDIS, Path.of("/var/lib/flowstate"), StoreConfig.Durability.STRICT,
                        50, Duration.ofSeconds(5), "redis://:secret@cache:6380/0"),
                new ScriptConfig(5000, Duration.ofMillis(250)), config.events()));
    }

    @Test
    void environmentOverridesTheFileAndFlagsOverrideTheEnvironment() throws IOException {
        write("flowstate.toml", """
                [server]
                port = 1111
                host = "10.0.0.1"
                [store]
                kind = "memory"
                eventLogSize = 7
                """);
        Map<String, String> env = Map.of("FLOWSTATE_PORT", "2222", "FLOWSTATE_STORE", "redis");
        Map<ConfigKey, String> flags = Map.of(ConfigKey.SERVER_PORT, "3333");

        EffectiveConfig effective = new ConfigLoader(env, dir).load(null, flags);

        assertThat(effective.config().server().port()).isEqualTo(3333);
        assertThat(effective.config().store().kind()).isEqualTo(StoreConfig.Kind.REDIS);
        assertThat(effective.config().server().host()).isEqualTo("10.0.0.1");
        assertThat(effective.config().store().eventLogSize()).isEqualTo(7);
        assertThat(effective.origin(ConfigKey.SERVER_PORT)).isEqualTo("--port");
        assertThat(effective.origin(ConfigKey.STORE_KIND)).isEqualTo("FLOWSTATE_STORE");
        assertThat(effective.origin(ConfigKey.SERVER_HOST)).isEqualTo(dir.resolve("flowstate.toml").toString());
        assertThat(effective.origin(ConfigKey.SCRIPT_TIMEOUT)).isEqualTo(EffectiveConfig.DEFAULT);
    }

    @Test
    void everyKeyAnswersToItsGenericEnvironmentVariable() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("FLOWSTATE_FLOWS", "/f"),
                Map.entry("FLOWSTATE_MODE", "TOKEN"),
                Map.entry("FLOWSTATE_SERVER_HOST", "::1"),
                Map.entry("FLOWSTATE_SERVER_PORT", "0"),
                Map.entry("FLOWSTATE_SERVER_MAX_BODY_BYTES", "2048"),
                Map.entry("FLOWSTATE_STORE_KIND", "memory"),
                Map.entry("FLOWSTATE_STORE_DATA_DIR", "/d"),
                Map.entry("FLOWSTATE_STORE_DURABILITY", "strict"),
                Map.entry("FLOWSTATE_STORE_EVENT_LOG_SIZE", "3"),
                Map.entry("FLOWSTATE_STORE_SWEEP_INTERVAL", "1m30s"),
                Map.entry("FLOWSTATE_STORE_REDIS_URL", "rediss://cache:6380"),
                Map.entry("FLOWSTATE_STORE_REDIS_CONNECT_TIMEOUT", "3s"),
                Map.entry("FLOWSTATE_STORE_REDIS_COMMAND_TIMEOUT", "750ms"),
                Map.entry("FLOWSTATE_SCRIPT_STATEMENT_LIMIT", "10"),
                Map.entry("FLOWSTATE_SCRIPT_TIMEOUT", "PT0.5S"),
                Map.entry("FLOWSTATE_TOKEN_FORMAT", "JWS"),
                Map.entry("FLOWSTATE_TOKEN_KEYS", "k1:" + SECRET),
                Map.entry("FLOWSTATE_TOKEN_TTL", "2h"),
                Map.entry("FLOWSTATE_TOKEN_MAX_BYTES", "4096"),
                Map.entry("FLOWSTATE_TOKEN_OVERFLOW", "process"),
                Map.entry("FLOWSTATE_TOKEN_REPLAY_GUARD", "false"),
                Map.entry("FLOWSTATE_SERVER_ALLOWED_ORIGINS", "https://App.example.com:443/, http://localhost:3000"),
                Map.entry("FLOWSTATE_SERVER_CORS_ALLOWED_ORIGINS", "http://localhost:5173"),
                Map.entry("FLOWSTATE_SERVER_CORS_ALLOW_CREDENTIALS", "true"),
                Map.entry("FLOWSTATE_SERVER_DEMO", "true"),
                Map.entry("FLOWSTATE_SERVER_READ_TIMEOUT", "PT90S"),
                Map.entry("FLOWSTATE_EVENTS_HEARTBEAT", "5s"),
                Map.entry("FLOWSTATE_EVENTS_QUEUE_SIZE", "64"),
                Map.entry("FLOWSTATE_EVENTS_MIN_VERSION_WAIT", "750ms"),
                Map.entry("FLOWSTATE_EVENTS_NEAR_CACHE_SIZE", "500"),
                Map.entry("FLOWSTATE_SESSION_IDLE_TTL", "5m"),
                Map.entry("FLOWSTATE_SESSION_SECURE_COOKIE", "true"),
                Map.entry("FLOWSTATE_MIGRATION_ENABLED", "true"),
                Map.entry("FLOWSTATE_MIGRATION_ROLLOUT", "30"),
                Map.entry("FLOWSTATE_MIGRATION_FLOWS", "signup:90"),
                Map.entry("FLOWSTATE_MIGRATION_REFRESH_INTERVAL", "1s"),
                Map.entry("FLOWSTATE_LOG_FORMAT", "JSON"),
                Map.entry("FLOWSTATE_LOG_ACCESS", "false"),
                Map.entry("FLOWSTATE_METRICS_ENABLED", "false"),
                Map.entry("FLOWSTATE_METRICS_TOKEN", "scrape-me"),
                Map.entry("FLOWSTATE_RATELIMIT_WRITES_PER_SECOND", "5"),
                Map.entry("FLOWSTATE_RATELIMIT_BURST", "20"),
                Map.entry("FLOWSTATE_RATELIMIT_TRUSTED_PROXIES", "10.0.0.0/8, ::1"),
                Map.entry("FLOWSTATE_AUTH_MODE", "JWT"),
                Map.entry("FLOWSTATE_AUTH_JWKS", "https://login.example.com/jwks.json"),
                Map.entry("FLOWSTATE_AUTH_ISSUER", "https://login.example.com/"),
                Map.entry("FLOWSTATE_AUTH_AUDIENCE", "flowstate"),
                Map.entry("FLOWSTATE_AUTH_ADMIN_SCOPE", "ops"),
                Map.entry("FLOWSTATE_AUTH_ADMIN_TOKEN", "0123456789abcdef0123"),
                Map.entry("FLOWSTATE_AUTH_JWKS_REFRESH", "10m"),
                Map.entry("FLOWSTATE_AUTH_CLOCK_SKEW", "5s"),
                Map.entry("FLOWSTATE_NFLOW_TEMPLATES", "/t"),
                Map.entry("FLOWSTATE_NFLOW_MODULES", "/m"),
                Map.entry("FLOWSTATE_NFLOW_ACCOUNTS", "/a.json"),
                Map.entry("FLOWSTATE_NFLOW_LOGIN_PATH", "/login"),
                Map.entry("FLOWSTATE_NFLOW_LOGIN_TTL", "1h"),
                Map.entry("FLOWSTATE_NFLOW_OTP_MODE", "fixed"),
                Map.entry("FLOWSTATE_NFLOW_OTP_CODE", "4242"),
                Map.entry("FLOWSTATE_NFLOW_CONSOLE_LOG", "info"),
                Map.entry("FLOWSTATE_NFLOW_MODE", "session"),
                Map.entry("FLOWSTATE_NFLOW_FLOWS", "app.pepe11:hybrid"));

        EffectiveConfig effective = new ConfigLoader(env).load(null, Map.of());

        assertThat(effective.config()).isEqualTo(new FlowstateConfig(new ServerConfig("::1", 0, 2048,
                List.of("https://app.example.com", "http://localhost:3000"),
                new CorsConfig(List.of("http://localhost:5173"), true), true, Duration.ofSeconds(90)), Path.of("/f"),
                Mode.TOKEN, new StoreConfig(StoreConfig.Kind.MEMORY, Path.of("/d"), StoreConfig.Durability.STRICT, 3,
                Duration.ofSeconds(90), "rediss://cache:6380", Duration.ofSeconds(3), Duration.ofMillis(750)),
                new ScriptConfig(10, Duration.ofMillis(500)), new TokenConfig(TokenFormat.JWS,
                TokenKeys.fromBase64("k1", SECRET), Duration.ofHours(2), 4096, TokenOverflow.PROCESS, false),
                new EventsConfig(Duration.ofSeconds(5), 64, Duration.ofMillis(750), 500),
                new SessionConfig(Duration.ofMinutes(5), true),
                new MigrationConfig(true, 30, Map.of("signup", 90L), Duration.ofSeconds(1)),
                new OperationsConfig(new LogConfig(LogConfig.Format.JSON, false), new MetricsConfig(false, "scrape-me"),
                        new RateLimitConfig(5, 20, List.of("10.0.0.0/8", "::1"))),
                new AuthConfig(AuthConfig.Mode.JWT, "https://login.example.com/jwks.json", "https://login.example.com/",
                        "flowstate", "ops", "0123456789abcdef0123", Duration.ofMinutes(10), Duration.ofSeconds(5)),
                new NflowConfig(Path.of("/t"), Path.of("/m"), Path.of("/a.json"), "/login", Duration.ofHours(1),
                        "fixed", "4242", "info", Mode.SESSION, Map.of("app.pepe11", Mode.HYBRID))));
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(effective.origin(key)).as(key.path()).isEqualTo(key.envNames().getFirst());
        }
    }

    @Test
    void shortAliasesSetTheSameKeys() {
        Map<String, String> env = Map.of("FLOWSTATE_HOST", "127.0.0.1", "FLOWSTATE_PORT", "8181",
                "FLOWSTATE_STORE", "redis", "FLOWSTATE_DATA_DIR", "/d", "FLOWSTATE_REDIS_URL", "redis://r:1");

        FlowstateConfig config = new ConfigLoader(env).load(null, Map.of()).config();

        assertThat(config.server()).isEqualTo(new ServerConfig("127.0.0.1", 8181, ServerConfig.DEFAULTS.maxBodyBytes()));
        assertThat(config.store().kind()).isEqualTo(StoreConfig.Kind.REDIS);
        assertThat(config.store().dataDir()).isEqualTo(Path.of("/d"));
        assertThat(config.store().redisUrl()).isEqualTo("redis://r:1");
    }

    @Test
    void aliasAndGenericNameMayBothBeSetWhenTheyAgree() {
        Map<String, String> env = Map.of("FLOWSTATE_PORT", "8181", "FLOWSTATE_SERVER_PORT", " 8181");

        assertThat(new ConfigLoader(env).load(null, Map.of()).config().server().port()).isEqualTo(8181);
    }

    @Test
    void rejectsAnAliasThatDisagreesWithTheGenericNameWithoutPrintingEitherValue() {
        Map<String, String> env = Map.of("FLOWSTATE_REDIS_URL", "redis://:one@a",
                "FLOWSTATE_STORE_REDIS_URL", "redis://:two@b");

        assertThatThrownBy(() -> new ConfigLoader(env).load(null, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("store.redisUrl: FLOWSTATE_STORE_REDIS_URL and FLOWSTATE_REDIS_URL are both set, "
                        + "to different values; set only one of them");
    }

    @Test
    void treatsBlankEnvironmentVariablesAsUnset() {
        EffectiveConfig effective = new ConfigLoader(Map.of("FLOWSTATE_PORT", "  ")).load(null, Map.of());

        assertThat(effective.config().server().port()).isEqualTo(8080);
    }

    @Test
    void warnsAboutUnknownFlowstateVariablesButIgnoresOtherPrefixesAndKnownNonKeys() {
        Map<String, String> env = Map.of("FLOWSTATE_PROT", "1", "FLOWSTATE_LOG_LEVEL", "debug", "HOME", "/root",
                "FLOWSTATE_CONFIG", "");

        EffectiveConfig effective = new ConfigLoader(env, dir).load(null, Map.of());

        assertThat(effective.warnings()).containsExactly(
                "ignoring environment variable FLOWSTATE_PROT: it is not a Flowstate setting (see docs/configuration.md)");
    }

    @Test
    void readsFlowstateTomlFromTheWorkingDirectoryOnlyWhenItExists() throws IOException {
        assertThat(new ConfigLoader(Map.of(), dir).load(null, Map.of()).configFile()).isNull();

        write("flowstate.toml", "[server]\nport = 7000\n");
        EffectiveConfig effective = new ConfigLoader(Map.of(), dir).load(null, Map.of());

        assertThat(effective.configFile()).isEqualTo(dir.resolve("flowstate.toml"));
        assertThat(effective.config().server().port()).isEqualTo(7000);
    }

    @Test
    void theConfigFlagWinsOverFlowstateConfigWhichWinsOverTheWorkingDirectoryFile() throws IOException {
        write("flowstate.toml", "[server]\nport = 1\n");
        write("from-env.toml", "[server]\nport = 2\n");
        Path flagged = write("from-flag.toml", "[server]\nport = 3\n");
        ConfigLoader loader = new ConfigLoader(Map.of("FLOWSTATE_CONFIG", "from-env.toml"), dir);

        assertThat(loader.load(null, Map.of()).config().server().port()).isEqualTo(2);
        assertThat(loader.load(flagged, Map.of()).config().server().port()).isEqualTo(3);
    }

    @Test
    void resolvesRelativePathsInTheFileAgainstTheFilesDirectory() throws IOException {
        Path file = write("conf/flowstate.toml", "flows = \"flows\"\n[store]\ndataDir = \"../data\"\n");

        FlowstateConfig config = new ConfigLoader(Map.of("FLOWSTATE_DATA_DIR", "state"), dir).load(file, Map.of())
                .config();

        assertThat(config.flowsDir()).isEqualTo(dir.resolve("conf/flows"));
        assertThat(config.store().dataDir()).isEqualTo(dir.resolve("state"));
    }

    @Test
    void anEmptyFileChangesNothing() throws IOException {
        Path file = write("empty.toml", "# nothing here\n");

        assertThat(new ConfigLoader(Map.of(), dir).load(file, Map.of()).config()).isEqualTo(FlowstateConfig.DEFAULTS);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
