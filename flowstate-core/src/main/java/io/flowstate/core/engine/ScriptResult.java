package io.flowstate.core.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.process.ProblemType;
import org.jspecify.annotations.Nullable;

/** The outcome of a script step. */
public sealed interface ScriptResult {

    /**
     * The script finished.
     *
     * @param state the state after the script
     * @param next  the edge the script chose, or null when it set none
     */
    record Success(ObjectNode state, @Nullable String next) implements ScriptResult {
    }

    /**
     * The script failed.
     *
     * @param type    {@link ProblemType#SCRIPT_FAILED} (exception, sandbox violation, bad result) or
     *                {@link ProblemType#SCRIPT_TIMEOUT} (statement or wall-clock limit)
     * @param message what happened, without state values
     */
    record Failure(ProblemType type, String message) implements ScriptResult {
        /** A failed script (exception, sandbox violation, bad result). */
        public static Failure failed(String message) {
            return new Failure(ProblemType.SCRIPT_FAILED, message);
        }

        /** A script stopped by its statement or wall-clock limit. */
        public static Failure timedOut(String message) {
            return new Failure(ProblemType.SCRIPT_TIMEOUT, message);
        }
    }
}
