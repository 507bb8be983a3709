package io.flowstate.nflow.app;

import java.util.List;
import java.util.Optional;

/** The nFlow flows of a flows directory, in load order, and the files that did not load. */
public record NflowApps(List<NflowFlow> flows, List<LoadError> errors) {

    public NflowApps {
        flows = List.copyOf(flows);
        errors = List.copyOf(errors);
    }

    public Optional<NflowFlow> find(String id) {
        return flows.stream().filter(f -> f.id().equals(id)).findFirst();
    }
}
