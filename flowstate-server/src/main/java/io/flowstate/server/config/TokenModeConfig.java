package io.flowstate.server.config;

import io.flowstate.core.token.TokenConfig;
import io.flowstate.core.token.TokenFormat;
import io.flowstate.core.token.TokenKeys;
import io.flowstate.core.token.TokenOverflow;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Token mode settings ({@code [token]}) as configured, which may name no key at all: a server whose flows never
 * run in token mode needs none. {@link #codecConfig()} turns them into the codec's {@link TokenConfig}, which
 * always has keys.
 *
 * @param format      {@code token.format}: jwe (default) or jws
 * @param keys        {@code token.keys}: ordered kid → secret, the first seals new tokens; null when none is set.
 *                    Its {@code toString()} names the kids, never a secret
 * @param ttl         {@code token.ttl}: lifetime of a token (default 24 h), whole seconds
 * @param maxBytes    {@code token.maxBytes}: largest token handed out (default 6144)
 * @param overflow    {@code token.overflow}: reject (413, default) or process (move the process to the store)
 * @param replayGuard {@code token.replayGuard}: refuse tokens already used (default true)
 */
public record TokenModeConfig(TokenFormat format, @Nullable TokenKeys keys, Duration ttl, int maxBytes, TokenOverflow overflow,
                              boolean replayGuard) {

    /**
     * Largest {@code token.maxBytes}: the HTTP listener refuses request headers over 16 KiB in total (with a bare
     * 400), so a larger token could be issued but never sent back.
     */
    public static final int MAX_TOKEN_BYTES = 15 * 1024;

    public static final TokenModeConfig DEFAULTS = new TokenModeConfig(TokenFormat.JWE, null, TokenConfig.DEFAULT_TTL,
            TokenConfig.DEFAULT_MAX_BYTES, TokenOverflow.REJECT, true);

    public TokenModeConfig {
        if (format == null) {
            throw new ConfigException("token.format must be jwe or jws");
        }
        if (overflow == null) {
            throw new ConfigException("token.overflow must be reject or process");
        }
        if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(TokenConfig.MAX_TTL) > 0
                || ttl.toNanosPart() != 0) {
            throw new ConfigException("token.ttl must be whole seconds between 1 second and 366 days, was " + ttl);
        }
        if (maxBytes < TokenConfig.MIN_MAX_BYTES || maxBytes > MAX_TOKEN_BYTES) {
            throw new ConfigException("token.maxBytes must be between " + TokenConfig.MIN_MAX_BYTES + " and "
                    + MAX_TOKEN_BYTES + ", was " + maxBytes);
        }
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
     * The codec's configuration.
     *
     * @throws ConfigException naming {@code token.keys} when no key is configured
     */
    public TokenConfig codecConfig() {
        if (keys == null) {
            throw new ConfigException("token.keys: token mode needs at least one key; add a [[token.keys]] table"
                    + " with kid and secret (a base64 secret of at least 256 bits: openssl rand -base64 32)"
                    + " or set FLOWSTATE_TOKEN_KEYS=kid:secret");
        }
        return new TokenConfig(format, keys, ttl, maxBytes, overflow, replayGuard);
    }

    public TokenModeConfig withKeys(TokenKeys newKeys) {
        return new TokenModeConfig(format, newKeys, ttl, maxBytes, overflow, replayGuard);
    }

    public TokenModeConfig withFormat(TokenFormat newFormat) {
        return new TokenModeConfig(newFormat, keys, ttl, maxBytes, overflow, replayGuard);
    }

    public TokenModeConfig withTtl(Duration newTtl) {
        return new TokenModeConfig(format, keys, newTtl, maxBytes, overflow, replayGuard);
    }

    public TokenModeConfig withMaxBytes(int newMaxBytes) {
        return new TokenModeConfig(format, keys, ttl, newMaxBytes, overflow, replayGuard);
    }

    public TokenModeConfig withOverflow(TokenOverflow newOverflow) {
        return new TokenModeConfig(format, keys, ttl, maxBytes, newOverflow, replayGuard);
    }

    public TokenModeConfig withReplayGuard(boolean guard) {
        return new TokenModeConfig(format, keys, ttl, maxBytes, overflow, guard);
    }
}
