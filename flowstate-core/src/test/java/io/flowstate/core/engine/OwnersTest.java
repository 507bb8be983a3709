package io.flowstate.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.flow.Flow;
import io.flowstate.core.flow.FlowCatalog;
import io.flowstate.core.flow.FlowParser;
import io.flowstate.core.flow.InputValidator;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.core.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Owners, flows that require them, hiding a process from other callers, and updatedAt that only grows. */
class OwnersTest {

    static final String PAYROLL = """
            { "id": "payroll", "auth": "required", "start": "amount",
              "steps": { "amount": { "type": "form", "next": "review" },
                         "review": { "type": "form", "next": "done" },
                         "done": { "type": "end" } } }
            """;
    static final String OPEN = PAYROLL.replace("\"payroll\", \"auth\": \"required\"", "\"open\"");

    final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T10:00:00Z"));
    final ProcessEngine engine = engine();

    @Test
    void theOwnerIsRecordedAtTheStartAndKeptByEveryChange() {
        ProcessInstance started = accepted(engine.start(new StartProcess("payroll", null, "alice")));
        ProcessInstance stepped = accepted(engine.submit(new SubmitStep(started.processId(), "amount",
                Json.object().put("amount", 3), null)));
        ProcessInstance edited = accepted(engine.replaceState(new ReplaceState(started.processId(),
                Json.object().put("amount", 4), null)));

        assertThat(started.owner()).isEqualTo("alice");
        assertThat(stepped.owner()).isEqualTo("alice");
        assertThat(edited.owner()).isEqualTo("alice");
    }

    @Test
    void aFlowThatRequiresAuthRefusesAnAnonymousStartAndOthersDoNot() {
        Outcome anonymous = engine.start(new StartProcess("payroll", null));
        Outcome open = engine.start(new StartProcess("open", null));

        assertThat(anonymous).isInstanceOfSatisfying(Outcome.Rejected.class, rejected ->
                assertThat(rejected.rejection().type()).isEqualTo(RejectionType.AUTHENTICATION_REQUIRED));
        assertThat(accepted(open).owner()).isNull();
    }

    @Test
    void aHiddenProcessIsAnsweredExactlyAsAnUnknownId() {
        ProcessInstance owned = accepted(engine.start(new StartProcess("payroll", null, "alice")));
        UUID unknown = UUID.randomUUID();

        Outcome hidden = engine.get(owned.processId(), p -> "bob".equals(p.owner()));
        Outcome missing = engine.get(unknown, p -> true);
        Outcome visible = engine.get(owned.processId(), p -> "alice".equals(p.owner()));

        Rejection a = ((Outcome.Rejected) hidden).rejection();
        Rejection b = ((Outcome.Rejected) missing).rejection();
        assertThat(a.type()).isEqualTo(b.type()).isEqualTo(RejectionType.PROCESS_NOT_FOUND);
        assertThat(a.message().replace(owned.processId().toString(), "<id>"))
                .isEqualTo(b.message().replace(unknown.toString(), "<id>"));
        assertThat(a.current()).isNull();
        assertThat(visible).isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void aChangeIsNeverDatedBeforeTheChangeItFollows() {
        ProcessInstance started = accepted(engine.start(new StartProcess("open", null)));
        clock.set(started.updatedAt().minus(Duration.ofSeconds(5))); // this instance's clock is behind

        ProcessInstance stepped = accepted(engine.submit(new SubmitStep(started.processId(), "amount",
                Json.object(), null)));

        assertThat(stepped.updatedAt()).isEqualTo(started.updatedAt());
    }

    private ProcessEngine engine() {
        InputValidator validator = new InputValidator();
        FlowParser parser = new FlowParser(validator);
        Flow payroll = parser.parse(PAYROLL.getBytes(StandardCharsets.UTF_8), false);
        Flow open = parser.parse(OPEN.getBytes(StandardCharsets.UTF_8), false);
        assertThat(payroll.authRequired()).isTrue();
        assertThat(open.authRequired()).isFalse();
        return new ProcessEngine(FlowCatalog.of(payroll, open)::find, new MemoryProcessStore(clock, 10),
                new FlowRunner(new StepScripts(), validator, EngineLimits.DEFAULTS), clock, UUID::randomUUID,
                EngineLimits.DEFAULTS);
    }

    private static ProcessInstance accepted(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        return ((Outcome.Accepted) outcome).process();
    }
}
