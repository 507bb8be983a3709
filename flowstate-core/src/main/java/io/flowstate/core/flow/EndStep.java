package io.flowstate.core.flow;

import java.util.Objects;

/** Completes the process; its {@code result} is the state at that moment. */
public record EndStep(String id, String title) implements Step {
    public EndStep {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String type() {
        return "end";
    }
}
