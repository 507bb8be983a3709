package io.flowstate.server.wire;

import io.flowstate.core.json.Json;
import io.flowstate.core.store.StoredResponse;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A complete HTTP answer computed by a handler before anything is written, so that idempotent POSTs can
 * record exactly what was sent and replay it.
 *
 * @param status    HTTP status
 * @param headers   headers to send (Content-Type included when there is a body)
 * @param body      body bytes, empty for none
 * @param expiresAt how long an idempotency record of this answer should be kept, or null for the default
 */
public record Reply(int status, Map<String, String> headers, byte[] body, @Nullable Instant expiresAt) {

    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    public Reply {
        headers = Map.copyOf(headers);
    }

    public static Reply json(int status, Object body) {
        return new Reply(status, Map.of("Content-Type", JSON), Json.bytes(body), null);
    }

    public static Reply empty(int status) {
        return new Reply(status, Map.of(), new byte[0], null);
    }

    public Reply withHeader(String name, String value) {
        if (headers.containsKey(name)) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Reply(status, copy, body, expiresAt);
        }
        // straight into an immutable map, which the constructor keeps as it is: a copy into a LinkedHashMap and
        // then into Map.copyOf, twice per step, was about a thirtieth of a form step's handler time
        @SuppressWarnings("unchecked")
        Map.Entry<String, String>[] entries = new Map.Entry[headers.size() + 1];
        int i = 0;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            entries[i++] = header;
        }
        entries[i] = Map.entry(name, value);
        return new Reply(status, Map.ofEntries(entries), body, expiresAt);
    }

    public Reply expiringAt(Instant instant) {
        return new Reply(status, headers, body, instant);
    }

    public StoredResponse toStored() {
        return new StoredResponse(status, headers, body);
    }

    public static Reply fromStored(StoredResponse stored) {
        return new Reply(stored.status(), stored.headers(), stored.body(), null);
    }

    /** Writes this reply to a Helidon response. */
    public void send(ServerResponse response) {
        response.status(status);
        headers.forEach(response::header);
        if (body.length == 0) {
            response.send();
        } else {
            response.send(body);
        }
    }
}
