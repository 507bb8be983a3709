package io.flowstate.core.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Waits for a person: the process pauses here until input that satisfies {@code schema} is submitted.
 *
 * @param schema JSON Schema (draft 2020-12) the input must satisfy
 * @param next   the step that follows a valid submission
 * @param ttl    idle time-to-live while waiting here, overriding the flow's, or null
 */
public record FormStep(String id, @Nullable String title, ObjectNode schema, String next, @Nullable Duration ttl) implements Step {
    public FormStep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(next, "next");
    }

    @Override
    public String type() {
        return "form";
    }
}
