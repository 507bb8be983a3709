package io.flowstate.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowstate.core.store.StoreUnavailableException;
import io.lettuce.core.RedisConnectionException;
import io.netty.util.HashedWheelTimer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisFailuresTest {

    private final HashedWheelTimer timer = new HashedWheelTimer();

    @AfterEach
    void stopTimer() {
        timer.stop();
    }

    @Test
    void aReplyThatNeverComesFailsAsUnavailableOnceTheBackstopFires() throws Exception {
        RedisFailures failures = new RedisFailures(Duration.ofMillis(50), timer);
        CompletableFuture<String> never = new CompletableFuture<>();

        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                failures.await(never);
                failure.complete(null);
            } catch (RuntimeException e) {
                failure.complete(e);
            }
        }).join();

        assertThat(failure.get()).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("Redis did not answer within 300 ms");
        assertThat(never).isCompletedExceptionally();
    }

    @Test
    void returnsTheReplyAndSortsFailures() {
        RedisFailures failures = new RedisFailures(Duration.ofSeconds(2), timer);

        assertThat(failures.await(CompletableFuture.completedFuture("OK"))).isEqualTo("OK");
        assertThatThrownBy(() -> failures.await(CompletableFuture.failedFuture(
                new RedisConnectionException("connection refused"))))
                .isInstanceOf(StoreUnavailableException.class);
    }
}
