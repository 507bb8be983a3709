package io.flowstate.core.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.Problem;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.StepRun;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * Writes processes and events for the stores with direct calls instead of the mapper's reflection: the
 * same JSON, character for character (field order, left-out nulls, instants as {@link Instant#toString}), which
 * {@code RecordWritersTest} checks against the reflective mapper. A profile of nFlow page requests had the
 * reflective path (accessor calls and instant formatting) at a tenth of a request.
 */
public final class RecordWriters {

    /** 9999-12-31T23:59:59Z: instants up to here print as four-digit years. */
    private static final long LAST_FOUR_DIGIT_SECOND = 253_402_300_799L;

    private RecordWriters() {
    }

    /** The writers, for a store's mapper that keeps the same JSON (Redis's, beside {@link ProcessCodec}'s). */
    public static SimpleModule module() {
        return new SimpleModule("flowstate-store-records")
                .addSerializer(ProcessInstance.class, new ProcessWriter())
                .addSerializer(Event.class, new EventWriter());
    }

    private static final class ProcessWriter extends JsonSerializer<ProcessInstance> {
        @Override
        public void serialize(ProcessInstance p, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("processId", p.processId().toString());
            gen.writeStringField("flowId", p.flowId());
            writeIfPresent(gen, "flowVersion", p.flowVersion());
            gen.writeStringField("status", p.status().name());
            gen.writeNumberField("version", p.version());
            writeIfPresent(gen, "currentStep", p.currentStep());
            gen.writeFieldName("state");
            p.state().serialize(gen, provider);
            if (p.result() != null) {
                gen.writeFieldName("result");
                p.result().serialize(gen, provider);
            }
            if (p.error() != null) {
                gen.writeFieldName("error");
                writeProblem(gen, p.error());
            }
            writeInstant(gen, "createdAt", p.createdAt());
            writeInstant(gen, "updatedAt", p.updatedAt());
            writeInstant(gen, "expiresAt", p.expiresAt());
            writeIfPresent(gen, "owner", p.owner());
            gen.writeEndObject();
        }
    }

    private static final class EventWriter extends JsonSerializer<Event> {
        @Override
        public void serialize(Event e, JsonGenerator gen, SerializerProvider provider) throws IOException {
            writeEvent(e, gen, g -> provider.defaultSerializeValue(e.process(), g));
        }
    }

    /** Writes what comes where the event's process goes. */
    private interface ProcessPart {
        void write(JsonGenerator gen) throws IOException;
    }

    /**
     * {@code e} as JSON, with {@code processJson} (its process as these writers wrote it) in place of the process:
     * the state of a commit is written once for both of the records a store keeps.
     */
    static String event(ObjectMapper mapper, Event e, String processJson) throws IOException {
        StringWriter out = new StringWriter(processJson.length() + 256);
        try (JsonGenerator gen = mapper.createGenerator(out)) {
            writeEvent(e, gen, g -> g.writeRawValue(processJson));
        }
        return out.toString();
    }

    private static void writeEvent(Event e, JsonGenerator gen, ProcessPart process) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("type", e.type().name());
        gen.writeStringField("processId", e.processId().toString());
        gen.writeNumberField("version", e.version());
        writeInstant(gen, "at", e.at());
        gen.writeArrayFieldStart("steps");
        for (StepRun step : e.steps()) {
            gen.writeStartObject();
            gen.writeStringField("step", step.step());
            gen.writeStringField("type", step.type());
            writeIfPresent(gen, "next", step.next());
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeFieldName("process");
        process.write(gen);
        writeIfPresent(gen, "traceparent", e.traceparent());
        gen.writeEndObject();
    }

    private static void writeProblem(JsonGenerator gen, Problem problem) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("code", problem.code());
        gen.writeStringField("title", problem.title());
        writeIfPresent(gen, "detail", problem.detail());
        writeIfPresent(gen, "step", problem.step());
        gen.writeEndObject();
    }

    private static void writeIfPresent(JsonGenerator gen, String name, @Nullable String value) throws IOException {
        if (value != null) {
            gen.writeStringField(name, value);
        }
    }

    private static void writeInstant(JsonGenerator gen, String name, Instant instant) throws IOException {
        gen.writeFieldName(name);
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds > LAST_FOUR_DIGIT_SECOND) {
            gen.writeString(instant.toString());
            return;
        }
        char[] out = new char[30];
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        digits(out, 0, t.getYear(), 4);
        out[4] = '-';
        digits(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, t.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, t.getHour(), 2);
        out[13] = ':';
        digits(out, 14, t.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, t.getSecond(), 2);
        int length = 19;
        int nano = instant.getNano();
        if (nano > 0) {
            out[length++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(out, length, nano / 1_000_000, 3);
                length += 3;
            } else if (nano % 1_000 == 0) {
                digits(out, length, nano / 1_000, 6);
                length += 6;
            } else {
                digits(out, length, nano, 9);
                length += 9;
            }
        }
        out[length++] = 'Z';
        gen.writeString(out, 0, length);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
