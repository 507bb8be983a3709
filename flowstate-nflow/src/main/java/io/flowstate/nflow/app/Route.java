package io.flowstate.nflow.app;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the {@link NflowRouter} made of a request line. */
public sealed interface Route {

    /**
     * A starter matched.
     *
     * @param flow     the flow
     * @param endpoint the path before any continuation marker ({@code nflow_endpoint})
     * @param vars     the {@code :name} captures, URL-decoded
     * @param claimed  the node id after {@code nfnext}, or null
     */
    record Matched(NflowFlow flow, String endpoint, Map<String, String> vars, @Nullable String claimed) implements Route {
    }

    /** The path is a starter's, but not for this method (HEAD and OPTIONS included): 405 with {@code allow}. */
    record WrongMethod(List<String> allow) implements Route {
    }

    /** No starter has the path. */
    record None() implements Route {
    }
}
