package io.flowstate.core.flow;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Completes the process; its {@code result} is the state at that moment. */
public record EndStep(String id, @Nullable String title) implements Step {
    public EndStep {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String type() {
        return "end";
    }
}
