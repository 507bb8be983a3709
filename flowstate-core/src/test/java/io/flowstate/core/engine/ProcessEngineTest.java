package io.flowstate.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.flow.Flow;
import io.flowstate.core.flow.FlowCatalog;
import io.flowstate.core.flow.FlowParser;
import io.flowstate.core.flow.InputValidator;
import io.flowstate.core.flow.Violation;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.EventType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.core.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcessEngineTest {

    static final String SIGNUP = """
            { "id": "signup", "ttl": "PT30M", "maxAge": "PT2H", "retention": "PT1H", "start": "profile",
              "steps": {
                "profile": { "type": "form", "title": "About you",
                             "schema": { "type": "object", "required": ["name", "email"],
                                         "properties": { "name": { "type": "string", "minLength": 1 },
                                                         "email": { "type": "string", "format": "email" } } },
                             "next": "score" },
                "score":   { "type": "script", "script": "(bound in Java)",
                             "next": { "long": "address", "short": "done" } },
                "address": { "type": "form", "ttl": "PT5M", "schema": { "type": "object", "required": ["city"] },
                             "next": "done" },
                "done":    { "type": "end" } } }
            """;

    final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T10:00:00Z"));
    final MemoryProcessStore store = new MemoryProcessStore(clock, 100);
    final List<Event> published = Collections.synchronizedList(new ArrayList<>());
    StepScripts scripts;
    ProcessEngine engine;

    @BeforeEach
    void setUp() {
        scripts = new StepScripts().on("score", state -> {
            int score = state.path("name").asText().length();
            state.put("score", score);
            return new ScriptResult.Success(state, score > 3 ? "long" : "short");
        });
        engine = engine(scripts, SIGNUP);
        store.subscribe(published::add);
    }

    ProcessEngine engine(ScriptRunner runner, String flowJson) {
        InputValidator validator = new InputValidator();
        Flow flow = new FlowParser(validator).parse(flowJson.getBytes(StandardCharsets.UTF_8), false);
        FlowCatalog catalog = FlowCatalog.of(flow);
        return new ProcessEngine(catalog::find, store, new FlowRunner(runner, validator, EngineLimits.DEFAULTS),
                clock, UUID::randomUUID, EngineLimits.DEFAULTS);
    }

    ProcessInstance start(JsonNode input) {
        return accepted(engine.start(new StartProcess("signup", input)));
    }

    static ProcessInstance accepted(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        return ((Outcome.Accepted) outcome).process();
    }

    static Rejection rejected(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).rejection();
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.parse(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void startWaitsAtTheFirstFormWithTheStartInputInState() {
        ProcessInstance process = start(json("{\"ref\": \"ad-7\"}"));

        assertThat(process.status()).isEqualTo(ProcessStatus.WAITING);
        assertThat(process.currentStep()).isEqualTo("profile");
        assertThat(process.version()).isEqualTo(1);
        assertThat(process.state()).isEqualTo(json("{\"ref\": \"ad-7\"}"));
        assertThat(published).extracting(Event::type).containsExactly(EventType.PROCESS_STARTED);
    }

    @Test
    void validSubmissionMergesInputRunsTheScriptAndWaitsAtTheBranchTarget() {
        ProcessInstance started = start(null);

        ProcessInstance next = accepted(engine.submit(new SubmitStep(started.processId(), "profile",
                json("{\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\"}"), 1L)));

        assertThat(next.status()).isEqualTo(ProcessStatus.WAITING);
        assertThat(next.currentStep()).isEqualTo("address");
        assertThat(next.version()).isEqualTo(2);
        assertThat(next.state().get("score").asInt()).isEqualTo(12);
        Event event = published.getLast();
        assertThat(event.type()).isEqualTo(EventType.STEP_COMPLETED);
        assertThat(event.steps()).extracting(s -> s.step() + ">" + s.next())
                .containsExactly("profile>score", "score>long");
    }

    @Test
    void shortBranchCompletesWithTheStateAsResult() {
        ProcessInstance started = start(null);

        ProcessInstance done = accepted(engine.submit(new SubmitStep(started.processId(), null,
                json("{\"name\": \"Al\", \"email\": \"al@example.org\"}"), null)));

        assertThat(done.status()).isEqualTo(ProcessStatus.COMPLETED);
        assertThat(done.result()).isEqualTo(done.state());
        assertThat(done.currentStep()).isNull();
        assertThat(published.getLast().type()).isEqualTo(EventType.PROCESS_COMPLETED);
    }

    @Test
    void inputThatFailsTheSchemaIsRejectedWithPointersAndChangesNothing() {
        ProcessInstance started = start(null);

        Rejection rejection = rejected(engine.submit(new SubmitStep(started.processId(), "profile",
                json("{\"name\": \"\", \"email\": \"not-an-email\"}"), null)));

        assertThat(rejection.type()).isEqualTo(RejectionType.INVALID_INPUT);
        assertThat(rejection.violations()).extracting(Violation::pointer).contains("/name", "/email");
        assertThat(store.get(started.processId())).contains(started);
    }

    @Test
    void missingRequiredPropertyPointsAtTheProperty() {
        ProcessInstance started = start(null);

        Rejection rejection = rejected(engine.submit(new SubmitStep(started.processId(), null,
                json("{\"name\": \"Ada\"}"), null)));

        assertThat(rejection.violations()).extracting(Violation::pointer).containsExactly("/email");
    }

    @Test
    void submittingAnotherStepThanTheWaitingOneIsRejected() {
        ProcessInstance started = start(null);

        Rejection rejection = rejected(engine.submit(new SubmitStep(started.processId(), "address",
                json("{\"city\": \"Oslo\"}"), null)));

        assertThat(rejection.type()).isEqualTo(RejectionType.WRONG_STEP);
        assertThat(rejection.message()).contains("waits at 'profile'");
        assertThat(store.get(started.processId())).contains(started);
    }

    @Test
    void submittingToACompletedProcessIsRejectedAsNotWaiting() {
        ProcessInstance started = start(null);
        ProcessInstance done = accepted(engine.submit(new SubmitStep(started.processId(), null,
                json("{\"name\": \"Al\", \"email\": \"al@example.org\"}"), null)));

        Rejection rejection = rejected(engine.submit(new SubmitStep(started.processId(), null, json("{}"), null)));

        assertThat(rejection.type()).isEqualTo(RejectionType.STEP_NOT_WAITING);
        assertThat(store.get(started.processId())).contains(done);
    }

    @Test
    void staleIfMatchIsRejectedWithTheCurrentProcess() {
        ProcessInstance started = start(null);
        engine.patchState(new PatchState(started.processId(), json("{\"a\": 1}"), 1L));

        Rejection rejection = rejected(engine.submit(new SubmitStep(started.processId(), null,
                json("{\"name\": \"Ada\", \"email\": \"ada@example.org\"}"), 1L)));

        assertThat(rejection.type()).isEqualTo(RejectionType.VERSION_MISMATCH);
        assertThat(rejection.current().version()).isEqualTo(2);
    }

    @Test
    void scriptFailureFailsTheProcessWithAProblem() {
        scripts.on("score", state -> ScriptResult.Failure.timedOut("statement limit reached"));
        ProcessInstance started = start(null);

        ProcessInstance failed = accepted(engine.submit(new SubmitStep(started.processId(), null,
                json("{\"name\": \"Ada\", \"email\": \"ada@example.org\"}"), null)));

        assertThat(failed.status()).isEqualTo(ProcessStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo("script_timeout");
        assertThat(failed.error().step()).isEqualTo("score");
        assertThat(published.getLast().type()).isEqualTo(EventType.PROCESS_FAILED);
    }

    @Test
    void unknownEdgeChoiceFailsTheProcessNamingTheEdges() {
        scripts.on("score", state -> new ScriptResult.Success(state, "sideways"));
        ProcessInstance started = start(null);

        ProcessInstance failed = accepted(engine.submit(new SubmitStep(started.processId(), null,
                json("{\"name\": \"Ada\", \"email\": \"ada@example.org\"}"), null)));

        assertThat(failed.error().code()).isEqualTo("unknown_edge");
        assertThat(failed.error().detail()).contains("'sideways'", "[long, short]");
    }

    @Test
    void missingEdgeChoiceFailsTheProcess() {
        scripts.on("score", state -> new ScriptResult.Success(state, null));
        ProcessInstance started = start(null);

        ProcessInstance failed = accepted(engine.submit(new SubmitStep(started.processId(), null,
                json("{\"name\": \"Ada\", \"email\": \"ada@example.org\"}"), null)));

        assertThat(failed.error().code()).isEqualTo("unknown_edge");
        assertThat(failed.error().detail()).contains("set no 'next'");
    }

    @Test
    void aRunnerThatThrowsFailsTheProcessInsteadOfTheRequest() {
        scripts.on("score", state -> {
            throw new IllegalStateException("boom");
        });
        ProcessInstance started = start(null);

        ProcessInstance failed = accepted(engine.submit(new SubmitStep(started.processId(), null,
                json("{\"name\": \"Ada\", \"email\": \"ada@example.org\"}"), null)));

        assertThat(failed.error().code()).isEqualTo("script_failed");
    }

    @Test
    void scriptsThatLoopWithoutAWaitHitTheTransitionLimit() {
        String loop = """
                { "id": "signup", "start": "a", "steps": {
                    "a": { "type": "script", "script": "x", "next": "b" },
                    "b": { "type": "script", "script": "x", "next": "a" } } }""";
        StepScripts pingPong = new StepScripts()
                .on("a", s -> new ScriptResult.Success(s, null))
                .on("b", s -> new ScriptResult.Success(s, null));
        engine = engine(pingPong, loop);

        ProcessInstance failed = accepted(engine.start(new StartProcess("signup", null)));

        assertThat(failed.status()).isEqualTo(ProcessStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo("step_limit");
        assertThat(pingPong.calls.get()).isEqualTo(EngineLimits.DEFAULTS.maxTransitions());
    }

    @Test
    void idleProcessExpiresAfterItsTtlAndIsSweptWithOneExpiredEvent() {
        ProcessInstance started = start(null);
        assertThat(started.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));

        clock.advance(Duration.ofMinutes(29));
        assertThat(engine.get(started.processId())).isInstanceOf(Outcome.Accepted.class);
        clock.advance(Duration.ofMinutes(1));

        assertThat(rejected(engine.get(started.processId())).type()).isEqualTo(RejectionType.PROCESS_NOT_FOUND);
        assertThat(engine.sweepExpired(100)).isEqualTo(1);
        assertThat(engine.sweepExpired(100)).isZero();
        assertThat(published.getLast().type()).isEqualTo(EventType.PROCESS_EXPIRED);
        assertThat(published.getLast().version()).isEqualTo(2);
        assertThat(store.size()).isZero();
    }

    @Test
    void everyChangeRefreshesTheIdleTtl() {
        ProcessInstance started = start(null);
        clock.advance(Duration.ofMinutes(20));

        ProcessInstance patched = accepted(engine.patchState(new PatchState(started.processId(),
                json("{\"draft\": true}"), null)));

        assertThat(patched.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
        clock.advance(Duration.ofMinutes(20));
        assertThat(engine.get(started.processId())).isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void aFormStepTtlOverridesTheFlowTtl() {
        ProcessInstance started = start(null);

        ProcessInstance atAddress = accepted(engine.submit(new SubmitStep(started.processId(), null,
                json("{\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\"}"), null)));

        assertThat(atAddress.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void maxAgeCapsTheIdleTtl() {
        ProcessInstance started = start(null);
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(25));
            accepted(engine.patchState(new PatchState(started.processId(), json("{\"i\": " + i + "}"), null)));
        }

        ProcessInstance current = accepted(engine.get(started.processId()));

        assertThat(current.expiresAt()).isEqualTo(started.createdAt().plus(Duration.ofHours(2)));
    }

    @Test
    void completedProcessStaysReadableForItsRetentionThenIsRemovedWithoutAnExpiredEvent() {
        ProcessInstance started = start(null);
        accepted(engine.submit(new SubmitStep(started.processId(), null,
                json("{\"name\": \"Al\", \"email\": \"al@example.org\"}"), null)));

        clock.advance(Duration.ofMinutes(59));
        assertThat(engine.get(started.processId())).isInstanceOf(Outcome.Accepted.class);
        clock.advance(Duration.ofMinutes(1));

        assertThat(engine.get(started.processId())).isInstanceOf(Outcome.Rejected.class);
        // counted as removed, so the sweeper goes on while batches are full (it once counted only expired ones,
        // and fell behind when most processes ended before they expired)
        assertThat(engine.sweepExpired(100)).isEqualTo(1);
        assertThat(engine.sweepExpired(100)).isZero();
        assertThat(store.size()).isZero();
        assertThat(published.getLast().type()).isEqualTo(EventType.PROCESS_COMPLETED);
    }

    @Test
    void mergePatchAddsReplacesAndRemovesKeys() {
        ProcessInstance started = start(json("{\"keep\": 1, \"drop\": 2, \"nested\": {\"a\": 1}}"));

        ProcessInstance patched = accepted(engine.patchState(new PatchState(started.processId(),
                json("{\"drop\": null, \"nested\": {\"b\": 2}, \"added\": \"x\"}"), 1L)));

        assertThat(patched.state()).isEqualTo(json("{\"keep\": 1, \"nested\": {\"a\": 1, \"b\": 2}, \"added\": \"x\"}"));
        assertThat(patched.version()).isEqualTo(2);
        assertThat(published.getLast().type()).isEqualTo(EventType.STATE_UPDATED);
    }

    @Test
    void replacingTheStateWithANonObjectIsRejected() {
        ProcessInstance started = start(null);

        Rejection rejection = rejected(engine.replaceState(new ReplaceState(started.processId(),
                Json.mapper().getNodeFactory().arrayNode(), null)));

        assertThat(rejection.type()).isEqualTo(RejectionType.INVALID_INPUT);
        assertThat(store.get(started.processId())).contains(started);
    }

    @Test
    void cancelRemovesTheProcessAndPublishesCancelled() {
        ProcessInstance started = start(null);

        ProcessInstance cancelled = accepted(engine.cancel(new CancelProcess(started.processId(), 1L)));

        assertThat(cancelled.status()).isEqualTo(ProcessStatus.CANCELLED);
        assertThat(store.get(started.processId())).isEmpty();
        assertThat(published.getLast().type()).isEqualTo(EventType.PROCESS_CANCELLED);
        assertThat(published.getLast().version()).isEqualTo(2);
        assertThat(store.size()).isZero();
    }

    @Test
    void startOfAnUnknownFlowIsRejected() {
        Rejection rejection = rejected(engine.start(new StartProcess("nope", null)));

        assertThat(rejection.type()).isEqualTo(RejectionType.FLOW_NOT_FOUND);
    }

    @Test
    void concurrentSubmissionsWithTheSameIfMatchAdvanceTheProcessExactlyOnce() throws Exception {
        ProcessInstance started = start(null);
        int writers = 32;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            for (int i = 0; i < writers; i++) {
                String name = "Writer" + i;
                results.add(pool.submit(() -> {
                    go.await();
                    return engine.submit(new SubmitStep(started.processId(), "profile",
                            json("{\"name\": \"" + name + "\", \"email\": \"w@example.org\"}"), 1L));
                }));
            }
            go.countDown();
        }

        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> result : results) {
            outcomes.add(result.get());
        }
        List<ProcessInstance> winners = outcomes.stream().filter(o -> o instanceof Outcome.Accepted)
                .map(o -> ((Outcome.Accepted) o).process()).toList();
        assertThat(winners).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Rejected)
                .allSatisfy(o -> assertThat(rejected(o).type()).isEqualTo(RejectionType.VERSION_MISMATCH));
        ProcessInstance stored = store.get(started.processId()).orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.state()).isEqualTo(winners.getFirst().state());
    }
}
