package io.flowstate.redis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.RecordWriters;
import io.flowstate.core.store.StoredResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Serialises what the store writes: processes and events as JSON blobs through a {@link StateCodec},
 * idempotency records as {@code "<expiresAt ms> <fingerprint JSON string>\n<response JSON>"} so a script
 * can read their expiry and keep their fingerprint without a JSON parser.
 */
final class StoredRecords {

    /** Flowstate's mapper with room for a state that sits two levels down inside an event, and big bodies. */
    private static final ObjectMapper MAPPER = storeMapper();

    /** What an idempotency key holds: the request's fingerprint, and the response once there is one (else null). */
    record IdempotencyRecord(String fingerprint, @Nullable StoredResponse response) {
    }

    private final StateCodec codec;

    StoredRecords(StateCodec codec) {
        this.codec = codec;
    }

    /**
     * The blob of a process record, or an empty array when it is the event's own blob. A record is the
     * event of the commit that produced it (whose {@code process} is the stored process), so a commit
     * serialises, compresses and sends its state once; only an event that carries another process (which
     * the engine never produces) costs a second blob.
     */
    byte[] process(ProcessInstance process, Event event) {
        if (event.process().equals(process)) {
            return new byte[0];
        }
        return event(new Event(event.type(), process.processId(), process.version(), event.at(), event.steps(),
                process, event.traceparent()));
    }

    /** The process inside a record blob. */
    ProcessInstance process(byte[] blob) {
        return read(blob, Event.class).process();
    }

    byte[] event(Event event) {
        return codec.encode(write(event));
    }

    Event event(byte[] blob) {
        return read(blob, Event.class);
    }

    /** A claim without response: {@code "<expiresAt ms> <fingerprint JSON string>\n"}. */
    static byte[] claim(Instant expiresAt, String fingerprint) {
        return (expiresAt.toEpochMilli() + " " + writeText(fingerprint) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The response part of a completed record; the script prepends expiry and fingerprint. */
    static byte[] response(StoredResponse response) {
        return writeText(response).getBytes(StandardCharsets.UTF_8);
    }

    static IdempotencyRecord idempotency(byte[] stored) {
        String text = new String(stored, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        int newline = text.indexOf('\n', space);
        try {
            String fingerprint = MAPPER.readValue(text.substring(space + 1, newline), String.class);
            String response = text.substring(newline + 1);
            return new IdempotencyRecord(fingerprint,
                    response.isEmpty() ? null : MAPPER.readValue(response, StoredResponse.class));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("unreadable idempotency record in Redis", e);
        }
    }

    private static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String writeText(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(byte[] blob, Class<T> type) {
        try {
            return MAPPER.readValue(codec.decode(blob), type);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + " blob in Redis", e);
        }
    }

    private static ObjectMapper storeMapper() {
        ObjectMapper mapper = Json.mapper().copy();
        // absent, not null: a JSON null would come back as NullNode in JsonNode-typed components (result)
        mapper.setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
        mapper.registerModule(RecordWriters.module());
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(Json.MAX_NESTING_DEPTH + 16)
                .maxStringLength(Integer.MAX_VALUE)
                .maxNumberLength(100)
                .build());
        return mapper;
    }
}
