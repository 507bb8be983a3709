package io.flowstate.server.nflow;

import io.flowstate.nflow.app.NflowFlow;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link RunStore} needs of a request to find and keep its run.
 *
 * @param flow          the flow the request's starter belongs to
 * @param namedProcess  the {@code nflow_process_id} the request carries, or null
 * @param owner         the logged-in user, or null
 * @param cookies       the request's cookies, name to first value (a mode may keep its key in one)
 * @param secureCookies whether cookies a mode sets must be {@code Secure}
 */
record RunRequest(NflowFlow flow, @Nullable String namedProcess, @Nullable String owner, Map<String, String> cookies,
                  boolean secureCookies) {

    RunRequest {
        cookies = Map.copyOf(cookies);
    }
}
