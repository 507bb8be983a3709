package io.flowstate.server.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.Rejection;
import io.flowstate.core.engine.RejectionType;
import io.flowstate.core.flow.Violation;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Problem;
import io.flowstate.core.process.ProblemType;
import io.flowstate.core.store.StoreUnavailableException;
import io.helidon.http.HttpException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become RFC 9457 problem details: engine rejections, request errors and
 * infrastructure failures all leave through here, so every route speaks the same {@code code}s.
 */
public final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    /** The problem {@code type} URI of a code. */
    public static String type(String code) {
        return "urn:flowstate:problem:" + code;
    }

    public static int status(RejectionType type) {
        return type.problem().status();
    }

    /** A rejection as problem+json; conflicts carry the current version and representation. */
    public static Reply rejection(Rejection rejection, Representations representations) {
        Reply reply = reply(rejection.type().problem(), rejectionBody(rejection, representations));
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
        ObjectNode body = problem(rejection.type().problem(), rejection.message());
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

    /** The problem object of a catalogue entry, for HTTP bodies and WebSocket error frames alike. */
    public static ObjectNode problem(ProblemType type, @Nullable String detail) {
        return Json.object()
                .put("type", type(type.code()))
                .put("title", type.title())
                .put("status", type.status())
                .put("detail", detail)
                .put("code", type.code());
    }

    /** The problem object of a request-reading failure. */
    public static ObjectNode problem(ProblemException problem) {
        return problem(problem.type(), problem.getMessage());
    }

    /** A catalogue entry as a reply. */
    public static Reply of(ProblemType type, @Nullable String detail) {
        return reply(type, problem(type, detail));
    }

    /** A request-reading failure as a reply. */
    public static Reply of(ProblemException problem) {
        return of(problem.type(), problem.getMessage());
    }

    /** A problem body built by the caller (with extra members) as a reply of its type. */
    public static Reply of(ProblemType type, ObjectNode body) {
        return reply(type, body);
    }

    /**
     * The one mapping of an exception that escaped a handler, for HTTP, SSE and WebSocket alike: our own
     * {@link ProblemException} as it is; an unreachable store as 503 {@code store_unavailable} (logged at WARN,
     * without a stack trace: it is the store's, not ours); anything else as 500 {@code internal_error}, logged at
     * ERROR with its stack trace, since it is a bug.
     *
     * @param where what was being served, for the log (method and path, or the socket's process)
     */
    public static ProblemException failure(Throwable error, String where) {
        return switch (error) {
            case ProblemException problem -> problem;
            case HttpException http when http.status().code() < 500 -> {
                // Helidon refusing what the client sent (a header it cannot parse, say): the client's error, not ours.
                LOG.debug("bad request for {}: {}", where, http.getMessage());
                yield new ProblemException(ofStatus(http.status().code()), http.getMessage());
            }
            case StoreUnavailableException unavailable -> {
                LOG.warn("store unavailable for {}: {}", where, unavailable.getMessage());
                yield new ProblemException(ProblemType.STORE_UNAVAILABLE,
                        "The process store does not answer; retry with the same Idempotency-Key");
            }
            default -> {
                LOG.error("unexpected failure for {}", where, error);
                yield new ProblemException(ProblemType.INTERNAL_ERROR, "An unexpected error occurred; it has been logged");
            }
        };
    }

    /** The catalogue entry for an HTTP status that the HTTP layer (not our code) decided on. */
    public static ProblemType ofStatus(int status) {
        return switch (status) {
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 414 -> ProblemType.URI_TOO_LONG;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 431 -> ProblemType.HEADERS_TOO_LARGE;
            case 505 -> ProblemType.HTTP_VERSION_NOT_SUPPORTED;
            default -> status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.BAD_REQUEST;
        };
    }

    /**
     * 401 {@code invalid_token} with the RFC 6750 challenge. One answer for every reason a process token is
     * refused (missing, malformed, forged, expired, unknown key, flow gone), so a caller learns nothing about
     * which check failed; the caller logs the reason.
     */
    public static Reply invalidToken() {
        return of(ProblemType.INVALID_TOKEN,
                "The process token is missing, malformed, expired or was not issued by this server")
                .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    /** 409 {@code token_replayed}: the token was already used (or is being used) to continue its process. */
    public static Reply tokenReplayed() {
        return of(ProblemType.TOKEN_REPLAYED,
                "This process token was already used to continue its process; continue with the newest token");
    }

    /** 413 {@code token_too_large}: the next token would exceed {@code token.maxBytes}; nothing changed. */
    public static Reply tokenTooLarge(int size, int maxBytes) {
        return of(ProblemType.TOKEN_TOO_LARGE, "The process token would be " + size
                + " bytes; the limit (token.maxBytes) is " + maxBytes + ". Nothing changed");
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

    private static Reply reply(ProblemType type, ObjectNode body) {
        Reply reply = new Reply(type.status(), Map.of("Content-Type", Reply.PROBLEM_JSON), Json.bytes(body), null);
        return type == ProblemType.STORE_UNAVAILABLE || type == ProblemType.SESSION_BUSY
                ? reply.withHeader("Retry-After", "1") : reply;
    }
}
