package io.flowstate.server.hybrid;

import io.flowstate.core.flow.Flow;
import io.flowstate.core.flow.Mode;
import io.flowstate.core.process.ProcessInstance;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** Tells which processes run in hybrid mode: those whose flow says so, or names no mode when hybrid is the default. */
public final class HybridFlows implements Predicate<ProcessInstance> {

    private final Function<String, Optional<Flow>> flows;
    private final Mode defaultMode;

    public HybridFlows(Function<String, Optional<Flow>> flows, Mode defaultMode) {
        this.flows = flows;
        this.defaultMode = defaultMode;
    }

    @Override
    public boolean test(ProcessInstance process) {
        return flows.apply(process.flowId()).map(flow -> flow.effectiveMode(defaultMode) == Mode.HYBRID)
                .orElse(false);
    }
}
