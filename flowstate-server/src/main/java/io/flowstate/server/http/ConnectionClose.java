package io.flowstate.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.Locale;

/**
 * Honours a request's {@code Connection: close}: the server closes the connection after its answer (RFC 9112
 * §9.6), as a client that reads the answer to the end of the stream expects. Helidon echoes the header in the
 * answer but kept the connection open for the next request.
 */
public final class ConnectionClose implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        try {
            chain.proceed();
        } finally {
            // only now: a chunked body still being read looks like the next request to the reader; most requests
            // (HTTP/1.1 keep-alive) carry no Connection header and cost one lookup
            if (request.headers().contains(HeaderNames.CONNECTION)
                    && asksToClose(String.join(",", request.headers().all(HeaderNames.CONNECTION, List::of)))) {
                StrictHttp1Reader.closeAfterThisAnswer();
            }
        }
    }

    /** True when the header's comma-separated options include {@code close}, in any case. */
    static boolean asksToClose(String connection) {
        for (String option : connection.split(",")) {
            if (option.strip().toLowerCase(Locale.ROOT).equals("close")) {
                return true;
            }
        }
        return false;
    }
}
