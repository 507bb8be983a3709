package io.flowstate.core.engine;

import io.flowstate.core.process.ProcessInstance;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Sees what the engine did, for metrics and logs; the server implements it (with Micrometer), so the core needs
 * no metrics library. Every method has a no-op default, is called on the thread of the command after the command
 * is answered, and must not block or throw: an exception from an observer is a bug in the observer.
 *
 * <p>{@code flowId} is null when the command named no loaded flow (a start of an unknown flow, a step of an
 * unknown process), so that labels stay a closed set. {@code outcome} is {@link #outcome(Outcome)}.
 */
public interface EngineObserver {

    /** An observer that sees nothing. */
    EngineObserver NONE = new EngineObserver() {
    };

    /** A start was answered, after {@code took}. */
    default void started(@Nullable String flowId, String outcome, Duration took) {
    }

    /** A step submission was answered, after {@code took}. */
    default void stepped(@Nullable String flowId, String outcome, Duration took) {
    }

    /** A state edit (replace or merge patch) was answered. */
    default void stateEdited(@Nullable String flowId, String outcome) {
    }

    /** A process expired and was removed by the sweep. */
    default void expired(ProcessInstance process) {
    }

    /**
     * The outcome of a command as a short closed word: {@code waiting}, {@code running}, {@code completed} or
     * {@code failed} for an accepted command (the status it left the process in), else the rejection's problem
     * code ({@code invalid_input}, {@code version_mismatch}, ...).
     */
    static String outcome(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Accepted accepted -> accepted.process().status().wireName();
            case Outcome.Rejected rejected -> rejected.rejection().type().code();
        };
    }
}
