package io.flowstate.core.process;

import org.jspecify.annotations.Nullable;

/**
 * One step executed inside a commit: the step id, its type, and the edge it left by
 * ({@code null} when it waits or ends).
 */
public record StepRun(String step, String type, @Nullable String next) {
}
