package io.flowstate.core.engine;

/**
 * Bounds the engine enforces on every process.
 *
 * @param maxTransitions steps one command may run before the process fails with {@code step_limit}
 *                       (guards against script loops that never reach a form or an end)
 * @param maxStateBytes  largest serialized state a commit may store
 * @param casRetries     how often an unconditional write re-reads and retries after losing a race
 */
public record EngineLimits(int maxTransitions, int maxStateBytes, int casRetries) {
    public static final EngineLimits DEFAULTS = new EngineLimits(1000, 1 << 20, 16);

    public EngineLimits {
        if (maxTransitions < 1) {
            throw new IllegalArgumentException("engine.maxTransitions must be >= 1");
        }
        if (maxStateBytes < 1024) {
            throw new IllegalArgumentException("engine.maxStateBytes must be >= 1024");
        }
        if (casRetries < 0) {
            throw new IllegalArgumentException("engine.casRetries must be >= 0");
        }
    }
}
