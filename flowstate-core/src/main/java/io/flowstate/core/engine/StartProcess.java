package io.flowstate.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * Start a process of {@code flowId} with {@code input} (a JSON object or null) and run it to its first wait.
 *
 * @param owner the subject of the authenticated caller, recorded as the process's owner; null when anonymous
 */
public record StartProcess(String flowId, @Nullable JsonNode input, @Nullable String owner) {

    /** An anonymous start. */
    public StartProcess(String flowId, @Nullable JsonNode input) {
        this(flowId, input, null);
    }
}
