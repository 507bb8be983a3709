package io.flowstate.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenConfigTest {

    private static final TokenKeys KEYS = TokenKeys.fromBase64("k1", TokenKeys.newSecret());

    @Test
    void defaultsToJweForADayWithinSixKibibytes() {
        TokenConfig config = TokenConfig.defaults(KEYS);

        assertThat(config.format()).isEqualTo(TokenFormat.JWE);
        assertThat(config.ttl()).isEqualTo(Duration.ofHours(24));
        assertThat(config.maxBytes()).isEqualTo(6144);
        assertThat(config.overflow()).isEqualTo(TokenOverflow.REJECT);
        assertThat(config.replayGuard()).isTrue();
        assertThat(config.maxAcceptedLength()).isEqualTo(12288);
    }

    @Test
    void refusesBadValuesNamingTheKey() {
        TokenConfig config = TokenConfig.defaults(KEYS);
        assertThatThrownBy(() -> config.withMaxBytes(100))
                .hasMessage("token.maxBytes must be between 1024 and 15360, was 100");
        assertThatThrownBy(() -> config.withMaxBytes(16 * 1024)).hasMessageStartingWith("token.maxBytes must be between");
        assertThatThrownBy(() -> config.withTtl(Duration.ZERO))
                .hasMessage("token.ttl must be whole seconds between 1 second and 366 days, was PT0S");
        assertThatThrownBy(() -> config.withTtl(Duration.ofMillis(1500))).hasMessageStartingWith("token.ttl must be whole seconds");
        assertThatThrownBy(() -> config.withKeys(null).requireKeys()).hasMessageStartingWith("token.keys: token mode needs");
        assertThatThrownBy(() -> config.withFormat(null)).hasMessage("token.format must be jwe or jws");
        assertThatThrownBy(() -> new TokenConfig(TokenFormat.JWE, KEYS, Duration.ofHours(1), 6144, null, true))
                .hasMessage("token.overflow must be reject or process");
    }

    @Test
    void readsFormatAndOverflowByTheirWireNames() {
        assertThat(TokenFormat.fromWire("jws")).isEqualTo(TokenFormat.JWS);
        assertThat(TokenOverflow.fromWire("process")).isEqualTo(TokenOverflow.PROCESS);
        assertThatThrownBy(() -> TokenFormat.fromWire("jwt")).hasMessage("token.format must be jwe or jws, was 'jwt'");
        assertThatThrownBy(() -> TokenOverflow.fromWire("store"))
                .hasMessage("token.overflow must be reject or process, was 'store'");
    }
}
