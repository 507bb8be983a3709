package io.flowstate.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.limit.RateDecision;
import io.flowstate.core.limit.RateLimiter;
import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.redis.RedisClusterExtension;
import io.flowstate.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared token bucket: two stores (two instances' connections) on one Redis, standalone or Cluster, spend one
 * budget per client; a refusal says how long until the next token; an idle bucket's key expires.
 */
class RedisRateLimiterIT {

    private static final int BURST = 5;

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

    @Test
    void twoConnectionsToOneRedisShareEachClientsBucket() {
        try (RedisProcessStore a = RedisProcessStore.connect(RedisStoreOptions.of(REDIS.uri()), clock);
             RedisProcessStore b = RedisProcessStore.connect(RedisStoreOptions.of(REDIS.uri()), clock)) {
            assertSharedBudget(a.rateLimiter(1, BURST), b.rateLimiter(1, BURST));

            List<?> keys = (List<?>) REDIS.server().call("KEYS", "fs:{rl:*");
            assertThat(keys).hasSize(2);
            long ttl = (Long) REDIS.server().call("PTTL", String.valueOf(keys.getFirst()));
            assertThat(ttl).as("an idle bucket expires once it would be full again").isBetween(1L, BURST * 1000L + 1000);
        }
    }

    @Test
    void onRedisClusterEachBucketIsOneKeyAndStillShared() {
        try (RedisProcessStore a = RedisProcessStore.connect(RedisStoreOptions.of(CLUSTER.uri()), clock);
             RedisProcessStore b = RedisProcessStore.connect(RedisStoreOptions.of(CLUSTER.uri()), clock)) {
            assertSharedBudget(a.rateLimiter(1, BURST), b.rateLimiter(1, BURST));
        }
    }

    /** Alternating takes meet the first refusal after about one burst (two separate buckets would allow two). */
    private static void assertSharedBudget(RateLimiter a, RateLimiter b) {
        String client = "ip:203.0.113." + System.nanoTime() % 200;
        long began = System.nanoTime();
        List<RateDecision> decisions = new ArrayList<>();
        while (decisions.size() < 4 * BURST && (decisions.isEmpty() || decisions.getLast().allowed())) {
            decisions.add((decisions.size() % 2 == 0 ? a : b).take(client));
        }
        long seconds = (System.nanoTime() - began) / 1_000_000_000L + 1;
        RateDecision refused = decisions.getLast();

        assertThat(refused.allowed()).isFalse();
        assertThat(decisions.size() - 1).isBetween(BURST, Math.min(2 * BURST - 1, BURST + (int) seconds));
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(a.take("ip:198.51.100.7").allowed()).as("another client").isTrue();
    }
}
