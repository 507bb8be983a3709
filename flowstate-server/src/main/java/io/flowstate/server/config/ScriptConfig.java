package io.flowstate.server.config;

import java.time.Duration;

/**
 * Limits of one script step.
 *
 * @param statementLimit {@code script.statementLimit}: JavaScript statements one step may execute
 * @param timeout        {@code script.timeout}: wall-clock limit of one step
 */
public record ScriptConfig(long statementLimit, Duration timeout) {
    public static final ScriptConfig DEFAULTS = new ScriptConfig(1_000_000, Duration.ofSeconds(2));

    public ScriptConfig {
        if (statementLimit < 1) {
            throw new ConfigException("script.statementLimit must be at least 1, was " + statementLimit);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new ConfigException("script.timeout must be a positive ISO-8601 duration");
        }
    }
}
