package io.flowstate.server.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final AtomicLong now = new AtomicLong();
    private final TokenBucket bucket = new TokenBucket(20, 40, now::get);

    @Test
    void acceptsABurstThenRefillsAtTheRate() {
        for (int i = 0; i < 40; i++) {
            assertThat(bucket.tryTake()).as("message %d of the burst", i).isTrue();
        }
        assertThat(bucket.tryTake()).isFalse();

        now.addAndGet(50_000_000); // 50 ms at 20/s: one token
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isFalse();

        now.addAndGet(60_000_000_000L); // a minute idle refills to the burst, not beyond
        int accepted = 0;
        while (bucket.tryTake()) {
            accepted++;
        }
        assertThat(accepted).isEqualTo(40);
    }
}
