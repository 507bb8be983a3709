package io.flowstate.server.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.flowstate.core.limit.RateDecision;
import io.flowstate.core.limit.RateLimiter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Token buckets on this instance only (the memory and SQLite stores): one per client, forgotten once it would be
 * full again, so idle clients cost nothing. Time comes from a nanosecond source, so tests need no sleeps.
 */
public final class LocalRateLimiter implements RateLimiter {

    private final double perNano;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Cache<String, Bucket> buckets;

    public LocalRateLimiter(int perSecond, int burst, LongSupplier nanoTime) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be >= 1");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        Duration refill = Duration.ofMillis((long) Math.ceil(burst * 1000.0 / perSecond)).plusSeconds(1);
        this.buckets = Caffeine.newBuilder().expireAfterAccess(refill).maximumSize(1_000_000).build();
    }

    @Override
    public RateDecision take(String client) {
        Bucket bucket = buckets.get(client, key -> new Bucket(burst, nanoTime.getAsLong()));
        synchronized (bucket) {
            long now = nanoTime.getAsLong();
            bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.last) * perNano);
            bucket.last = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return RateDecision.ALLOWED;
            }
            return RateDecision.refused(Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / perNano)));
        }
    }

    /** One client's tokens, guarded by itself. */
    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }
}
