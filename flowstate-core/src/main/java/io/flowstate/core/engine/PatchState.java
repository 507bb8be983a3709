package io.flowstate.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Apply an RFC 7396 merge patch to the state of a live process ({@code PATCH /process/{id}/state}). */
public record PatchState(UUID processId, JsonNode patch, @Nullable Long ifMatch) {
}
