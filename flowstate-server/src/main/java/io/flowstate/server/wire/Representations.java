package io.flowstate.server.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.flow.Flow;
import io.flowstate.core.flow.FormStep;
import io.flowstate.core.flow.Mode;
import io.flowstate.core.flow.ScriptStep;
import io.flowstate.core.flow.Step;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.process.StepRun;
import java.util.Optional;
import java.util.function.Function;

/** Renders processes, events and flows as the JSON of DESIGN §3 and §4. */
public final class Representations {

    /** The response header that says which mode served an answer: process, hybrid, token or session. */
    public static final String MODE_HEADER = "Flowstate-Mode";

    private final Function<String, Optional<Flow>> flows;
    private final Mode defaultMode;

    public Representations(Function<String, Optional<Flow>> flows, Mode defaultMode) {
        this.flows = flows;
        this.defaultMode = defaultMode;
    }

    /** The process representation: {@code nextStep} only while waiting, {@code result}/{@code error} when ended. */
    public ObjectNode process(ProcessInstance process) {
        ObjectNode node = Json.object()
                .put("processId", process.processId().toString())
                .put("flow", process.flowId())
                .put("status", process.status().wireName())
                .put("version", process.version())
                .put("mode", mode(process));
        if (process.status() == ProcessStatus.WAITING && process.currentStep() != null) {
            node.set("nextStep", nextStep(process, process.currentStep()));
        } else {
            node.putNull("nextStep");
        }
        node.set("state", process.state());
        String owner = process.owner();
        if (owner != null) {
            node.put("owner", owner);
        }
        if (process.result() != null) {
            node.set("result", process.result());
        }
        if (process.error() != null) {
            node.set("error", Problems.processError(process.error()));
        }
        node.put("createdAt", IsoInstant.format(process.createdAt()))
                .put("updatedAt", IsoInstant.format(process.updatedAt()))
                .put("expiresAt", IsoInstant.format(process.expiresAt()));
        return node;
    }

    /**
     * The mode a process in the store runs in: its flow's declared mode, or the default (session runs say
     * {@code session} themselves, since they are kept under ids no client sees).
     */
    public String mode(ProcessInstance process) {
        return flows.apply(process.flowId()).map(flow -> flow.effectiveMode(defaultMode)).orElse(defaultMode)
                .wireName();
    }

    /** The event envelope shared by SSE and WebSocket. */
    public ObjectNode event(Event event) {
        ObjectNode node = Json.object()
                .put("type", event.type().wireName())
                .put("processId", event.processId().toString())
                .put("version", event.version())
                .put("at", IsoInstant.format(event.at()));
        node.set("steps", steps(event));
        node.set("process", process(event.process()));
        if (event.traceparent() != null) {
            node.put("traceparent", event.traceparent());
        }
        return node;
    }

    /** One history entry: what a commit did, without the state. */
    public ObjectNode historyEntry(Event event) {
        ObjectNode node = Json.object()
                .put("version", event.version())
                .put("type", event.type().wireName())
                .put("at", IsoInstant.format(event.at()))
                .put("status", event.process().status().wireName());
        node.set("steps", steps(event));
        return node;
    }

    public ObjectNode flowSummary(Flow flow) {
        return Json.object()
                .put("id", flow.id())
                .put("title", flow.title())
                .put("version", flow.version())
                .put("mode", flow.effectiveMode(defaultMode).wireName())
                .put("start", flow.start());
    }

    /** The flow graph for UIs; script sources are not exposed. */
    public ObjectNode flow(Flow flow) {
        ObjectNode node = flowSummary(flow)
                .put("ttl", flow.ttl().toString())
                .put("maxAge", flow.maxAge().toString())
                .put("retention", flow.retention().toString());
        ObjectNode steps = node.putObject("steps");
        for (Step step : flow.steps().values()) {
            ObjectNode s = steps.putObject(step.id()).put("type", step.type());
            if (step.title() != null) {
                s.put("title", step.title());
            }
            switch (step) {
                case FormStep form -> {
                    s.set("schema", form.schema());
                    s.put("next", form.next());
                    if (form.ttl() != null) {
                        s.put("ttl", form.ttl().toString());
                    }
                }
                case ScriptStep script -> {
                    if (script.hasSingleEdge()) {
                        s.put("next", script.edges().get(ScriptStep.DEFAULT_EDGE));
                    } else {
                        ObjectNode edges = s.putObject("next");
                        script.edges().forEach(edges::put);
                    }
                }
                default -> {
                }
            }
        }
        return node;
    }

    private ObjectNode nextStep(ProcessInstance process, String stepId) {
        ObjectNode next = Json.object().put("id", stepId);
        Optional<Step> step = flows.apply(process.flowId()).flatMap(f -> f.step(stepId));
        if (step.isPresent() && step.get() instanceof FormStep form) {
            next.put("type", form.type());
            if (form.title() != null) {
                next.put("title", form.title());
            }
            next.set("schema", form.schema());
        } else {
            next.put("type", "form");
        }
        return next;
    }

    private static ArrayNode steps(Event event) {
        ArrayNode steps = Json.mapper().createArrayNode();
        for (StepRun run : event.steps()) {
            ObjectNode s = steps.addObject().put("step", run.step()).put("type", run.type());
            if (run.next() != null) {
                s.put("next", run.next());
            }
        }
        return steps;
    }
}
