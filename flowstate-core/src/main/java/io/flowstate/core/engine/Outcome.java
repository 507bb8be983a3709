package io.flowstate.core.engine;

import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import org.jspecify.annotations.Nullable;

/** The result of a command: accepted (with what is now stored) or rejected (with why). */
public sealed interface Outcome {

    /**
     * The command took effect (or, for reads, the process was found).
     *
     * @param process the process after the command
     * @param event   the event the command committed, or null for reads
     */
    record Accepted(ProcessInstance process, @Nullable Event event) implements Outcome {
    }

    record Rejected(Rejection rejection) implements Outcome {
    }

    static Outcome rejected(RejectionType type, String message) {
        return new Rejected(Rejection.of(type, message));
    }

    static Outcome rejected(RejectionType type, String message, ProcessInstance current) {
        return new Rejected(Rejection.of(type, message, current));
    }
}
