package io.flowstate.core.process;

/**
 * One step executed inside a commit: the step id, its type, and the edge it left by
 * ({@code null} when it waits or ends).
 */
public record StepRun(String step, String type, String next) {
}
