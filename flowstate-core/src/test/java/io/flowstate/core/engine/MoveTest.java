package io.flowstate.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.flowstate.core.flow.Flow;
import io.flowstate.core.flow.FlowCatalog;
import io.flowstate.core.flow.FlowParser;
import io.flowstate.core.flow.InputValidator;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.EventType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.core.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link ProcessEngine#move}: one commit under the new id, published as {@code process.waiting}. */
class MoveTest {

    static final String TWO_FORMS = """
            { "id": "two", "start": "first",
              "steps": { "first": { "type": "form", "next": "second" },
                         "second": { "type": "form", "next": "done" },
                         "done": { "type": "end" } } }
            """;

    final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T10:00:00Z"));
    final MemoryProcessStore store = new MemoryProcessStore(clock, 100);
    final List<Event> published = Collections.synchronizedList(new ArrayList<>());
    final ProcessEngine engine = engine();

    @Test
    void movedWaitingProcessIsOneCommitAtItsVersionPublishedAsProcessWaiting() {
        ProcessInstance started = accepted(engine.start(new StartProcess("two", null)));
        ProcessInstance stepped = accepted(engine.submit(new SubmitStep(started.processId(), "first",
                Json.object().put("a", 1), null)));
        store.subscribe(published::add);
        UUID to = UUID.randomUUID();

        ProcessInstance moved = accepted(engine.move(stepped.processId(), to));

        assertThat(moved.status()).isEqualTo(ProcessStatus.WAITING);
        assertThat(moved.version()).isEqualTo(stepped.version());
        assertThat(moved.currentStep()).isEqualTo("second");
        assertThat(store.eventsSince(to, 0).events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.PROCESS_WAITING);
            assertThat(event.version()).isEqualTo(stepped.version());
            assertThat(event.steps()).isEmpty();
        });
        assertThat(published).extracting(Event::type, Event::processId, Event::version).containsExactly(
                tuple(EventType.PROCESS_WAITING, to, stepped.version()),
                tuple(EventType.PROCESS_CANCELLED, stepped.processId(), stepped.version() + 1));
    }

    private ProcessEngine engine() {
        InputValidator validator = new InputValidator();
        Flow flow = new FlowParser(validator).parse(TWO_FORMS.getBytes(StandardCharsets.UTF_8), false);
        FlowCatalog catalog = FlowCatalog.of(flow);
        return new ProcessEngine(catalog::find, store, new FlowRunner(new StepScripts(), validator,
                EngineLimits.DEFAULTS), clock, UUID::randomUUID, EngineLimits.DEFAULTS);
    }

    private static ProcessInstance accepted(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        return ((Outcome.Accepted) outcome).process();
    }
}
