package io.flowstate.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.EventType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.process.Problem;
import io.flowstate.core.process.StepRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProcessCodecTest {

    private static final Instant CREATED = Instant.parse("2024-02-29T23:59:59.123456789Z");

    @Test
    void keepsAbsentResultAbsentAndJsonNullResultNull() throws IOException {
        ProcessInstance withoutResult = process(state("{\"a\":1}"), null, null);
        ProcessInstance withNullResult = process(state("{\"a\":1}"), NullNode.instance, null);

        assertThat(ProcessCodec.decodeProcess(ProcessCodec.encode(withoutResult))).isEqualTo(withoutResult);
        assertThat(ProcessCodec.decodeProcess(ProcessCodec.encode(withNullResult))).isEqualTo(withNullResult);
    }

    @Test
    void roundTripsNumbersUnicodeNestingAndNanosecondInstants() throws IOException {
        ObjectNode state = state("""
                {"decimal": 1.10, "huge": 123456789012345678901234567890, "long": 9007199254740993,
                 "exp": 1e400, "negative": -42, "text": "é😀\\u0000\\n\\"", "empty": {}, "list": [],
                 "nested": {"a": [1, null, true, {"b": "x"}]}, "nothing": null}""");
        ProcessInstance process = process(state, state("{\"done\":true}"),
                new Problem("script_failed", "Script failed", "boom", "check"));
        Event event = new Event(EventType.STEP_COMPLETED, process.processId(), 1, CREATED,
                List.of(new StepRun("address", "form", "check"), new StepRun("check", "script", null)), process);

        assertThat(ProcessCodec.decodeEvent(ProcessCodec.encode(event))).isEqualTo(event);
        assertThat(ProcessCodec.decodeEvent(ProcessCodec.encode(event).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(event);
    }

    @Test
    void readsEventsWhoseStateIsAsDeepAsRequestParsingAllows() throws IOException {
        // The state sits inside {"input": …} in a request, so the deepest acceptable state has one level less.
        int depth = Json.MAX_NESTING_DEPTH - 1;
        String deep = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        ProcessInstance process = process(state(deep), null, null);
        Event event = Event.of(EventType.PROCESS_STARTED, process, List.of());

        assertThat(ProcessCodec.decodeEvent(ProcessCodec.encode(event))).isEqualTo(event);
    }

    @Test
    void reportsCorruptRecordsAsUncheckedIoException() {
        assertThatThrownBy(() -> ProcessCodec.decodeProcess("{\"processId\": 1"))
                .isInstanceOf(UncheckedIOException.class);
    }

    private static ProcessInstance process(ObjectNode state, com.fasterxml.jackson.databind.JsonNode result,
                                           Problem error) {
        return new ProcessInstance(UUID.randomUUID(), "signup", "sha256:abc", ProcessStatus.WAITING, 1, "address",
                state, result, error, CREATED, CREATED.plusNanos(1), Instant.MAX);
    }

    private static ObjectNode state(String json) throws IOException {
        return (ObjectNode) Json.parse(json);
    }
}
