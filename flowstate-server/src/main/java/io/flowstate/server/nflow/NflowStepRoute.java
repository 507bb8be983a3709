package io.flowstate.server.nflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.wire.Preconditions;
import io.flowstate.server.wire.RequestBody;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /process/{id}/step} for nFlow processes (NFLOW.md §2.8), carried out by {@link NflowSteps};
 * {@code If-Match} names the version read. Other processes pass on to the native route.
 */
final class NflowStepRoute implements HttpService {

    private final NflowSteps steps;
    private final RequestBody bodies;

    NflowStepRoute(NflowSteps steps, RequestBody bodies) {
        this.steps = steps;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/process/{id}/step", this::step);
    }

    private void step(ServerRequest request, ServerResponse response) {
        UUID id;
        try {
            id = UUID.fromString(request.path().pathParameters().first("id").orElse(""));
        } catch (IllegalArgumentException e) {
            response.next();
            return;
        }
        Optional<NflowSteps.Target> target = steps.target(request, id);
        if (target.isEmpty()) {
            response.next();
            return;
        }
        JsonNode body = bodies.json(bodies.bytes(request));
        String claimed = body.path("step").isTextual() ? body.get("step").asText() : null;
        steps.step(target.get().flow(), id, claimed, body.get("input"), Preconditions.ifMatch(request),
                HttpRequests.cookie(request, LoginStore.COOKIE), target.get().read()).send(response);
    }
}
