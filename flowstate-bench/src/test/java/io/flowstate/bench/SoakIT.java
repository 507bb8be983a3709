package io.flowstate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The short soak of CI: {@link SoakLoadDriver} for 8 samples 20 s apart (about 3 minutes with the final expiry)
 * at 30 processes per second on a private Redis, with 30 SSE subscribers and processes that expire after 10 s.
 * Fails on a leak trend: the least-squares slope of the heap after GC over samples 2 to 8 above 1 MiB per sample,
 * Redis keys not back to their baseline once the last processes expired, or any failed request.
 */
class SoakIT {

    @Test
    void noLeakTrendInAShortSoak() throws Exception {
        boolean ok = new SoakLoadDriver(8, Duration.ofSeconds(20), 30, 30, Duration.ofSeconds(10), 1.0).run();
        assertThat(ok).as("see the table above").isTrue();
    }
}
