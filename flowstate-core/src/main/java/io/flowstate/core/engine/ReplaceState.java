package io.flowstate.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Replace the state of a live process ({@code PUT /process/{id}/state}). */
public record ReplaceState(UUID processId, JsonNode state, @Nullable Long ifMatch) {
}
