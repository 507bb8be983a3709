package io.flowstate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code [token]} keys: read from the file and the environment; secrets never reach a message or the log. */
class TokenConfigLoaderTest {

    static final String SECRET_1 = TokenKeys.newSecret();
    static final String SECRET_2 = TokenKeys.newSecret();

    @TempDir
    Path dir;

    @Test
    void readsTheTokenTableWithAnArrayOfKeyTablesFromTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("flowstate.toml"), """
                [token]
                format = "jws"
                ttl = "PT1H"
                maxBytes = 8192
                overflow = "process"
                replayGuard = false

                [[token.keys]]
                kid = "k2"
                secret = "%s"

                [[token.keys]]
                kid = "k1"
                secret = "%s"
                """.formatted(SECRET_2, SECRET_1));

        TokenConfig token = new ConfigLoader(Map.of(), dir).load(file, Map.of()).config().token();

        assertThat(token).isEqualTo(new TokenConfig(TokenFormat.JWS,
                TokenKeys.fromBase64(List.of(Map.entry("k2", SECRET_2), Map.entry("k1", SECRET_1))),
                Duration.ofHours(1), 8192, TokenOverflow.PROCESS, false));
        assertThat(token.keys().signingKid()).isEqualTo("k2");
    }

    @Test
    void readsKeysAsInlineTablesToo() throws IOException {
        Path file = Files.writeString(dir.resolve("inline.toml"), """
                [token]
                keys = [{ kid = "k1", secret = "%s" }]
                """.formatted(SECRET_1));

        assertThat(new ConfigLoader(Map.of(), dir).load(file, Map.of()).config().token().kids()).containsExactly("k1");
    }

    @Test
    void readsKidSecretPairsFromTheEnvironmentInOrder() {
        EffectiveConfig effective = new ConfigLoader(Map.of("FLOWSTATE_TOKEN_KEYS", " k2:" + SECRET_2 + " , k1:"
                + SECRET_1)).load(null, Map.of());

        assertThat(effective.config().token().kids()).containsExactly("k2", "k1");
        assertThat(effective.origin(ConfigKey.TOKEN_KEYS)).isEqualTo("FLOWSTATE_TOKEN_KEYS");
    }

    @Test
    void theEffectiveConfigurationNamesTheKidsAndHidesEverySecret() {
        EffectiveConfig effective = new ConfigLoader(Map.of("FLOWSTATE_TOKEN_KEYS", "k2:" + SECRET_2 + ",k1:"
                + SECRET_1)).load(null, Map.of());

        String text = ConfigPrinter.render(effective);

        assertThat(text).doesNotContain(SECRET_1, SECRET_2)
                .containsPattern("\\[token]\\n")
                .containsPattern("keys = \\[\\{ kid = \"k2\", secret = \"\\*\\*\\*\" }, \\{ kid = \"k1\", secret ="
                        + " \"\\*\\*\\*\" }] +# FLOWSTATE_TOKEN_KEYS\\n")
                .containsPattern("replayGuard = true +# default\\n")
                .containsPattern("maxBytes = 6144 +# default\\n");
        assertThat(effective.config().toString()).doesNotContain(SECRET_1, SECRET_2);
    }

    @Test
    void withoutKeysTheDefaultPrintsAnEmptyListThatLoadsBack() throws IOException {
        String text = ConfigPrinter.render(FlowstateConfig.DEFAULTS);
        assertThat(text).containsPattern("keys = \\[] +# default\\n");

        Path file = Files.writeString(dir.resolve("defaults.toml"), text);
        assertThat(new ConfigLoader(Map.of(), dir).load(file, Map.of()).config().token())
                .isEqualTo(TokenConfig.DEFAULTS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            short secret    | k1:c2hvcnQ=           | token.keys[0] (kid 'k1'): secret must be at least 256 bits (32 bytes) once decoded, was 40 bits (from FLOWSTATE_TOKEN_KEYS)
            not base64      | k1:%%%%not-base64%%%% | token.keys[0] (kid 'k1'): secret is not valid base64 (from FLOWSTATE_TOKEN_KEYS)
            no kid          | c2hvcnQsIGJ1dCBhIHNlY3JldA== | token.keys[0]: expected kid:secret (from FLOWSTATE_TOKEN_KEYS)
            empty entry     | k1:SECRET,,           | token.keys[1]: expected kid:secret (from FLOWSTATE_TOKEN_KEYS)
            repeated kid    | k1:SECRET,k1:SECRET   | token.keys[1] (kid 'k1'): kid is listed twice (from FLOWSTATE_TOKEN_KEYS)
            bad kid         | k 1:SECRET            | token.keys[0]: kid must be 1 to 64 characters of A-Z a-z 0-9 . _ -, was 'k 1' (from FLOWSTATE_TOKEN_KEYS)
            """)
    void aBadKeyNamesTheEntryButNeverTheSecret(String name, String value, String message) {
        String variable = value.replace("SECRET", SECRET_1);

        assertThatThrownBy(() -> new ConfigLoader(Map.of("FLOWSTATE_TOKEN_KEYS", variable)).load(null, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET_1, "c2hvcnQ", "not-base64"));
    }

    @Test
    void aKeyTableWithAnUnknownFieldIsRefusedWithoutShowingTheSecret() throws IOException {
        Path file = Files.writeString(dir.resolve("flowstate.toml"), """
                [[token.keys]]
                kid = "k1"
                secret = "%s"
                algorithm = "HS256"
                """.formatted(SECRET_1));

        assertThatThrownBy(() -> new ConfigLoader(Map.of(), dir).load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("token.keys[0]: unknown field 'algorithm'; a key has kid and secret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET_1));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            FLOWSTATE_TOKEN_FORMAT        | jwt   | token.format: expected one of jwe, jws, was "jwt" (from FLOWSTATE_TOKEN_FORMAT)
            FLOWSTATE_TOKEN_OVERFLOW      | drop  | token.overflow: expected one of reject, process, was "drop" (from FLOWSTATE_TOKEN_OVERFLOW)
            FLOWSTATE_TOKEN_REPLAY_GUARD  | yes   | token.replayGuard: expected true or false, was "yes" (from FLOWSTATE_TOKEN_REPLAY_GUARD)
            FLOWSTATE_TOKEN_MAX_BYTES     | 512   | token.maxBytes: expected an integer between 1024 and 15360, was "512" (from FLOWSTATE_TOKEN_MAX_BYTES)
            FLOWSTATE_TOKEN_MAX_BYTES     | 65536 | token.maxBytes: expected an integer between 1024 and 15360, was "65536" (from FLOWSTATE_TOKEN_MAX_BYTES)
            FLOWSTATE_TOKEN_TTL           | PT0.5S | token.ttl must be whole seconds between 1 second and 366 days, was PT0.5S
            """)
    void aBadTokenValueNamesItsKey(String variable, String value, String message) {
        assertThatThrownBy(() -> new ConfigLoader(Map.of(variable, value)).load(null, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void theCodecConfigurationNeedsAKey() {
        assertThatThrownBy(TokenConfig.DEFAULTS::requireKeys)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("token.keys: token mode needs at least one key");
    }
}
