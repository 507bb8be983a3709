package io.flowstate.server.wire;

import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProblemType;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures the HTTP layer meets before a request reaches routing (a header that does not parse, a request line too
 * long, a protocol version it does not speak) answered as problem+json like every other error, and logged below
 * ERROR: they are the client's.
 */
public final class TransportProblems {

    private static final Logger LOG = LoggerFactory.getLogger(TransportProblems.class);

    private TransportProblems() {
    }

    public static DirectHandlers handlers() {
        DirectHandler handler = TransportProblems::handle;
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    private static DirectHandler.TransportResponse handle(DirectHandler.TransportRequest request,
                                                          DirectHandler.EventType event, Status status,
                                                          ServerResponseHeaders headers, String message) {
        ProblemType type = event == DirectHandler.EventType.INTERNAL_ERROR && status.code() == 500
                ? ProblemType.BAD_REQUEST // what reaches here unrouted is a request the parser could not read
                : Problems.ofStatus(status.code());
        LOG.debug("refused a request before routing ({} {}): {}", type.status(), event, message);
        byte[] body = Json.bytes(Problems.problem(type, detail(type, request, headers, message)));
        headers.set(HeaderNames.CONTENT_TYPE, Reply.PROBLEM_JSON);
        return DirectHandler.TransportResponse.builder()
                .status(Status.create(type.status()))
                .headers(headers)
                .keepAlive(false)
                .entity(body)
                .build();
    }

    private static String detail(ProblemType type, DirectHandler.TransportRequest request,
                                 ServerResponseHeaders headers, String message) {
        return switch (type) {
            // only a method in the wrong case is refused this early (a method of another route is left to routing)
            case METHOD_NOT_ALLOWED -> "Methods are case-sensitive: " + request.method() + " is not served on "
                    + request.path() + "; it serves " + headers.first(HeaderNames.ALLOW).orElse("other methods");
            case NOT_FOUND -> "No route for " + request.method() + " " + request.path();
            case HTTP_VERSION_NOT_SUPPORTED -> "This server speaks HTTP/1.1 (and HTTP/2); send HTTP/1.1 requests";
            case HEADERS_TOO_LARGE -> "The request headers are too large";
            case URI_TOO_LONG -> "The request target is too long";
            default -> message == null || message.isBlank() ? "The request could not be read" : message;
        };
    }
}
