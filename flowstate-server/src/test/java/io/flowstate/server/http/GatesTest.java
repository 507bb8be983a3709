package io.flowstate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.Filter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gates run in order, the first one that answers ends the request, and the routes run once all let it pass. */
class GatesTest {

    private final List<String> ran = new ArrayList<>();

    @Test
    void aRequestEveryGateLetsPassReachesTheRoutesOnce() {
        new Gates(List.of(passing("cors"), passing("methods"), passing("auth")))
                .filter(() -> ran.add("routes"), null, null);

        assertThat(ran).containsExactly("cors", "methods", "auth", "routes");
    }

    @Test
    void aGateThatAnswersEndsTheRequestBeforeTheNextGateAndTheRoutes() {
        new Gates(List.of(passing("cors"), answering("methods"), passing("auth")))
                .filter(() -> ran.add("routes"), null, null);

        assertThat(ran).containsExactly("cors", "methods");
    }

    @Test
    void noGatesMeansTheRoutes() {
        new Gates(List.of()).filter(() -> ran.add("routes"), null, null);

        assertThat(ran).containsExactly("routes");
    }

    private Filter passing(String name) {
        return (chain, request, response) -> {
            ran.add(name);
            chain.proceed();
        };
    }

    private Filter answering(String name) {
        return (chain, request, response) -> ran.add(name);
    }
}
