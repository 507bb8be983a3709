package io.flowstate.server.metrics;

import io.flowstate.core.engine.EngineObserver;
import io.flowstate.core.process.ProcessInstance;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Counts what the engine reports, and puts the flow of the command into the logging context so that the request's
 * later log lines (the access log among them) carry it.
 */
final class MeteredEngine implements EngineObserver {

    /** The MDC key of the flow a request concerns. */
    static final String FLOW_KEY = "flow";

    private final FlowstateMetrics metrics;

    MeteredEngine(FlowstateMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void started(@Nullable String flowId, String outcome, Duration took) {
        String flow = metrics.flow(flowId);
        String mode = metrics.mode(flowId);
        MDC.put(FLOW_KEY, flow);
        metrics.counter("flowstate.process.starts", "Process starts, by flow, mode and outcome",
                "flow", flow, "mode", mode, "outcome", outcome).increment();
        metrics.timer("flowstate.start.duration", "Latency of process starts (to the first wait or the end)",
                "flow", flow, "mode", mode).record(took);
    }

    @Override
    public void stepped(@Nullable String flowId, String outcome, Duration took) {
        String flow = metrics.flow(flowId);
        String mode = metrics.mode(flowId);
        MDC.put(FLOW_KEY, flow);
        metrics.counter("flowstate.steps", "Step submissions, by flow, mode and outcome",
                "flow", flow, "mode", mode, "outcome", outcome).increment();
        metrics.timer("flowstate.step.duration", "Latency of step submissions (to the next wait or the end)",
                "flow", flow, "mode", mode).record(took);
    }

    @Override
    public void stateEdited(@Nullable String flowId, String outcome) {
        String flow = metrics.flow(flowId);
        MDC.put(FLOW_KEY, flow);
        metrics.counter("flowstate.state.edits", "State replacements and merge patches, by flow, mode and outcome",
                "flow", flow, "mode", metrics.mode(flowId), "outcome", outcome).increment();
    }

    @Override
    public void expired(ProcessInstance process) {
        metrics.counter("flowstate.process.expiries", "Processes removed by the expiry sweep of this instance",
                "flow", metrics.flow(process.flowId())).increment();
    }
}
