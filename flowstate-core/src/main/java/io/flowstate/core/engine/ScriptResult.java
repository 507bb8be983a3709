package io.flowstate.core.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
     * @param code    {@code script_failed} (exception, sandbox violation, bad result) or
     *                {@code script_timeout} (statement or wall-clock limit)
     * @param message what happened, without state values
     */
    record Failure(String code, String message) implements ScriptResult {
        public static final String FAILED = "script_failed";
        public static final String TIMEOUT = "script_timeout";
    }
}
