package io.flowstate.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.testkit.FormStates;
import io.flowstate.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The size budget, and what a token costs relative to the state it carries. */
class TokenSizeTest {

    private static final TokenKeys KEYS = TokenKeys.fromBase64("k1", TokenKeys.newSecret());

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private ProcessTokenCodec codec(TokenFormat format, int maxBytes) {
        return new ProcessTokenCodec(TokenConfig.defaults(KEYS).withFormat(format).withMaxBytes(maxBytes), clock);
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void reportsTokenTooLargeOnceAGrowingStatePassesTheBudget(TokenFormat format) {
        // given: the default budget of 6144 bytes
        ProcessTokenCodec codec = codec(format, TokenConfig.DEFAULT_MAX_BYTES);

        // when: the state grows by one form record per step
        EncodeResult result = null;
        int lastIssuedSize = 0;
        for (int kib = 1; kib <= 64; kib++) {
            result = codec.encode(waiting("loan", FormStates.ofSize(kib * 1024, 42)));
            if (result instanceof EncodeResult.Issued issued) {
                lastIssuedSize = issued.token().length();
            } else {
                break;
            }
        }

        // then
        assertThat(result).isInstanceOf(EncodeResult.TokenTooLarge.class);
        EncodeResult.TokenTooLarge tooLarge = (EncodeResult.TokenTooLarge) result;
        assertThat(tooLarge.maxBytes()).isEqualTo(6144);
        assertThat(tooLarge.size()).isGreaterThan(6144);
        assertThat(lastIssuedSize).isPositive().isLessThanOrEqualTo(6144);
    }

    @Test
    void reportsTheSizeTheTokenWouldHaveHad() {
        // given: JWS length depends only on the payload length, so it is exact
        ProcessInstance process = waiting("loan", FormStates.ofSize(7168, 7));

        // when
        EncodeResult small = codec(TokenFormat.JWS, 4096).encode(process);
        EncodeResult large = codec(TokenFormat.JWS, TokenConfig.MAX_MAX_BYTES).encode(process);

        // then
        assertThat(((EncodeResult.TokenTooLarge) small).size())
                .isEqualTo(((EncodeResult.Issued) large).token().length());
    }

    @Test
    void measuresTokenSizeAgainstRawStateSize() {
        // given: realistic form data of 1, 4 and 7 KiB
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%n%-9s %-9s %-10s %-10s %-9s %-9s%n",
                "state", "json B", "jwe B", "jws B", "jwe/json", "jws/json"));
        for (int size : new int[] {1024, 4096, 7168}) {
            ObjectNode state = FormStates.ofSize(size, size);
            int json = Json.bytes(state).length;
            ProcessInstance process = waiting("loan", state);

            // when
            int jwe = ((EncodeResult.Issued) codec(TokenFormat.JWE, TokenConfig.MAX_MAX_BYTES).encode(process)).token().length();
            int jws = ((EncodeResult.Issued) codec(TokenFormat.JWS, TokenConfig.MAX_MAX_BYTES).encode(process)).token().length();

            // then: JWE compresses before it encrypts; JWS is base64 of the claims (≥ 4/3) plus header and MAC
            assertThat(Math.abs(json - size)).isLessThan(8);
            assertThat(jws).isGreaterThan(json * 4 / 3);
            assertThat(jwe).isLessThan(jws);
            if (size >= 4096) {
                assertThat(jwe).isLessThan(json);
            }
            table.append(String.format(Locale.ROOT, "%-9s %-9d %-10d %-10d %-9.2f %-9.2f%n", size / 1024 + " KiB",
                    json, jwe, jws, (double) jwe / json, (double) jws / json));
        }
        System.out.print(table);
    }

    private static ProcessInstance waiting(String flowId, ObjectNode state) {
        Instant created = Instant.parse("2026-03-01T09:15:30.123456789Z");
        return new ProcessInstance(UUID.randomUUID(), flowId, "sha256:3f2a", ProcessStatus.WAITING, 3, "address",
                state, null, null, created, created.plusMillis(2500), created.plus(Duration.ofDays(30)));
    }
}
