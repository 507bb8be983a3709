package io.flowstate.server.http;

import io.flowstate.core.process.ProblemType;
import io.flowstate.server.auth.Caller;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * {@code /ui/}: the inspector, one static HTML page (no build step) that lists processes with filters and shows a
 * process with its flow graph, state, history and a live view over its event stream. It is an admin route: the page
 * is served only to an admin, who opens it as {@code /ui/?access_token=<token>} (a browser cannot send a header on
 * navigation); the page keeps the token for its API calls and removes it from the address bar.
 */
public final class InspectorRoutes implements HttpService {

    private static final String PAGE = "/io/flowstate/server/ui/index.html";

    private final byte[] page;

    public InspectorRoutes() {
        try (InputStream in = Objects.requireNonNull(InspectorRoutes.class.getResourceAsStream(PAGE), PAGE)) {
            this.page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/ui", (request, response) -> response.status(308).header("Location", "/ui/").send())
                .get("/ui/", this::page).head("/ui/", this::page);
    }

    private void page(ServerRequest request, ServerResponse response) {
        Caller caller = Caller.of(request);
        if (!caller.authenticated()) {
            ListingRoutes.unauthenticated(caller).send(response);
            return;
        }
        if (!caller.admin()) {
            Problems.of(ProblemType.ADMIN_REQUIRED, "The inspector is for admins: the token lacks the admin scope")
                    .send(response);
            return;
        }
        new Reply(200, java.util.Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-store",
                "Referrer-Policy", "no-referrer", "X-Frame-Options", "DENY",
                "Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline'; "
                        + "style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:"),
                page, null).send(response);
    }
}
