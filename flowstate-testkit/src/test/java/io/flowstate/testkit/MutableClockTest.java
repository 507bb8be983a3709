package io.flowstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MutableClockTest {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void standsStillUntilMoved() {
        MutableClock clock = new MutableClock(START);

        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(START.plusSeconds(300));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(300));

        clock.set(START.minusMillis(1));
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli() - 1);
    }

    @Test
    void zonedCopySharesTheInstant() {
        MutableClock clock = new MutableClock(START);
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        clock.advance(Duration.ofHours(1));

        assertThat(paris.instant()).isEqualTo(START.plusSeconds(3600));
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void concurrentAdvancesAreAllApplied() throws Exception {
        MutableClock clock = new MutableClock(START);

        Concurrently.run(8, thread -> {
            for (int i = 0; i < 1_000; i++) {
                clock.advance(Duration.ofMillis(1));
            }
            return null;
        });

        assertThat(clock.instant()).isEqualTo(START.plusSeconds(8));
    }
}
