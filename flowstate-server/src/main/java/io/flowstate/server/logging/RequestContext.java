package io.flowstate.server.logging;

import io.flowstate.server.config.LogConfig;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The first filter of every request: puts {@code requestId} (the client's {@code X-Request-Id} when it is short and
 * printable, else a new one, echoed in the response), {@code processId} (from the path), and the W3C trace context
 * ({@code traceId}, {@code traceparent}) into the logging context of the request's thread, so every log line of the
 * request carries them; the engine's observer adds {@code flow}. After the answer it writes the access log line
 * (method, route template, status, duration) and clears the context.
 */
public final class RequestContext implements Filter {

    /** MDC keys, which are also the JSON log's field names. */
    public static final String REQUEST_ID = "requestId";
    public static final String PROCESS_ID = "processId";
    public static final String TRACE_ID = "traceId";
    public static final String TRACE_PARENT = "traceparent";
    /** Set by the engine observer once a command's flow is known. */
    public static final String FLOW = "flow";

    private static final Logger ACCESS = LoggerFactory.getLogger("flowstate.access");
    private static final HeaderName REQUEST_ID_HEADER = HeaderNames.create("X-Request-Id");
    private static final HeaderName TRACEPARENT_HEADER = HeaderNames.create("traceparent");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern PROCESS_PATH = Pattern.compile("/process/([0-9a-fA-F-]{36})(/.*)?");

    private final LogConfig config;

    public RequestContext(LogConfig config) {
        this.config = config;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        long began = System.nanoTime();
        String path = request.path().path();
        String requestId = request.headers().first(REQUEST_ID_HEADER).filter(id -> CLIENT_ID.matcher(id).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        MDC.put(REQUEST_ID, requestId);
        Matcher process = PROCESS_PATH.matcher(path);
        if (process.matches()) {
            MDC.put(PROCESS_ID, process.group(1).toLowerCase(Locale.ROOT));
        }
        Optional<TraceParent> trace = request.headers().first(TRACEPARENT_HEADER).flatMap(TraceParent::parse);
        trace.ifPresent(t -> {
            MDC.put(TRACE_ID, t.traceId());
            MDC.put(TRACE_PARENT, t.header());
        });
        response.header(REQUEST_ID_HEADER, requestId);
        try {
            chain.proceed();
        } finally {
            if (config.access() && ACCESS.isInfoEnabled()) {
                long micros = (System.nanoTime() - began) / 1000;
                ACCESS.info("{} {} {} {} ms", request.prologue().method().text(), RouteTemplate.of(path),
                        response.status().code(), String.format(Locale.ROOT, "%.1f", micros / 1000.0));
            }
            MDC.clear();
        }
    }

    /**
     * The context of one WebSocket message, which no HTTP filter sees: its process, its {@code requestId} (or a new
     * one) and the trace context of the socket's handshake. Close the scope when the message is answered.
     */
    public static Scope forMessage(UUID processId, @Nullable String requestId, Optional<TraceParent> trace) {
        MDC.put(PROCESS_ID, processId.toString());
        MDC.put(REQUEST_ID, requestId != null && CLIENT_ID.matcher(requestId).matches() ? requestId
                : UUID.randomUUID().toString());
        trace.ifPresent(t -> {
            MDC.put(TRACE_ID, t.traceId());
            MDC.put(TRACE_PARENT, t.header());
        });
        return MDC::clear;
    }

    /** The trace context of a handshake's {@code traceparent} header, when it is a valid one. */
    public static Optional<TraceParent> traceOf(Headers headers) {
        return headers.first(TRACEPARENT_HEADER).flatMap(TraceParent::parse);
    }

    /** A logging context that ends when closed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** The trace context of the request on this thread, as a {@code traceparent} value, if it sent one. */
    public static Optional<String> currentTraceParent() {
        return Optional.ofNullable(MDC.get(TRACE_PARENT));
    }
}
