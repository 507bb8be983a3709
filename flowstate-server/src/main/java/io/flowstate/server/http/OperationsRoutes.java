package io.flowstate.server.http;

import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.json.Json;
import io.flowstate.core.store.StoreUnavailableException;
import io.flowstate.server.wire.Reply;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Liveness, readiness (the store answers) and the OpenAPI document. */
public final class OperationsRoutes implements HttpService {

    private final ProcessEngine engine;
    private final byte[] openApi;

    public OperationsRoutes(ProcessEngine engine) {
        this.engine = engine;
        try (InputStream in = OperationsRoutes.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the server jar");
            }
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health/live", this::live).head("/health/live", this::live)
                .get("/health/ready", this::ready).head("/health/ready", this::ready)
                .get("/openapi.json", this::openApi).head("/openapi.json", this::openApi);
    }

    private void live(ServerRequest request, ServerResponse response) {
        Reply.json(200, Json.object().put("status", "UP")).send(response);
    }

    private void ready(ServerRequest request, ServerResponse response) {
        try {
            engine.ping();
            Reply.json(200, Json.object().put("status", "UP")).send(response);
        } catch (StoreUnavailableException e) {
            Reply.json(503, Json.object().put("status", "DOWN").put("detail", "the process store does not answer"))
                    .withHeader("Retry-After", "1").send(response);
        }
    }

    private void openApi(ServerRequest request, ServerResponse response) {
        new Reply(200, Map.of("Content-Type", Reply.JSON), openApi, null).send(response);
    }
}
