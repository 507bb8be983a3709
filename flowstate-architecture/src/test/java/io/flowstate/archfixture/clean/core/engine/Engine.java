package io.flowstate.archfixture.clean.core.engine;

import io.flowstate.archfixture.clean.core.flow.Graph;
import io.flowstate.archfixture.clean.core.store.ProcessStore;

/** Uses the flow model and the store SPI, both below it. */
public record Engine(Graph graph, ProcessStore store) {
    public String run(String id) {
        return graph.start() + store.read(id);
    }
}
