package io.flowstate.core.process;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The closed catalogue of problem codes: every error a client can see — an HTTP problem+json body, a WebSocket
 * error frame, the {@code error} of a failed process — carries one of these {@link #code()}s. Clients (the SDK
 * among them) switch on the code, so a code never changes meaning once released; {@code docs/api.md} lists exactly
 * these (a test checks it).
 */
public enum ProblemType {
    INVALID_PROCESS_ID(400, "Malformed process id"),
    MALFORMED_JSON(400, "Malformed JSON"),
    INVALID_PRECONDITION(400, "Invalid precondition header"),
    INVALID_IDEMPOTENCY_KEY(400, "Invalid Idempotency-Key"),
    INVALID_VERSION(400, "Invalid version"),
    INVALID_MESSAGE(400, "Invalid message"),
    BAD_REQUEST(400, "Bad request"),
    INVALID_PARAMETER(400, "Invalid query parameter"),
    INVALID_TOKEN(401, "Invalid process token"),
    AUTHENTICATION_REQUIRED(401, "Authentication required"),
    INVALID_CREDENTIALS(401, "Invalid credentials"),
    LOGIN_REQUIRED(401, "Login required"),
    FORBIDDEN(403, "Forbidden"),
    ADMIN_REQUIRED(403, "Admin rights required"),
    PROCESS_NOT_FOUND(404, "Process not found"),
    FLOW_NOT_FOUND(404, "Flow not found"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    STEP_NOT_WAITING(409, "Process is not waiting for that step"),
    WRONG_STEP(409, "Process waits at another step"),
    PROCESS_ENDED(409, "Process has ended"),
    REQUEST_IN_FLIGHT(409, "Request in flight"),
    TOKEN_REPLAYED(409, "Process token already used"),
    STREAM_NOT_OPEN(409, "Stream not open"),
    SESSION_MIGRATED(409, "Session run moved to a process"),
    STEP_NOT_SUPPORTED(409, "Steps of this run are not taken on this route"),
    NO_RUN(409, "No run to continue"),
    VERSION_MISMATCH(412, "Version mismatch"),
    VERSION_NOT_REACHED(412, "Version not reached"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    STATE_TOO_LARGE(413, "State too large"),
    TOKEN_TOO_LARGE(413, "Process token too large"),
    URI_TOO_LONG(414, "URI too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    INVALID_INPUT(422, "Invalid input"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency-Key reused"),
    UPGRADE_REQUIRED(426, "Upgrade required"),
    RATE_LIMITED(429, "Too many requests"),
    HEADERS_TOO_LARGE(431, "Request header fields too large"),
    INTERNAL_ERROR(500, "Internal error"),
    SCRIPT_FAILED(500, "Script step failed"),
    SCRIPT_TIMEOUT(500, "Script step exceeded its time or statement limit"),
    UNKNOWN_EDGE(500, "Script chose no valid edge"),
    STEP_LIMIT(500, "Too many steps in one transition"),
    STORE_UNAVAILABLE(503, "Store unavailable"),
    SESSION_BUSY(503, "Session busy"),
    HTTP_VERSION_NOT_SUPPORTED(505, "HTTP version not supported");

    private static final Map<String, ProblemType> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ProblemType::code, Function.identity()));

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    /** The stable snake_case wire code, derived from the constant's name. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The HTTP status the code is answered with (process failures carry 500: the run, not the request, broke). */
    public int status() {
        return status;
    }

    /** A short summary that does not change between occurrences. */
    public String title() {
        return title;
    }

    /** The type of a wire code, if it is one of ours (stored process errors keep their code as text). */
    public static Optional<ProblemType> ofCode(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
