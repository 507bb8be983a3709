package io.flowstate.core.flow;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Runs sandboxed JavaScript. The script sees {@code state} (mutable) and {@code input}, and sets
 * {@code next} to one of the edge names. A step with a single unnamed edge needs no choice.
 *
 * @param script the JavaScript source
 * @param edges  edge name to target step id; a single unnamed edge is stored under {@link #DEFAULT_EDGE}
 */
public record ScriptStep(String id, @Nullable String title, String script, Map<String, String> edges) implements Step {
    /** The key of the only edge when {@code next} is a plain string in the flow file. */
    public static final String DEFAULT_EDGE = "";

    public ScriptStep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(script, "script");
        edges = Map.copyOf(edges);
        if (edges.isEmpty()) {
            throw new IllegalArgumentException("script step '" + id + "' needs at least one edge in 'next'");
        }
    }

    @Override
    public String type() {
        return "script";
    }

    /** True when the step has one unnamed edge, so the script need not choose. */
    public boolean hasSingleEdge() {
        return edges.size() == 1 && edges.containsKey(DEFAULT_EDGE);
    }
}
