package io.flowstate.script;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits that bound one script step.
 *
 * <p>The defaults match the server's {@code script.statementLimit} and {@code script.timeout}. A trivial
 * step executes about ten statements and finishes in microseconds; realistic business logic (a loop over a
 * few hundred items, some validation) stays under 100,000 statements. One million statements take roughly
 * 0.1 s in the GraalJS interpreter on a small server, so the statement limit is what stops a runaway loop
 * long before it costs noticeable CPU. The wall-clock limit catches what statements do not count, such as
 * a single built-in call that runs long (a catastrophic regular expression, sorting a huge array); two
 * seconds is far above any legitimate step, yet short enough that a request waiting on the step fails
 * quickly and a script context is not held for long.
 *
 * @param statementLimit JavaScript statements one step may execute, at least 1; exceeding it fails the
 *                       step with {@code script_timeout}
 * @param timeout        wall-clock limit of one step, positive; exceeding it fails the step with
 *                       {@code script_timeout}. It also bounds how long a step waits for a free context.
 */
public record ScriptLimits(long statementLimit, Duration timeout) {

    /** One million statements and two seconds. */
    public static final ScriptLimits DEFAULTS = new ScriptLimits(1_000_000, Duration.ofSeconds(2));

    public ScriptLimits {
        if (statementLimit < 1) {
            throw new IllegalArgumentException("statementLimit must be at least 1, was " + statementLimit);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }
}
