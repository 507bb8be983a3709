package io.flowstate.archfixture.tangled.core.engine;

import io.flowstate.archfixture.tangled.core.flow.Graph;

/** The engine using the flow model: the other half of the cycle. */
public final class Validator {
    public boolean accepts(Graph graph) {
        return !graph.start().isEmpty();
    }
}
