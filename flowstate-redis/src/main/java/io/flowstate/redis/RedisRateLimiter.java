package io.flowstate.redis;

import io.flowstate.core.limit.RateDecision;
import io.flowstate.core.limit.RateLimiter;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Token buckets shared by every instance on one Redis: one small hash per client ({@code prefix:{rl:<digest>}:b},
 * its own hash tag, so Redis Cluster is fine), updated by one Lua script on Redis's clock. A bucket that would be
 * full again expires. One round trip per write.
 */
final class RedisRateLimiter implements RateLimiter {

    private static final LuaScript RATE_LIMIT = LuaScript.load("rate-limit");

    private final RedisStoreContext context;
    private final String prefix;
    private final byte[] rate;
    private final byte[] burst;

    RedisRateLimiter(RedisStoreContext context, String prefix, int perSecond, int burst) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be >= 1");
        }
        this.context = context;
        this.prefix = prefix;
        this.rate = RedisKeys.bytes(Integer.toString(perSecond));
        this.burst = RedisKeys.bytes(Integer.toString(burst));
    }

    @Override
    public RateDecision take(String client) {
        byte[][] keys = {RedisKeys.bytes(prefix + ":{rl:" + digest(client) + "}:b")};
        List<Object> reply = context.failures().await(
                RATE_LIMIT.<List<Object>>run(context.commands(), ScriptOutputType.MULTI, keys, rate, burst));
        boolean allowed = ((Long) reply.get(0)) == 1L;
        return allowed ? RateDecision.ALLOWED : RateDecision.refused(Duration.ofNanos((Long) reply.get(1) * 1000));
    }

    /** Client ids may hold any character (a subject); the key holds a digest of them, never a brace. */
    private static String digest(String client) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(client.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
