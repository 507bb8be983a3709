package io.flowstate.server.config;

import java.util.List;

/**
 * Per-client token buckets for writes: starts, steps (also token mode's continue) and state edits.
 *
 * @param writesPerSecond {@code ratelimit.writesPerSecond}: the rate at which a client's bucket refills; 0 turns
 *                        the limit off
 * @param burst           {@code ratelimit.burst}: the bucket's size, the writes a client may send at once; 0 means
 *                        as many as {@code writesPerSecond}
 * @param trustedProxies  {@code ratelimit.trustedProxies}: addresses or CIDR ranges of proxies whose
 *                        {@code X-Forwarded-For} names the client; from any other peer the header is ignored
 */
public record RateLimitConfig(int writesPerSecond, int burst, List<String> trustedProxies) {

    public static final RateLimitConfig DEFAULTS = new RateLimitConfig(0, 0, List.of());

    public RateLimitConfig {
        if (writesPerSecond < 0) {
            throw new ConfigException("ratelimit.writesPerSecond must be 0 (off) or more, was " + writesPerSecond);
        }
        if (burst < 0) {
            throw new ConfigException("ratelimit.burst must be 0 (as writesPerSecond) or more, was " + burst);
        }
        if (trustedProxies == null) {
            throw new ConfigException("ratelimit.trustedProxies must be a list (empty for none)");
        }
        trustedProxies = List.copyOf(trustedProxies);
        trustedProxies.forEach(AddressRange::parse);
    }

    /** True when writes are limited. */
    public boolean enabled() {
        return writesPerSecond > 0;
    }

    /** The bucket's size in effect. */
    public int effectiveBurst() {
        return burst > 0 ? burst : Math.max(1, writesPerSecond);
    }
}
