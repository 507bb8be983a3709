package io.flowstate.core.engine;

import io.flowstate.core.flow.Violation;
import io.flowstate.core.process.ProcessInstance;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An expected refusal: nothing was changed.
 *
 * @param type       why
 * @param message    a sentence that names what was expected and what was found
 * @param current    the process as stored, when there is one (sent back on conflicts)
 * @param violations schema violations for {@link RejectionType#INVALID_INPUT}, otherwise empty
 */
public record Rejection(RejectionType type, String message, @Nullable ProcessInstance current, List<Violation> violations) {
    public Rejection {
        violations = List.copyOf(violations);
    }

    public static Rejection of(RejectionType type, String message) {
        return new Rejection(type, message, null, List.of());
    }

    public static Rejection of(RejectionType type, String message, ProcessInstance current) {
        return new Rejection(type, message, current, List.of());
    }
}
