package io.flowstate.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.flow.EndStep;
import io.flowstate.core.flow.Flow;
import io.flowstate.core.flow.FormStep;
import io.flowstate.core.flow.InputValidator;
import io.flowstate.core.flow.ScriptStep;
import io.flowstate.core.flow.Step;
import io.flowstate.core.flow.Violation;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.EventType;
import io.flowstate.core.process.Problem;
import io.flowstate.core.process.ProblemType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.process.StepRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pure part of the engine: computes the next committed form of a process from the current one and a
 * command, without touching a store. Process mode commits what it returns to a store; token mode puts it
 * in a token. Both therefore behave identically.
 */
public final class FlowRunner {

    private static final Logger LOG = LoggerFactory.getLogger(FlowRunner.class);

    private final ScriptRunner scripts;
    private final InputValidator validator;
    private final EngineLimits limits;

    public FlowRunner(ScriptRunner scripts, InputValidator validator, EngineLimits limits) {
        this.scripts = scripts;
        this.validator = validator;
        this.limits = limits;
    }

    /** Runs a new process from the flow's start step to its first wait or its end. */
    public Outcome start(Flow flow, UUID processId, @Nullable JsonNode input, Instant now) {
        return start(flow, processId, input, now, null);
    }

    /** As {@link #start(Flow, UUID, JsonNode, Instant)}, recording {@code owner} as the process's owner. */
    public Outcome start(Flow flow, UUID processId, @Nullable JsonNode input, Instant now, @Nullable String owner) {
        JsonNode startInput = input == null || input.isNull() ? Json.object() : input;
        if (!startInput.isObject()) {
            return invalidInput("Expected the start input of flow '" + flow.id() + "' to be a JSON object");
        }
        ObjectNode state = ((ObjectNode) startInput).deepCopy();
        Run run = run(flow, processId, flow.start(), state, startInput, new ArrayList<>());
        return commit(flow, processId, run, 1, now, now, owner, EventType.PROCESS_STARTED);
    }

    /** Submits {@code input} to the form step {@code current} waits at and runs on to the next wait or end. */
    public Outcome submit(Flow flow, ProcessInstance current, @Nullable String step, @Nullable JsonNode input,
                          Instant now) {
        if (current.status() != ProcessStatus.WAITING) {
            return Outcome.rejected(RejectionType.STEP_NOT_WAITING, "Expected to submit a step of process '"
                    + current.processId() + "', but it is " + current.status().wireName(), current);
        }
        if (step != null && !step.equals(current.currentStep())) {
            return Outcome.rejected(RejectionType.WRONG_STEP, "Expected to submit step '" + step + "' of process '"
                    + current.processId() + "', but it waits at '" + current.currentStep() + "'", current);
        }
        if (!(flow.steps().get(current.currentStep()) instanceof FormStep form)) {
            return Outcome.rejected(RejectionType.STEP_NOT_WAITING, "Process '" + current.processId()
                    + "' waits at '" + current.currentStep() + "', which flow '" + flow.id()
                    + "' no longer defines as a form", current);
        }
        JsonNode submitted = input == null || input.isNull() ? Json.object() : input;
        if (!submitted.isObject()) {
            return invalidInput("Expected the input for step '" + form.id() + "' to be a JSON object");
        }
        List<Violation> violations = validator.validate(form.schema(), submitted);
        if (!violations.isEmpty()) {
            return new Outcome.Rejected(new Rejection(RejectionType.INVALID_INPUT, "The input for step '"
                    + form.id() + "' does not match its schema", null, violations));
        }
        ObjectNode state = current.state().deepCopy();
        state.setAll((ObjectNode) submitted);
        List<StepRun> trail = new ArrayList<>();
        trail.add(new StepRun(form.id(), form.type(), form.next()));
        Run run = run(flow, current.processId(), form.next(), state, submitted, trail);
        return commit(flow, current.processId(), run, current.version() + 1, current.createdAt(),
                notBefore(now, current), current.owner(), EventType.STEP_COMPLETED);
    }

    /** Replaces the state of a live process without moving it ({@code state.updated}). */
    public Outcome replaceState(Flow flow, ProcessInstance current, JsonNode newState, Instant now) {
        if (current.status().isTerminal()) {
            return Outcome.rejected(RejectionType.PROCESS_ENDED, "Expected to change the state of process '"
                    + current.processId() + "', but it is " + current.status().wireName(), current);
        }
        if (newState == null || !newState.isObject()) {
            return invalidInput("Expected the state of process '" + current.processId() + "' to be a JSON object");
        }
        Run run = new Run(current.status(), current.currentStep(), ((ObjectNode) newState).deepCopy(), null, null,
                List.of());
        return commit(flow, current.processId(), run, current.version() + 1, current.createdAt(),
                notBefore(now, current), current.owner(), EventType.STATE_UPDATED);
    }

    /**
     * The last form of a process that is removed at {@code now} ({@code cancelled} or {@code expired}): one
     * version newer, nothing waiting. It is published to subscribers, never stored.
     */
    static ProcessInstance removed(ProcessInstance current, ProcessStatus status, Instant now) {
        return new ProcessInstance(current.processId(), current.flowId(), current.flowVersion(), status,
                current.version() + 1, null, current.state(), null, null, current.createdAt(), now, now,
                current.owner());
    }

    /** When a process in this shape stops being readable: idle TTL and max age while live, retention once ended. */
    public static Instant expiresAt(Flow flow, ProcessStatus status, @Nullable String waitingStep, Instant createdAt,
                                    Instant now) {
        if (status.isTerminal()) {
            return now.plus(flow.retention());
        }
        Duration ttl = flow.ttl();
        if (waitingStep != null && flow.steps().get(waitingStep) instanceof FormStep form && form.ttl() != null) {
            ttl = form.ttl();
        }
        Instant idle = now.plus(ttl);
        Instant absolute = createdAt.plus(flow.maxAge());
        return idle.isBefore(absolute) ? idle : absolute;
    }

    /** Where a run stopped. */
    private record Run(ProcessStatus status, @Nullable String waitingAt, ObjectNode state, @Nullable JsonNode result,
                       @Nullable Problem error,
                       List<StepRun> steps) {
    }

    private Run run(Flow flow, UUID processId, String from, ObjectNode state, JsonNode input, List<StepRun> trail) {
        String current = from;
        for (int transitions = 0; transitions < limits.maxTransitions(); transitions++) {
            String at = current;
            Step step = flow.step(at).orElseThrow(() -> new IllegalStateException(
                    "flow '" + flow.id() + "' has no step '" + at + "', which its parser should have refused"));
            switch (step) {
                case FormStep form -> {
                    return new Run(ProcessStatus.WAITING, form.id(), state, null, null, trail);
                }
                case EndStep end -> {
                    trail.add(new StepRun(end.id(), end.type(), null));
                    return new Run(ProcessStatus.COMPLETED, null, state, state, null, trail);
                }
                case ScriptStep script -> {
                    ScriptResult result = runScript(flow, script, processId, state, input);
                    if (result instanceof ScriptResult.Failure failure) {
                        trail.add(new StepRun(script.id(), script.type(), null));
                        return failed(state, trail, Problem.of(failure.type(), failure.message(), script.id()));
                    }
                    ScriptResult.Success success = (ScriptResult.Success) result;
                    state = success.state();
                    String edge = script.hasSingleEdge() ? ScriptStep.DEFAULT_EDGE : success.next();
                    String target = edge == null ? null : script.edges().get(edge);
                    if (edge == null || target == null) {
                        trail.add(new StepRun(script.id(), script.type(), null));
                        String detail = edge == null
                                ? "Script step '" + script.id() + "' set no 'next'; expected one of " + edgeNames(script)
                                : "Script step '" + script.id() + "' chose edge '" + edge + "'; expected one of "
                                + edgeNames(script);
                        return failed(state, trail, Problem.of(ProblemType.UNKNOWN_EDGE, detail, script.id()));
                    }
                    trail.add(new StepRun(script.id(), script.type(), edge.isEmpty() ? target : edge));
                    current = target;
                }
            }
        }
        return failed(state, trail, Problem.of(ProblemType.STEP_LIMIT, "The process ran " + limits.maxTransitions() + " steps without reaching a form or an end", current));
    }

    private ScriptResult runScript(Flow flow, ScriptStep script, UUID processId, ObjectNode state, JsonNode input) {
        try {
            ScriptResult result = scripts.run(new ScriptCall(flow.id(), script, processId, state.deepCopy(), input));
            if (result == null) {
                return ScriptResult.Failure.failed("the script runner returned nothing");
            }
            return result;
        } catch (RuntimeException e) {
            // A bug in a script runner, not in the script: the process fails, and the stack trace goes to the log.
            LOG.warn("script runner failed on step '{}' of flow '{}' (process {})", script.id(), flow.id(), processId, e);
            return ScriptResult.Failure.failed("the script runner failed: " + e.getClass().getSimpleName());
        }
    }

    private static Run failed(ObjectNode state, List<StepRun> trail, Problem problem) {
        return new Run(ProcessStatus.FAILED, null, state, null, problem, trail);
    }

    /**
     * A change is never dated before the one it follows, even when instances' clocks disagree: listing pages
     * by {@code updatedAt} and relies on it only growing (docs/decisions/0006-listing-consistency.md).
     */
    private static Instant notBefore(Instant now, ProcessInstance current) {
        return now.isBefore(current.updatedAt()) ? current.updatedAt() : now;
    }

    private Outcome commit(Flow flow, UUID processId, Run run, long version, Instant createdAt, Instant now,
                           @Nullable String owner, EventType liveEvent) {
        if (Json.sizeBound(run.state()) > limits.maxStateBytes()) {
            int size = Json.bytes(run.state()).length;
            if (size > limits.maxStateBytes()) {
                return Outcome.rejected(RejectionType.STATE_TOO_LARGE, "The state of process '" + processId
                        + "' would be " + size + " bytes; the limit is " + limits.maxStateBytes());
            }
        }
        int depth = Json.depth(run.state());
        if (depth > Json.MAX_STATE_DEPTH) {
            return Outcome.rejected(RejectionType.STATE_TOO_LARGE, "The state of process '" + processId
                    + "' would nest " + depth + " levels deep; the limit is " + Json.MAX_STATE_DEPTH);
        }
        ProcessInstance next = new ProcessInstance(processId, flow.id(), flow.version(), run.status(), version,
                run.waitingAt(), run.state(), run.result(), run.error(), createdAt, now,
                expiresAt(flow, run.status(), run.waitingAt(), createdAt, now), owner);
        EventType type = switch (run.status()) {
            case COMPLETED -> EventType.PROCESS_COMPLETED;
            case FAILED -> EventType.PROCESS_FAILED;
            default -> liveEvent;
        };
        return new Outcome.Accepted(next, Event.of(type, next, run.steps()));
    }

    private static Outcome invalidInput(String message) {
        return new Outcome.Rejected(new Rejection(RejectionType.INVALID_INPUT, message, null,
                List.of(new Violation("", "type", message))));
    }

    private static String edgeNames(ScriptStep script) {
        return script.edges().keySet().stream().sorted().toList().toString();
    }
}
