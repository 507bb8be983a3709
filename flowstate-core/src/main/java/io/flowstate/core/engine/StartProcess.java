package io.flowstate.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/** Start a process of {@code flowId} with {@code input} (a JSON object or null) and run it to its first wait. */
public record StartProcess(String flowId, @Nullable JsonNode input) {
}
