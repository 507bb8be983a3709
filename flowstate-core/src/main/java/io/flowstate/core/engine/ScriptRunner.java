package io.flowstate.core.engine;

/**
 * Runs a script step. Implementations sandbox the script and bound its statements and wall-clock time.
 *
 * <p>Error contract: a failing script is a {@link ScriptResult.Failure} value, never an exception;
 * an exception from {@code run} is a bug in the runner and fails the process as {@code script_failed}.
 * Thread-safe: called concurrently from request threads.
 */
@FunctionalInterface
public interface ScriptRunner {
    ScriptResult run(ScriptCall call);
}
