package io.flowstate.server.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;

/**
 * Filters that only decide, before the routes, whether a request goes on (CORS, methods, auth, rate limits, owner
 * and handshake checks), run one after another instead of each inside the last. A gate either answers the request
 * itself or calls {@code proceed()} as its last act; nothing it does may follow that call, which here only records
 * that the request passed. Nested, each filter left three frames on the stack of every request until its answer;
 * an event stream parks with that stack for as long as it is open, and these six, nested, were a quarter of the
 * stack of a stream opened on a freshly started server (docs/benchmarks.md, "Idle SSE connections per GiB of heap").
 */
public final class Gates implements Filter {

    private final List<Filter> gates;

    public Gates(List<Filter> gates) {
        this.gates = List.copyOf(gates);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        Passed passed = new Passed();
        for (Filter gate : gates) {
            passed.proceeded = false;
            gate.filter(passed, request, response);
            if (!passed.proceeded) {
                return; // the gate answered
            }
        }
        chain.proceed();
    }

    /** The chain a gate sees: proceeding only records that it let the request pass. */
    private static final class Passed implements FilterChain {
        private boolean proceeded;

        @Override
        public void proceed() {
            proceeded = true;
        }
    }
}
