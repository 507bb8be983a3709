package io.flowstate.core.token;

import java.time.Duration;

/**
 * Token mode settings ({@code token.*}). Validated on construction; every message names its key.
 *
 * @param format      {@code token.format}: {@link TokenFormat#JWE} (default) or {@link TokenFormat#JWS}
 * @param keys        {@code token.keys}: ordered {@code kid} → secret, the first seals new tokens
 * @param ttl         {@code token.ttl}: lifetime of a token from its issue (default 24 h); whole seconds, because
 *                    {@code exp} is a JWT NumericDate
 * @param maxBytes    {@code token.maxBytes}: largest token the server hands out (default 6144, under the common
 *                    8 KiB request-header limits); the codec accepts at most {@link #maxAcceptedLength()} when
 *                    decoding
 * @param overflow    {@code token.overflow}: what the server does with a token over {@code maxBytes}
 * @param replayGuard {@code token.replayGuard}: whether the server keeps the last accepted version per process
 *                    (default true); the codec itself is stateless either way
 */
public record TokenConfig(TokenFormat format, TokenKeys keys, Duration ttl, int maxBytes, TokenOverflow overflow,
                          boolean replayGuard) {

    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    public static final int DEFAULT_MAX_BYTES = 6144;
    /** Below this even an empty state does not fit. */
    public static final int MIN_MAX_BYTES = 1024;
    /** Far above any proxy's header limit; a larger budget is a configuration mistake. */
    public static final int MAX_MAX_BYTES = 1 << 16;
    public static final Duration MAX_TTL = Duration.ofDays(366);

    public TokenConfig {
        if (format == null) {
            throw new IllegalArgumentException("token.format must be jwe or jws");
        }
        if (keys == null) {
            throw new IllegalArgumentException("token.keys must list at least one key");
        }
        if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("token.ttl must be between 1 second and 366 days, was " + ttl);
        }
        if (ttl.toNanosPart() != 0) {
            throw new IllegalArgumentException("token.ttl must be whole seconds, was " + ttl);
        }
        if (maxBytes < MIN_MAX_BYTES || maxBytes > MAX_MAX_BYTES) {
            throw new IllegalArgumentException("token.maxBytes must be between " + MIN_MAX_BYTES + " and "
                    + MAX_MAX_BYTES + ", was " + maxBytes);
        }
        if (overflow == null) {
            throw new IllegalArgumentException("token.overflow must be reject or process");
        }
    }

    /** JWE, 24 h, 6144 bytes, overflow {@code reject}, replay guard on. */
    public static TokenConfig defaults(TokenKeys keys) {
        return new TokenConfig(TokenFormat.JWE, keys, DEFAULT_TTL, DEFAULT_MAX_BYTES, TokenOverflow.REJECT, true);
    }

    public TokenConfig withFormat(TokenFormat newFormat) {
        return new TokenConfig(newFormat, keys, ttl, maxBytes, overflow, replayGuard);
    }

    public TokenConfig withKeys(TokenKeys newKeys) {
        return new TokenConfig(format, newKeys, ttl, maxBytes, overflow, replayGuard);
    }

    public TokenConfig withTtl(Duration newTtl) {
        return new TokenConfig(format, keys, newTtl, maxBytes, overflow, replayGuard);
    }

    public TokenConfig withMaxBytes(int newMaxBytes) {
        return new TokenConfig(format, keys, ttl, newMaxBytes, overflow, replayGuard);
    }

    /**
     * Longest string {@link ProcessTokenCodec#decode} will look at: twice {@code maxBytes}. Anything longer is
     * refused before it is split, decoded or parsed, so a huge bearer value costs one length comparison.
     * Twice, not once, so that lowering {@code maxBytes} does not strand tokens already handed out.
     */
    public int maxAcceptedLength() {
        return 2 * maxBytes;
    }
}
