package io.flowstate.script;

import io.flowstate.core.engine.ScriptResult;

/** What a {@link GuestCall} produced: its value, or the failure of the script it ran (with the runner's messages). */
public sealed interface GuestResult<T> {

    /** The call returned {@code value}. */
    record Done<T>(T value) implements GuestResult<T> {
    }

    /** The call failed: {@code script_failed} or {@code script_timeout}, message without state values. */
    record Failed<T>(ScriptResult.Failure failure) implements GuestResult<T> {
    }
}
