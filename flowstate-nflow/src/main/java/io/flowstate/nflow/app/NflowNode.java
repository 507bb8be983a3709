package io.flowstate.nflow.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One Drawflow node of an nFlow app: its {@code data} and its wired outputs.
 *
 * @param id      the node id (a UUID in designer exports)
 * @param type    {@code starter}, {@code js} or {@code gorutine}
 * @param data    the node's {@code data} object, as exported
 * @param outputs {@code output_N} to the target node id of its first connection, for connected outputs only
 */
public record NflowNode(String id, String type, ObjectNode data, Map<String, String> outputs) {

    public NflowNode {
        outputs = Map.copyOf(outputs);
    }

    /** The box title ({@code name_box}), or empty. */
    public String title() {
        return data.path("name_box").asText("");
    }

    /** The target of {@code output}, or null when it is not connected. */
    public @Nullable String target(String output) {
        return outputs.get(output);
    }
}
