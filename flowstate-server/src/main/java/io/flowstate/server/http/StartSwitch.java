package io.flowstate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jspecify.annotations.Nullable;

/**
 * Takes the starts of {@code POST /workflow/start} that run in session mode — a flow that declares it, or a browser
 * the migration switch sends there — before process and token mode see them.
 */
@FunctionalInterface
public interface StartSwitch {

    /** Takes no start: there is no session mode. */
    StartSwitch NONE = (request, response, flowId, input) -> false;

    /**
     * Answers the start when it runs in session mode and returns true; otherwise returns false and leaves the answer
     * to the caller (after perhaps adding a cookie to {@code response}, such as the browser id the switch needs).
     */
    boolean answered(ServerRequest request, ServerResponse response, String flowId, @Nullable JsonNode input);
}
