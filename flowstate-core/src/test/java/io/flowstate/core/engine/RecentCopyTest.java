package io.flowstate.core.engine;

import static io.flowstate.core.engine.ProcessEngineTest.accepted;
import static io.flowstate.core.engine.ProcessEngineTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.flow.FlowCatalog;
import io.flowstate.core.flow.FlowParser;
import io.flowstate.core.flow.InputValidator;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.store.ForwardingProcessStore;
import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A change computed from the copy a store holds at hand ({@link ProcessStore#recent}): a current copy saves the read,
 * a stale one never decides the outcome.
 */
class RecentCopyTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final MemoryProcessStore store = new MemoryProcessStore(clock, 100);
    private final AtomicInteger reads = new AtomicInteger();
    private ProcessInstance atHand;

    /** The memory store, counting reads, offering {@link #atHand} as its copy at hand. */
    private final ProcessStore guessing = new ForwardingProcessStore() {
        @Override
        protected ProcessStore delegate() {
            return store;
        }

        @Override
        public Optional<ProcessInstance> get(UUID processId) {
            reads.incrementAndGet();
            return super.get(processId);
        }

        @Override
        public Optional<ProcessInstance> recent(UUID processId) {
            return Optional.ofNullable(atHand);
        }
    };

    private final ProcessEngine engine = new ProcessEngine(
            FlowCatalog.of(new FlowParser(new InputValidator()).parse(
                    ProcessEngineTest.SIGNUP.getBytes(StandardCharsets.UTF_8), false))::find,
            guessing, new FlowRunner(new StepScripts().on("score", state -> new ScriptResult.Success(
                    state.put("score", 5), "long")), new InputValidator(), EngineLimits.DEFAULTS),
            clock, UUID::randomUUID, EngineLimits.DEFAULTS);

    private final ProcessInstance started = accepted(engine.start(new StartProcess("signup", null)));

    @Test
    void aCurrentCopyCommitsWithoutReadingTheStore() {
        atHand = started;
        reads.set(0);

        ProcessInstance next = accepted(engine.submit(profile()));

        assertThat(reads).hasValue(0);
        assertThat(next.version()).isEqualTo(2);
        assertThat(store.get(started.processId())).contains(next);
    }

    @Test
    void aStaleCopyLosesTheCompareAndSetAndTheChangeIsComputedFromTheStoredProcess() {
        ProcessInstance patched = accepted(engine.patchState(new PatchState(started.processId(),
                json("{\"ref\": \"ad-7\"}"), null)));
        atHand = started;

        ProcessInstance next = accepted(engine.submit(profile()));

        assertThat(next.version()).isEqualTo(patched.version() + 1);
        assertThat(next.state().path("ref").asText()).isEqualTo("ad-7");
        assertThat(next.currentStep()).isEqualTo("address");
    }

    @Test
    void aRefusalOfAStaleCopyIsDecidedAgainOnTheStoredProcess() {
        accepted(engine.submit(profile()));
        atHand = started; // still waiting at 'profile', where the stored process has moved on to 'address'

        ProcessInstance done = accepted(engine.submit(new SubmitStep(started.processId(), "address",
                json("{\"city\": \"Oslo\"}"), null)));

        assertThat(done.status()).isEqualTo(ProcessStatus.COMPLETED);
        assertThat(done.version()).isEqualTo(3);
    }

    @Test
    void aStaleCopyNeverSatisfiesAPinnedVersion() {
        ProcessInstance patched = accepted(engine.patchState(new PatchState(started.processId(), json("{}"), null)));
        atHand = started;

        Outcome outcome = engine.submit(new SubmitStep(started.processId(), "profile",
                json("{\"name\": \"Ada\", \"email\": \"ada@example.org\"}"), 1L));

        assertThat(ProcessEngineTest.rejected(outcome).type()).isEqualTo(RejectionType.VERSION_MISMATCH);
        assertThat(store.get(started.processId())).contains(patched);
    }

    private SubmitStep profile() {
        return new SubmitStep(started.processId(), "profile",
                json("{\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\"}"), null);
    }
}
