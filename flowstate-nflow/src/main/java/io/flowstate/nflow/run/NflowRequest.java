package io.flowstate.nflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a run sees of one HTTP request (NFLOW.md §3).
 *
 * @param method   the HTTP method
 * @param endpoint the path before any continuation marker ({@code nflow_endpoint})
 * @param vars     the starter's {@code :name} captures
 * @param query    query parameters, name to values
 * @param body     urlencoded or multipart body fields, name to values
 * @param headers  request headers, name to values
 * @param json     a JSON request body, or null
 */
public record NflowRequest(String method, String endpoint, Map<String, String> vars, Map<String, List<String>> query,
                           Map<String, List<String>> body, Map<String, List<String>> headers, @Nullable JsonNode json) {

    /** Fields that steer the runtime and never reach the payload. */
    public static final List<String> CONTROL_FIELDS = List.of("nflow_next_node_run", "nflow_process_id");

    /** The first value of {@code name} in the body, else in the query, or null. */
    public @Nullable String field(String name) {
        List<String> values = body.get(name);
        if (values == null || values.isEmpty()) {
            values = query.get(name);
        }
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
