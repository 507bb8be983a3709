package io.flowstate.server.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProblemType;
import io.flowstate.server.wire.ProblemException;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A message from the client. Commands are imperative, like the HTTP routes they mirror:
 * <pre>
 * {"type": "step",   "input": {…}, "step": "address", "ifVersion": 7, "requestId": "r1"}
 * {"type": "patch",  "patch": {…}, "ifVersion": 7, "requestId": "r2"}
 * {"type": "resume", "afterVersion": 5, "requestId": "r3"}
 * </pre>
 * {@code step}, {@code ifVersion} and {@code requestId} are optional everywhere they appear.
 */
sealed interface Inbound {

    /** Echoed in the reply so the client can match it; null when the client sent none. */
    @Nullable String requestId();

    /** Submit {@code input} to the waiting form step (as {@code POST /process/{id}/step}). */
    record Step(@Nullable String requestId, @Nullable String step, @Nullable JsonNode input, @Nullable Long ifVersion) implements Inbound {
    }

    /** Merge-patch the state (as {@code PATCH /process/{id}/state}). */
    record Patch(@Nullable String requestId, JsonNode patch, @Nullable Long ifVersion) implements Inbound {
    }

    /** Send again every retained event after {@code afterVersion}, or a snapshot. */
    record Resume(@Nullable String requestId, long afterVersion) implements Inbound {
    }

    /**
     * Reads one message.
     *
     * @throws Invalid with the request id when it could be read, and a 400 problem ({@code malformed_json} or
     *                 {@code invalid_message})
     */
    static Inbound parse(String text) throws Invalid {
        JsonNode message;
        try {
            message = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new Invalid(null, new ProblemException(ProblemType.MALFORMED_JSON, "The message is not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new Invalid(null, new ProblemException(ProblemType.MALFORMED_JSON, "The message is not valid JSON"));
        }
        if (!message.isObject()) {
            throw invalid(null, "Expected a JSON object with a \"type\" of step, patch or resume");
        }
        JsonNode id = message.get("requestId");
        String requestId = id != null && (id.isTextual() || id.isIntegralNumber()) ? id.asText() : null;
        String type = message.path("type").asText("");
        return switch (type) {
            case "step" -> new Step(requestId, text(message, "step", requestId), message.get("input"),
                    version(message, "ifVersion", requestId));
            case "patch" -> {
                JsonNode patch = message.get("patch");
                if (patch == null || patch.isNull()) {
                    throw invalid(requestId, "A patch message needs \"patch\": a JSON merge patch of the state");
                }
                yield new Patch(requestId, patch, version(message, "ifVersion", requestId));
            }
            case "resume" -> {
                Long after = version(message, "afterVersion", requestId);
                if (after == null) {
                    throw invalid(requestId, "A resume message needs \"afterVersion\": the last version the client has");
                }
                yield new Resume(requestId, after);
            }
            default -> throw invalid(requestId, "Unknown message type '" + abbreviate(type)
                    + "'; expected step, patch or resume");
        };
    }

    private static @Nullable String text(JsonNode message, String field, @Nullable String requestId) throws Invalid {
        JsonNode value = message.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(requestId, "\"" + field + "\" must be a string");
        }
        return value.asText();
    }

    private static @Nullable Long version(JsonNode message, String field, @Nullable String requestId) throws Invalid {
        JsonNode value = message.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw invalid(requestId, "\"" + field + "\" must be a process version (a non-negative integer)");
        }
        return value.asLong();
    }

    private static Invalid invalid(@Nullable String requestId, String detail) {
        return new Invalid(requestId, new ProblemException(ProblemType.INVALID_MESSAGE, detail));
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** A message that cannot be carried out; answered with an error frame, the connection stays open. */
    final class Invalid extends Exception {
        private final @Nullable String requestId;
        private final ProblemException problem;

        Invalid(@Nullable String requestId, ProblemException problem) {
            super(problem.getMessage(), null, false, false);
            this.requestId = requestId;
            this.problem = problem;
        }

        @Nullable String requestId() {
            return requestId;
        }

        ProblemException problem() {
            return problem;
        }
    }
}
