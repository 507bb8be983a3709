package io.flowstate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-05T04:01:02Z", "2026-12-05T04:01:02.1Z", "2026-12-05T04:01:02.123Z",
            "2026-12-05T04:01:02.123456Z", "2026-12-05T04:01:02.123456789Z", "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999999Z", "2000-02-29T12:00:00.5Z", "2024-03-01T00:00:00Z", "2100-12-31T23:59:59Z"})
    void readsWhatInstantParseReadsToTheMicrosecond(String text) {
        byte[] bytes = ("{\"at\":\"" + text + "\"}").getBytes(StandardCharsets.US_ASCII);
        Instant expected = Instant.parse(text).truncatedTo(ChronoUnit.MICROS);

        assertThat(IsoInstants.micros(bytes, 7))
                .isEqualTo(expected.getEpochSecond() * 1_000_000 + expected.getNano() / 1000);
    }

    @Test
    void refusesAnOffsetOtherThanUtc() {
        byte[] bytes = "2026-12-05T04:01:02+01:00".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> IsoInstants.micros(bytes, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
