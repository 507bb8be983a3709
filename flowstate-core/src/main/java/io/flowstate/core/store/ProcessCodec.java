package io.flowstate.core.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON form in which stores keep processes and events. A record read back equals the record written
 * (for state trees as {@link Json} parses them), which plain {@link Json#mapper()} does not guarantee:
 * <ul>
 *   <li>a {@code null} {@code result} would come back as a JSON {@code NullNode}, so absent properties are
 *       left out rather than written as {@code null};</li>
 *   <li>a state accepted at the parse nesting limit sits two levels deeper inside an event, so reading
 *       allows a few more levels than request parsing does.</li>
 * </ul>
 * Decoding failures mean a corrupt record and surface as {@link UncheckedIOException}.
 */
public final class ProcessCodec {

    /** Levels a stored record adds above the state: event, process. Rounded up for headroom. */
    private static final int ENVELOPE_DEPTH = 8;

    private static final ObjectMapper MAPPER = storeMapper(true);

    private ProcessCodec() {
    }

    public static String encode(ProcessInstance process) {
        return write(process);
    }

    public static String encode(Event event) {
        return write(event);
    }

    /**
     * {@code event} as {@link #encode(Event)} writes it, given {@code record}, the {@link #encode(ProcessInstance)}
     * of {@code process}: when the event holds that very process, its record is reused instead of written again.
     */
    public static String encode(Event event, ProcessInstance process, String record) {
        if (event.process() != process) {
            return write(event);
        }
        try {
            return RecordWriters.event(MAPPER, event, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ProcessInstance decodeProcess(String json) {
        return read(json, ProcessInstance.class);
    }

    public static ProcessInstance decodeProcess(byte[] json) {
        return read(json, ProcessInstance.class);
    }

    public static Event decodeEvent(String json) {
        return read(json, Event.class);
    }

    public static Event decodeEvent(byte[] json) {
        return read(json, Event.class);
    }

    /** @param direct whether processes and events are written by {@link RecordWriters} (false: by reflection) */
    static ObjectMapper storeMapper(boolean direct) {
        ObjectMapper mapper = Json.mapper().copy();
        if (direct) {
            mapper.registerModule(RecordWriters.module());
        }
        mapper.setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
        StreamReadConstraints requests = mapper.getFactory().streamReadConstraints();
        mapper.getFactory().setStreamReadConstraints(requests.rebuild()
                .maxNestingDepth(Json.MAX_NESTING_DEPTH + ENVELOPE_DEPTH)
                .build());
        return mapper;
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
