package io.flowstate.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.limit.RateDecision;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LocalRateLimiter limiter = new LocalRateLimiter(2, 3, now::get);

    @Test
    void aClientMayWriteItsBurstAtOnceAndIsThenToldWhenTheNextTokenArrives() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.take("ip:10.0.0.1").allowed()).isTrue();
        }

        RateDecision refused = limiter.take("ip:10.0.0.1");

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void theBucketRefillsAtTheRateAndOtherClientsHaveTheirOwn() {
        for (int i = 0; i < 3; i++) {
            limiter.take("ip:10.0.0.1");
        }
        assertThat(limiter.take("ip:10.0.0.2").allowed()).isTrue();

        now.addAndGet(Duration.ofMillis(500).toNanos());

        assertThat(limiter.take("ip:10.0.0.1").allowed()).isTrue();
        assertThat(limiter.take("ip:10.0.0.1").allowed()).isFalse();
    }
}
