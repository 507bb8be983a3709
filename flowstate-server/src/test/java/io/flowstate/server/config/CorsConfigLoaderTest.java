package io.flowstate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server.cors}: read from its own table, from dotted keys and from the environment; checked like origins. */
class CorsConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void isOffByDefault() {
        CorsConfig cors = new ConfigLoader(Map.of(), dir).load(null, Map.of()).config().server().cors();

        assertThat(cors.allowedOrigins()).isEmpty();
        assertThat(cors.allowCredentials()).isFalse();
    }

    @Test
    void readsTheServerCorsTable() throws IOException {
        Path file = Files.writeString(dir.resolve("flowstate.toml"), """
                [server]
                port = 9000

                [server.cors]
                allowedOrigins = ["HTTP://LocalHost:3000/", "https://app.example.com:443"]
                allowCredentials = true
                """);

        CorsConfig cors = new ConfigLoader(Map.of(), dir).load(file, Map.of()).config().server().cors();

        assertThat(cors.allowedOrigins()).containsExactly("http://localhost:3000", "https://app.example.com");
        assertThat(cors.allowCredentials()).isTrue();
    }

    @Test
    void readsDottedKeysInTheServerTableAsConfigPrintsThem() throws IOException {
        Path file = Files.writeString(dir.resolve("flowstate.toml"), """
                [server]
                cors.allowedOrigins = ["http://localhost:3000"]
                """);

        CorsConfig cors = new ConfigLoader(Map.of(), dir).load(file, Map.of()).config().server().cors();

        assertThat(cors.allowedOrigins()).containsExactly("http://localhost:3000");
    }

    @Test
    void refusesAnOriginWithAPathNamingTheKey() {
        Map<String, String> env = Map.of("FLOWSTATE_SERVER_CORS_ALLOWED_ORIGINS", "http://localhost:3000/app");

        assertThatThrownBy(() -> new ConfigLoader(env, dir).load(null, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.cors.allowedOrigins");
    }

    @Test
    void refusesAnUnknownKeyOfTheCorsTable() throws IOException {
        Path file = Files.writeString(dir.resolve("flowstate.toml"), """
                [server.cors]
                allowedOrigin = ["http://localhost:3000"]
                """);

        assertThatThrownBy(() -> new ConfigLoader(Map.of(), dir).load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.cors.allowedOrigin: unknown key");
    }

    @Test
    void allowsExactlyTheListedOrigins() {
        CorsConfig cors = new CorsConfig(List.of("http://localhost:3000"), false);

        assertThat(cors.allows("http://LOCALHOST:3000")).isTrue();
        assertThat(cors.allows("http://localhost:3001")).isFalse();
        assertThat(cors.allows("null")).isFalse();
    }
}
