package io.flowstate.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProblemType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.ProcessPage;
import io.flowstate.core.store.ProcessQuery;
import io.flowstate.server.auth.Caller;
import io.flowstate.server.wire.ProblemException;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import io.flowstate.server.wire.Representations;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Objects;

/**
 * {@code GET /processes}: the admin listing, newest first, one page per request with an opaque {@code next} cursor
 * (docs/api.md, docs/decisions/0006-listing-consistency.md). An admin sees every process; an authenticated caller
 * without the admin scope sees only their own; an anonymous caller gets 401.
 */
public final class ListingRoutes implements HttpService {

    private final ProcessEngine engine;
    private final Representations representations;

    public ListingRoutes(ProcessEngine engine, Representations representations) {
        this.engine = engine;
        this.representations = representations;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/processes", this::list).head("/processes", this::list);
    }

    private void list(ServerRequest request, ServerResponse response) {
        Caller caller = Caller.of(request);
        if (!caller.authenticated()) {
            unauthenticated(caller).send(response);
            return;
        }
        ProcessQuery query = ListingQuery.parse(request.query());
        String subject = caller.subject();
        if (!caller.admin()) {
            String requested = query.owner();
            if (requested != null && !requested.equals(subject)) {
                page(new ProcessPage(java.util.List.of(), null)).send(response); // only their own: none of those
                return;
            }
            query = new ProcessQuery(query.flow(), query.status(), query.waitingFor(), Objects.requireNonNull(subject),
                    query.updatedBefore(), query.limit(), query.cursor());
        }
        page(engine.list(query)).send(response);
    }

    private Reply page(ProcessPage page) {
        ObjectNode body = Json.object();
        ArrayNode processes = body.putArray("processes");
        for (ProcessInstance process : page.processes()) {
            processes.add(representations.process(process));
        }
        if (page.next() == null) {
            body.putNull("next");
        } else {
            body.put("next", page.next().encode());
        }
        return Reply.json(200, body).withHeader("Cache-Control", "no-store");
    }

    /** 401 for admin routes: no credentials at all, or a bearer that is neither a token nor the admin token. */
    static Reply unauthenticated(Caller caller) {
        ProblemException problem = caller.presentedCredentials()
                ? new ProblemException(ProblemType.INVALID_CREDENTIALS, "The bearer credential is not the admin token")
                : new ProblemException(ProblemType.AUTHENTICATION_REQUIRED,
                        "This is an admin route: send Authorization: Bearer <token> with admin rights");
        return Problems.of(problem).withHeader("WWW-Authenticate", caller.presentedCredentials()
                ? "Bearer error=\"invalid_token\"" : "Bearer");
    }
}
