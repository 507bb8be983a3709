package io.flowstate.core.token;

import io.flowstate.core.testing.SettableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.process.ProcessInstance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Key rotation: prepend a key, keep the old one for a TTL, then drop it. */
class TokenRotationTest {

    private static final String K1 = TokenKeys.newSecret();
    private static final String K2 = TokenKeys.newSecret();

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final ProcessInstance process = Processes.waiting("signup", "{\"step\":1}");

    private ProcessTokenCodec codec(TokenFormat format, List<Map.Entry<String, String>> keys) {
        return new ProcessTokenCodec(TokenConfig.defaults(TokenKeys.fromBase64(keys)).withFormat(format), clock);
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void keepsAcceptingOldTokensAfterANewKeyIsPrependedAndRefusesThemOnceTheOldKeyIsRemoved(TokenFormat format) {
        // given: a token minted while only k1 existed
        String old = ((EncodeResult.Issued) codec(format, List.of(Map.entry("k1", K1))).encode(process)).token();

        // when: k2 is prepended
        ProcessTokenCodec rotated = codec(format, List.of(Map.entry("k2", K2), Map.entry("k1", K1)));

        // then: the old token still continues, new tokens use k2
        assertThat(rotated.decode(old, "signup")).isInstanceOf(DecodeResult.Verified.class);
        String fresh = ((EncodeResult.Issued) rotated.encode(process)).token();
        assertThat(TokenForge.headerJson(fresh)).contains("\"kid\":\"k2\"");
        assertThat(rotated.decode(fresh, "signup")).isInstanceOf(DecodeResult.Verified.class);

        // when: k1 is removed
        ProcessTokenCodec retired = codec(format, List.of(Map.entry("k2", K2)));

        // then: the old token is refused, the new one still works
        assertThat(retired.decode(old, "signup")).isInstanceOf(DecodeResult.Rejected.class);
        assertThat(((DecodeResult.Rejected) retired.decode(old, "signup")).reason()).contains("unknown kid 'k1'");
        assertThat(retired.decode(fresh, "signup")).isInstanceOf(DecodeResult.Verified.class);
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void refusesAnOldTokenWhenTheOldKidIsReusedForANewSecret(TokenFormat format) {
        // given
        String old = ((EncodeResult.Issued) codec(format, List.of(Map.entry("k1", K1))).encode(process)).token();

        // when: an operator reuses the kid for another secret
        ProcessTokenCodec reused = codec(format, List.of(Map.entry("k1", K2)));

        // then
        assertThat(reused.decode(old, "signup")).isInstanceOf(DecodeResult.Rejected.class);
    }
}
