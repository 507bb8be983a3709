package io.flowstate.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.flow.Flow;
import io.flowstate.core.flow.FlowCatalog;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProblemType;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import io.flowstate.server.wire.Representations;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /flows} and {@code GET /flows/{id}}: the catalogue and each flow's graph, for UIs. */
public final class FlowRoutes implements HttpService {

    private final FlowCatalog flows;
    private final Representations representations;

    public FlowRoutes(FlowCatalog flows, Representations representations) {
        this.flows = flows;
        this.representations = representations;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/flows", this::list).head("/flows", this::list)
                .get("/flows/{id}", this::one).head("/flows/{id}", this::one);
    }

    private void list(ServerRequest request, ServerResponse response) {
        ObjectNode node = Json.object();
        ArrayNode items = node.putArray("flows");
        for (Flow flow : flows.all()) {
            items.add(representations.flowSummary(flow));
        }
        Reply.json(200, node).send(response);
    }

    private void one(ServerRequest request, ServerResponse response) {
        String id = request.path().pathParameters().get("id");
        flows.find(id)
                .map(flow -> Reply.json(200, representations.flow(flow)).withHeader("ETag", "\"" + flow.version() + "\""))
                .orElseGet(() -> Problems.of(ProblemType.FLOW_NOT_FOUND, "No flow with id '" + id + "'"))
                .send(response);
    }
}
