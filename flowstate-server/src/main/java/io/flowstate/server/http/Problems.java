package io.flowstate.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.Rejection;
import io.flowstate.core.engine.RejectionType;
import io.flowstate.core.engine.Violation;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Problem;
import io.flowstate.core.token.DecodeResult;
import io.flowstate.core.token.EncodeResult;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one place where failures become RFC 9457 problem details: engine rejections, request errors and
 * infrastructure failures all leave through here, so every route speaks the same {@code code}s.
 */
public final class Problems {

    private Problems() {
    }

    /** The problem {@code type} URI of a code. */
    public static String type(String code) {
        return "urn:flowstate:problem:" + code;
    }

    public static int status(RejectionType type) {
        return switch (type) {
            case FLOW_NOT_FOUND, PROCESS_NOT_FOUND -> 404;
            case STEP_NOT_WAITING, WRONG_STEP, PROCESS_ENDED -> 409;
            case VERSION_MISMATCH -> 412;
            case INVALID_INPUT -> 422;
            case STATE_TOO_LARGE -> 413;
        };
    }

    private static String title(RejectionType type) {
        return switch (type) {
            case FLOW_NOT_FOUND -> "Flow not found";
            case PROCESS_NOT_FOUND -> "Process not found";
            case STEP_NOT_WAITING -> "Process is not waiting for that step";
            case WRONG_STEP -> "Process waits at another step";
            case PROCESS_ENDED -> "Process has ended";
            case VERSION_MISMATCH -> "Version mismatch";
            case INVALID_INPUT -> "Invalid input";
            case STATE_TOO_LARGE -> "State too large";
        };
    }

    /** A rejection as problem+json; conflicts carry the current version and representation. */
    public static Reply rejection(Rejection rejection, Representations representations) {
        ObjectNode body = rejectionBody(rejection, representations);
        Reply reply = reply(status(rejection.type()), body);
        if (rejection.current() != null) {
            reply = reply.withHeader("ETag", Preconditions.etag(rejection.current().version()));
        }
        return reply;
    }

    /**
     * The problem object of a rejection, as sent in HTTP bodies and WebSocket error frames: schema violations under
     * {@code errors}, and {@code currentVersion} and {@code current} when there is a stored process.
     */
    public static ObjectNode rejectionBody(Rejection rejection, Representations representations) {
        int status = status(rejection.type());
        ObjectNode body = body(status, rejection.type().code(), title(rejection.type()), rejection.message());
        if (!rejection.violations().isEmpty()) {
            ArrayNode errors = body.putArray("errors");
            for (Violation violation : rejection.violations()) {
                errors.addObject()
                        .put("pointer", violation.pointer())
                        .put("keyword", violation.keyword())
                        .put("detail", violation.message());
            }
        }
        if (rejection.current() != null) {
            body.put("currentVersion", rejection.current().version());
            body.set("current", representations.process(rejection.current()));
        }
        return body;
    }

    /** A problem object for codes that are not engine rejections (the WebSocket's own errors, for example). */
    public static ObjectNode problem(int status, String code, String title, @Nullable String detail) {
        return body(status, code, title, detail);
    }

    /** {@link #problem} as a reply. */
    public static Reply of(int status, ObjectNode problem) {
        return reply(status, problem);
    }

    /**
     * 401 {@code invalid_token} with the RFC 6750 challenge. One answer for every reason a process token is
     * refused (missing, malformed, forged, expired, unknown key, flow gone), so a caller learns nothing about
     * which check failed; the caller logs the reason.
     */
    public static Reply invalidToken() {
        return of(401, DecodeResult.Rejected.CODE, "Invalid process token",
                "The process token is missing, malformed, expired or was not issued by this server")
                .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    /** 409 {@code token_replayed}: the token was already used (or is being used) to continue its process. */
    public static Reply tokenReplayed() {
        return of(409, "token_replayed", "Process token already used",
                "This process token was already used to continue its process; continue with the newest token");
    }

    /** 413 {@code token_too_large}: the next token would exceed {@code token.maxBytes}; nothing changed. */
    public static Reply tokenTooLarge(int size, int maxBytes) {
        return of(413, EncodeResult.TokenTooLarge.CODE, "Process token too large", "The process token would be " + size
                + " bytes; the limit (token.maxBytes) is " + maxBytes + ". Nothing changed");
    }

    public static Reply of(ProblemException problem) {
        return reply(problem.status(), body(problem.status(), problem.code(), problem.title(), problem.getMessage()));
    }

    public static Reply of(int status, String code, String title, @Nullable String detail) {
        return reply(status, body(status, code, title, detail));
    }

    /** A process's failure, as embedded in its representation under {@code error}. */
    public static ObjectNode processError(Problem problem) {
        ObjectNode body = Json.object()
                .put("type", type(problem.code()))
                .put("title", problem.title())
                .put("detail", problem.detail())
                .put("code", problem.code());
        if (problem.step() != null) {
            body.put("step", problem.step());
        }
        return body;
    }

    private static ObjectNode body(int status, String code, String title, @Nullable String detail) {
        return Json.object()
                .put("type", type(code))
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("code", code);
    }

    private static Reply reply(int status, ObjectNode body) {
        return new Reply(status, Map.of("Content-Type", Reply.PROBLEM_JSON), Json.bytes(body), null);
    }
}
