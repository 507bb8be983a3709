package io.flowstate.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.EventType;
import io.flowstate.core.process.Problem;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.process.StepRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The direct writers write what the reflective mapper writes, character for character. */
class RecordWritersTest {

    private final ObjectMapper direct = ProcessCodec.storeMapper(true);
    private final ObjectMapper reflective = ProcessCodec.storeMapper(false);
    private final Random random = new Random(7);

    @Test
    void processesAndEventsAreWrittenAsTheReflectiveMapperWritesThem() throws Exception {
        for (int i = 0; i < 5_000; i++) {
            ProcessInstance process = process();
            assertThat(direct.writeValueAsString(process)).isEqualTo(reflective.writeValueAsString(process));
            List<StepRun> steps = new ArrayList<>();
            for (int n = random.nextInt(3); n > 0; n--) {
                steps.add(new StepRun(text(), text(), maybe(text())));
            }
            Event event = new Event(EventType.values()[random.nextInt(EventType.values().length)],
                    process.processId(), process.version(), instant(), steps, process, maybe("00-" + text()));
            String expected = reflective.writeValueAsString(event);
            assertThat(direct.writeValueAsString(event)).isEqualTo(expected);
            assertThat(ProcessCodec.encode(event, process, ProcessCodec.encode(process))).isEqualTo(expected);
        }
    }

    @Test
    void instantsPrintAsInstantToStringAtEveryPrecisionAndRange() throws Exception {
        for (String at : new String[] {"1970-01-01T00:00:00Z", "2026-12-05T16:01:02.161445445Z",
            "2026-12-05T16:01:02.100Z", "2026-12-05T16:01:02.000100Z", "2024-02-29T23:59:59.999999999Z",
            "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z",
            "-0001-06-30T12:00:00Z"}) {
            Instant instant = Instant.parse(at);
            ProcessInstance process = new ProcessInstance(UUID.randomUUID(), "f", null, ProcessStatus.WAITING, 1,
                    null, Json.object(), null, null, instant, instant, instant);
            assertThat(direct.writeValueAsString(process)).as(at).isEqualTo(reflective.writeValueAsString(process))
                    .contains("\"createdAt\":\"" + instant + "\"");
        }
    }

    private ProcessInstance process() throws Exception {
        ObjectNode state = Json.object();
        for (int n = random.nextInt(4); n > 0; n--) {
            state.put(text(), text());
        }
        if (random.nextBoolean()) {
            state.putObject("nested").putArray("list").add(1.5).add(random.nextLong()).addNull().add(true);
        }
        JsonNode result = switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> NullNode.instance;
            default -> Json.parse("{\"total\":" + random.nextInt() + ",\"text\":\"é😀\\u0000\"}");
        };
        Problem error = random.nextBoolean() ? null : new Problem(text(), text(), maybe(text()), maybe(text()));
        return new ProcessInstance(UUID.randomUUID(), text(), maybe(text()),
                ProcessStatus.values()[random.nextInt(ProcessStatus.values().length)], 1 + random.nextInt(1000),
                maybe(text()), state, result, error, instant(), instant(), instant(), maybe(text()));
    }

    private Instant instant() {
        long seconds = random.nextInt(10) == 0 ? random.nextLong(-100_000_000_000L, 400_000_000_000L)
                : random.nextLong(0, 4_000_000_000L);
        int nano = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(seconds, nano);
    }

    private String text() {
        String[] pieces = {"a", "step", "ü", "\"", "\\", "\n", "<", "😀", "order-1", " "};
        StringBuilder out = new StringBuilder();
        for (int n = random.nextInt(4); n >= 0; n--) {
            out.append(pieces[random.nextInt(pieces.length)]);
        }
        return out.toString();
    }

    private @Nullable String maybe(String value) {
        return random.nextBoolean() ? value : null;
    }
}
