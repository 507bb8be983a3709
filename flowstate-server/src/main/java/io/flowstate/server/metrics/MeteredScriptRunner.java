package io.flowstate.server.metrics;

import io.flowstate.core.engine.ScriptCall;
import io.flowstate.core.engine.ScriptResult;
import io.flowstate.core.engine.ScriptRunner;
import io.flowstate.core.process.ProblemType;
import java.time.Duration;

/**
 * Times each script step ({@code flowstate_script_duration_seconds}) and counts failures
 * ({@code flowstate_script_failures_total}, {@code reason} {@code failed} or {@code limit}); {@code limit} is a
 * statement or wall-clock limit hit.
 */
final class MeteredScriptRunner implements ScriptRunner {

    private final ScriptRunner scripts;
    private final FlowstateMetrics metrics;

    MeteredScriptRunner(ScriptRunner scripts, FlowstateMetrics metrics) {
        this.scripts = scripts;
        this.metrics = metrics;
    }

    @Override
    public ScriptResult run(ScriptCall call) {
        String flow = metrics.flow(call.flowId());
        long began = System.nanoTime();
        ScriptResult result = scripts.run(call);
        metrics.timer("flowstate.script.duration", "Latency of script steps, by flow", "flow", flow)
                .record(Duration.ofNanos(System.nanoTime() - began));
        if (result instanceof ScriptResult.Failure failure) {
            String reason = failure.type() == ProblemType.SCRIPT_TIMEOUT ? "limit" : "failed";
            metrics.counter("flowstate.script.failures", "Script steps that failed, by flow and reason (failed, limit)",
                    "flow", flow, "reason", reason).increment();
        }
        return result;
    }
}
