package io.flowstate.server.hybrid;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.process.ProcessInstance;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A rough estimate of the heap a cached process holds, in bytes: a fixed part for the record and its strings, and
 * for its state and result, every JSON node with its text (two bytes a character, as a {@code String} of
 * non-Latin text holds them) and its field names. It only has to grow with the state, so that a cache bounded by
 * weight holds few large processes and many small ones.
 */
final class ProcessWeight {

    private static final int RECORD = 512;
    private static final int NODE = 48;

    private ProcessWeight() {
    }

    static long of(ProcessInstance process) {
        return RECORD + of(process.state()) + of(process.result());
    }

    private static long of(@Nullable JsonNode root) {
        if (root == null) {
            return 0;
        }
        long bytes = 0;
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            bytes += NODE;
            if (node.isTextual()) {
                bytes += 2L * node.textValue().length();
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    bytes += NODE + 2L * field.getKey().length();
                    pending.push(field.getValue());
                }
            } else if (node.isArray()) {
                node.forEach(pending::push);
            }
        }
        return bytes;
    }
}
