package io.flowstate.server.ratelimit;

import io.flowstate.core.limit.RateLimiter;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.redis.RedisProcessStore;
import io.flowstate.server.config.RateLimitConfig;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Opens the limiter {@code [ratelimit]} asks for: shared on Redis, per instance on the other stores. */
public final class RateLimiters {

    private RateLimiters() {
    }

    /**
     * The limiter of {@code config}: none when it is off, per instance, or shared through Redis.
     *
     * @param store the store as opened, before any decorator (a Redis store shares its connection with the
     *              limiter); it may throw {@link io.flowstate.core.store.StoreUnavailableException} while a Redis
     *              store is still connecting, and the limiter then lets writes through until it has connected
     */
    public static RateLimiter open(RateLimitConfig config, Supplier<ProcessStore> store, boolean redis) {
        if (!config.enabled()) {
            return RateLimiter.UNLIMITED;
        }
        int rate = config.writesPerSecond();
        int burst = config.effectiveBurst();
        if (!redis) {
            return new LocalRateLimiter(rate, burst, System::nanoTime);
        }
        AtomicReference<RateLimiter> shared = new AtomicReference<>();
        return client -> {
            RateLimiter limiter = shared.get();
            if (limiter == null) {
                if (!(store.get() instanceof RedisProcessStore opened)) {
                    throw new IllegalStateException("store.kind is redis, but the store is not a Redis store");
                }
                limiter = opened.rateLimiter(rate, burst);
                shared.compareAndSet(null, limiter);
            }
            return limiter.take(client);
        };
    }
}
