package io.flowstate.core.token;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Token mode settings ({@code [token]}), as configured and as the codec uses them. Validated on construction; every
 * message names its key. A server whose flows never run in token mode needs no key, so {@code keys} may be null;
 * the codec refuses such a configuration.
 *
 * @param format      {@code token.format}: {@link TokenFormat#JWE} (default) or {@link TokenFormat#JWS}
 * @param keys        {@code token.keys}: ordered {@code kid} → secret, the first seals new tokens; null when none is
 *                    configured. Its {@code toString()} names the kids, never a secret
 * @param ttl         {@code token.ttl}: lifetime of a token from its issue (default 24 h); whole seconds, because
 *                    {@code exp} is a JWT NumericDate
 * @param maxBytes    {@code token.maxBytes}: largest token the server hands out (default 6144, under the common
 *                    8 KiB request-header limits); the codec accepts at most {@link #maxAcceptedLength()} when
 *                    decoding
 * @param overflow    {@code token.overflow}: what the server does with a token over {@code maxBytes}
 * @param replayGuard {@code token.replayGuard}: whether the server keeps the last accepted version per process
 *                    (default true); the codec itself is stateless either way
 */
public record TokenConfig(TokenFormat format, @Nullable TokenKeys keys, Duration ttl, int maxBytes, TokenOverflow overflow,
                          boolean replayGuard) {

    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    public static final int DEFAULT_MAX_BYTES = 6144;
    /** Below this even an empty state does not fit. */
    public static final int MIN_MAX_BYTES = 1024;
    /**
     * Largest {@code token.maxBytes}: the HTTP listener refuses request headers over 16 KiB in total, so a larger
     * token could be issued but never sent back.
     */
    public static final int MAX_MAX_BYTES = 15 * 1024;
    public static final Duration MAX_TTL = Duration.ofDays(366);

    /** JWE, no key, 24 h, 6144 bytes, overflow {@code reject}, replay guard on. */
    public static final TokenConfig DEFAULTS = new TokenConfig(TokenFormat.JWE, null, DEFAULT_TTL, DEFAULT_MAX_BYTES,
            TokenOverflow.REJECT, true);

    public TokenConfig {
        if (format == null) {
            throw new IllegalArgumentException("token.format must be jwe or jws");
        }
        if (overflow == null) {
            throw new IllegalArgumentException("token.overflow must be reject or process");
        }
        if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0
                || ttl.toNanosPart() != 0) {
            throw new IllegalArgumentException("token.ttl must be whole seconds between 1 second and 366 days, was "
                    + ttl);
        }
        if (maxBytes < MIN_MAX_BYTES || maxBytes > MAX_MAX_BYTES) {
            throw new IllegalArgumentException("token.maxBytes must be between " + MIN_MAX_BYTES + " and "
                    + MAX_MAX_BYTES + ", was " + maxBytes);
        }
    }

    /** {@link #DEFAULTS} with these keys. */
    public static TokenConfig defaults(@Nullable TokenKeys keys) {
        return DEFAULTS.withKeys(keys);
    }

    /** True when at least one key is configured. */
    public boolean hasKeys() {
        return keys != null;
    }

    /** The configured kids, signing kid first; empty when none. */
    public List<String> kids() {
        return keys == null ? List.of() : keys.kids();
    }

    /**
     * The keys, for the codec.
     *
     * @throws IllegalArgumentException naming {@code token.keys} when none is configured
     */
    public TokenKeys requireKeys() {
        if (keys == null) {
            throw new IllegalArgumentException("token.keys: token mode needs at least one key; add a [[token.keys]]"
                    + " table with kid and secret (a base64 secret of at least 256 bits: openssl rand -base64 32)"
                    + " or set FLOWSTATE_TOKEN_KEYS=kid:secret");
        }
        return keys;
    }

    public TokenConfig withFormat(TokenFormat newFormat) {
        return new TokenConfig(newFormat, keys, ttl, maxBytes, overflow, replayGuard);
    }

    public TokenConfig withKeys(@Nullable TokenKeys newKeys) {
        return new TokenConfig(format, newKeys, ttl, maxBytes, overflow, replayGuard);
    }

    public TokenConfig withTtl(Duration newTtl) {
        return new TokenConfig(format, keys, newTtl, maxBytes, overflow, replayGuard);
    }

    public TokenConfig withMaxBytes(int newMaxBytes) {
        return new TokenConfig(format, keys, ttl, newMaxBytes, overflow, replayGuard);
    }

    public TokenConfig withOverflow(TokenOverflow newOverflow) {
        return new TokenConfig(format, keys, ttl, maxBytes, newOverflow, replayGuard);
    }

    public TokenConfig withReplayGuard(boolean guard) {
        return new TokenConfig(format, keys, ttl, maxBytes, overflow, guard);
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
