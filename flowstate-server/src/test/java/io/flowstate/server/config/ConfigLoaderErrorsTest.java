package io.flowstate.server.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a value can be unusable stops the load with a message that names the key and the value's source. */
class ConfigLoaderErrorsTest {

    @TempDir
    Path dir;

    @Test
    void aPortThatIsNotANumberNamesTheKeyTheValueAndTheVariable() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("FLOWSTATE_PORT", "abc")).load(null, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("server.port: expected an integer between 0 and 65535, was \"abc\" (from FLOWSTATE_PORT)");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            FLOWSTATE_SERVER_PORT            | 65536    | server.port: expected an integer between 0 and 65535, was "65536"
            FLOWSTATE_PORT                   | -1       | server.port: expected an integer between 0 and 65535, was "-1"
            FLOWSTATE_SERVER_MAX_BODY_BYTES  | 100      | server.maxBodyBytes: expected an integer between 1024 and 2147483647, was "100"
            FLOWSTATE_SERVER_MAX_BODY_BYTES  | 3000000000 | server.maxBodyBytes: expected an integer between 1024 and 2147483647, was "3000000000"
            FLOWSTATE_STORE                  | mongo    | store.kind: expected one of sqlite, memory, redis, was "mongo"
            FLOWSTATE_STORE_DURABILITY       | paranoid | store.durability: expected one of normal, strict, was "paranoid"
            FLOWSTATE_STORE_EVENT_LOG_SIZE   | 0        | store.eventLogSize: expected an integer between 1 and 2147483647, was "0"
            FLOWSTATE_STORE_SWEEP_INTERVAL   | soon     | store.sweepInterval: expected a positive duration such as PT2S, 2s, 500ms or 30m, was "soon"
            FLOWSTATE_STORE_SWEEP_INTERVAL   | PT0S     | store.sweepInterval: expected a positive duration such as PT2S, 2s, 500ms or 30m, was "PT0S"
            FLOWSTATE_SCRIPT_TIMEOUT         | PT-1S    | script.timeout: expected a positive duration such as PT2S, 2s, 500ms or 30m, was "PT-1S"
            FLOWSTATE_SCRIPT_STATEMENT_LIMIT | 1e6      | script.statementLimit: expected an integer of at least 1, was "1e6"
            FLOWSTATE_MODE                   | turbo    | mode: expected one of process, hybrid, token, session, was "turbo"
            FLOWSTATE_REDIS_URL              | http://cache:6379 | store.redisUrl: expected a URL of scheme redis, rediss, redis-sentinel, rediss-sentinel, redis-socket, redis-cluster, rediss-cluster, was "http://cache:6379"
            """)
    void aBadEnvironmentValueNamesItsKeyAndVariable(String variable, String value, String message) {
        assertThatThrownBy(() -> new ConfigLoader(Map.of(variable, value)).load(null, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message + " (from " + variable + ")");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            port = "8080"           | server.port: expected an integer between 0 and 65535, was "8080"
            port = 8080.5           | server.port: expected an integer between 0 and 65535, was 8080.5
            port = 99999            | server.port: expected an integer between 0 and 65535, was 99999
            port = true             | server.port: expected an integer between 0 and 65535, was true
            host = 127              | server.host: expected a non-empty string, was 127
            host = ""               | server.host: expected a non-empty string, was ""
            host = ["a", "b"]       | server.host: expected a non-empty string, was an array
            """)
    void aBadFileValueNamesItsKeyAndTheFile(String line, String message) throws IOException {
        Path file = Files.writeString(dir.resolve("flowstate.toml"), "[server]\n" + line + "\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of(), dir).load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message + " (from " + file + ")");
    }

    @Test
    void aBadFlagNamesItsKeyAndTheFlag() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(null, Map.of(ConfigKey.STORE_KIND, "postgres")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("store.kind: expected one of sqlite, memory, redis, was \"postgres\" (from --store)");
    }

    @Test
    void aBadFlagIsReportedEvenWhenTheEnvironmentHoldsAGoodValue() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("FLOWSTATE_PORT", "80"))
                .load(null, Map.of(ConfigKey.SERVER_PORT, "eighty")))
                .hasMessageStartingWith("server.port:")
                .hasMessageEndingWith("(from --port)");
    }

    @Test
    void anAllowedOriginThatIsNotAnOriginIsRejectedWithWhereItCameFrom() throws IOException {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("FLOWSTATE_SERVER_ALLOWED_ORIGINS",
                "https://ok.example.com,https://app.example.com/path")).load(null, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("server.allowedOrigins: expected a list of origins")
                .hasMessageEndingWith("was \"https://app.example.com/path\" (from FLOWSTATE_SERVER_ALLOWED_ORIGINS)");
        Path file = Files.writeString(dir.resolve("o.toml"), "[server]\nallowedOrigins = \"https://a.example.com\"\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file, Map.of()))
                .hasMessageStartingWith("server.allowedOrigins: expected a list of origins")
                .hasMessageContaining("(from " + file + ")");
        Path ftp = Files.writeString(dir.resolve("f.toml"), "[server]\nallowedOrigins = [\"ftp://a.example.com\"]\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(ftp, Map.of()))
                .hasMessageContaining("was \"ftp://a.example.com\"");
    }

    @Test
    void anUnknownKeyInATableIsRejectedWithTheKeysThatTableKnows() throws IOException {
        Path file = Files.writeString(dir.resolve("flowstate.toml"), "[server]\nprot = 8080\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("server.prot: unknown key (in " + file + "); the [server] table knows host, port, maxBodyBytes, allowedOrigins, "
                        + "cors.allowedOrigins, cors.allowCredentials, demo, readTimeout");
    }

    @Test
    void anUnknownTopLevelKeyOrTableIsRejected() throws IOException {
        Path key = Files.writeString(dir.resolve("a.toml"), "colour = \"blue\"\n");
        Path table = Files.writeString(dir.resolve("b.toml"), "[cache]\nmaxBytes = 6144\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(key, Map.of()))
                .hasMessage("colour: unknown key (in " + key + "); known top-level keys: flows, mode, and the tables "
                        + "[server], [store], [script], [token], [events], [session], [migration], [log], [metrics], [ratelimit], [auth],"
                        + " [nflow]");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(table, Map.of()))
                .hasMessageStartingWith("cache: unknown key (in " + table + ")");
    }

    @Test
    void aNestedTableInsideASectionIsAnUnknownKey() throws IOException {
        Path file = Files.writeString(dir.resolve("flowstate.toml"), "[store.redis]\nurl = \"redis://x\"\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file, Map.of()))
                .hasMessageStartingWith("store.redis: unknown key (in " + file + "); the [store] table knows kind, ");
    }

    @Test
    void aSectionWrittenAsAValueIsRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("flowstate.toml"), "server = 8080\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file, Map.of()))
                .hasMessage("server: expected a table ([server]), was 8080 (from " + file + ")");
    }

    @Test
    void aTomlSyntaxErrorNamesTheFileAndLine() throws IOException {
        Path file = Files.writeString(dir.resolve("flowstate.toml"), "[server]\nport = 80\nhost = \n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": not valid TOML: ")
                .hasMessageContaining("line 3");
    }

    @Test
    void aFileThatIsNotUtf8CannotBeRead() throws IOException {
        Path file = Files.write(dir.resolve("flowstate.toml"), new byte[] {'#', ' ', (byte) 0xC3, (byte) 0x28, '\n'});

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": cannot read the configuration file: ");
    }

    @Test
    void aMissingConfigFileNamesTheFlagOrVariableThatNamedIt() {
        Path missing = dir.resolve("nope.toml");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(missing, Map.of()))
                .hasMessage("--config: no such configuration file: " + missing);
        assertThatThrownBy(() -> new ConfigLoader(Map.of("FLOWSTATE_CONFIG", "nope.toml"), dir).load(null, Map.of()))
                .hasMessage("FLOWSTATE_CONFIG: no such configuration file: " + missing);
    }

    @Test
    void aDirectoryIsNotAConfigFile() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(dir, Map.of()))
                .hasMessage("--config: no such configuration file: " + dir);
    }

    @Test
    void aRejectedRedisUrlDoesNotRevealItsPassword() {
        Map<String, String> env = Map.of("FLOWSTATE_REDIS_URL", "htp://:hunter2@cache:6379");

        assertThatThrownBy(() -> new ConfigLoader(env).load(null, Map.of()))
                .hasMessageContaining("was \"htp://:***@cache:6379\"")
                .hasMessageNotContaining("hunter2");
    }
}
