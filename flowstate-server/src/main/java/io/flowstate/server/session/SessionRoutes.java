package io.flowstate.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.process.ProblemType;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import io.flowstate.server.wire.RequestBody;
import io.flowstate.server.wire.Representations;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.function.Predicate;

/**
 * The JSON routes of session mode, which find this browser's run of a flow through its session cookie:
 * {@code GET /session/{flow}}, {@code POST /session/{flow}/step} (the body of a process step),
 * {@code DELETE /session/{flow}} and {@code POST /session/{flow}/migrate}. Each holds the session's lock throughout.
 */
public final class SessionRoutes implements HttpService {

    private final SessionMode mode;
    private final RequestBody body;
    private final Predicate<String> pagesOnly;

    /** @param pagesOnly the flows whose session runs continue only through their pages (nFlow apps) */
    SessionRoutes(SessionMode mode, RequestBody body, Predicate<String> pagesOnly) {
        this.mode = mode;
        this.body = body;
        this.pagesOnly = pagesOnly;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/session/{flow}", this::read).head("/session/{flow}", this::read)
                .delete("/session/{flow}", this::cancel)
                .post("/session/{flow}/step", this::step)
                .post("/session/{flow}/migrate", this::migrate);
    }

    private void read(ServerRequest request, ServerResponse response) {
        String session = mode.session(request, response);
        mode.withLock(session, () -> mode.read(session, flow(request))).send(response);
    }

    private void cancel(ServerRequest request, ServerResponse response) {
        String session = mode.session(request, response);
        mode.withLock(session, () -> mode.cancel(request, session, flow(request))).send(response);
    }

    private void migrate(ServerRequest request, ServerResponse response) {
        String session = mode.session(request, response);
        mode.withLock(session, () -> mode.migrate(session, flow(request))).send(response);
    }

    private void step(ServerRequest request, ServerResponse response) {
        if (pagesOnly.test(flow(request))) {
            // the native runner does not run nFlow nodes: a step here would change the state without running them
            Problems.of(ProblemType.STEP_NOT_SUPPORTED, "Session runs of nFlow flow '" + flow(request)
                    + "' continue through its pages, or as a process after POST /session/{flow}/migrate")
                    .withHeader(Representations.MODE_HEADER, "session").send(response);
            return;
        }
        body.requireContentType(request, Reply.JSON);
        byte[] bytes = body.bytes(request);
        JsonNode document = body.optionalJson(bytes);
        if (document != null && !document.isObject()) {
            Problems.of(ProblemType.INVALID_INPUT, "Expected a body {\"input\": {…}, \"step\": \"<step id>\"}")
                    .send(response);
            return;
        }
        JsonNode input = document == null ? null : document.get("input");
        JsonNode step = document == null ? null : document.get("step");
        String stepId = step != null && step.isTextual() ? step.asText() : null;
        String session = mode.session(request, response);
        mode.withLock(session, () -> mode.step(request, session, flow(request), bytes, stepId, input)).send(response);
    }

    private static String flow(ServerRequest request) {
        return request.path().pathParameters().get("flow");
    }
}
