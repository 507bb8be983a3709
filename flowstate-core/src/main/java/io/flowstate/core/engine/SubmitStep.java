package io.flowstate.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Submit {@code input} to the form step a process waits at and run it to its next wait or end.
 *
 * @param step    the step the client believes is waiting, or null to submit to whichever is
 * @param ifMatch the version the client saw ({@code If-Match}), or null for an unconditional write
 */
public record SubmitStep(UUID processId, @Nullable String step, @Nullable JsonNode input, @Nullable Long ifMatch) {
}
