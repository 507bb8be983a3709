package io.flowstate.server.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantTest {

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "2026-12-04T18:22:07Z", "2026-12-04T18:22:07.100Z",
        "2026-12-04T18:22:07.000100Z", "2026-12-04T18:22:07.000000100Z", "2024-02-29T23:59:59.999999999Z",
        "9999-12-31T23:59:59.999Z", "1969-12-31T23:59:59.5Z", "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z"})
    void writesWhatInstantToStringWrites(String text) {
        Instant instant = Instant.parse(text);

        assertThat(IsoInstant.format(instant)).isEqualTo(instant.toString());
    }

    @Test
    void agreesWithInstantToStringOnRandomInstants() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-100_000_000_000L, 300_000_000_000L),
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    });

            assertThat(IsoInstant.format(instant)).as("%s", instant).isEqualTo(instant.toString());
        }
    }
}
