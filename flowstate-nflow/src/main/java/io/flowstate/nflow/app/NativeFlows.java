package io.flowstate.nflow.app;

import io.flowstate.core.flow.Flow;
import io.flowstate.core.flow.FormStep;
import io.flowstate.core.flow.Mode;
import io.flowstate.core.flow.Step;
import io.flowstate.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The catalogue entry of an nFlow flow: every {@code js} node as a step that may wait (any node can pause a run),
 * so that the JSON API, the streams and the inspector describe nFlow processes like native ones. Running the nodes
 * is the nFlow runtime's business, never the native runner's.
 */
public final class NativeFlows {

    private NativeFlows() {
    }

    public static Flow of(NflowFlow flow) {
        return of(flow, null);
    }

    /** The entry of {@code flow} running in {@code mode} (null: the server's default mode). */
    public static Flow of(NflowFlow flow, @Nullable Mode mode) {
        Map<String, Step> steps = new LinkedHashMap<>();
        for (NflowNode node : flow.nodes().values()) {
            if (node.type().equals("js")) {
                String title = node.title().isEmpty() ? null : node.title();
                steps.put(node.id(), new FormStep(node.id(), title, Json.object().put("type", "object"), node.id(), null));
            }
        }
        String start = flow.first();
        if (!steps.containsKey(start)) {
            steps.put(start, new FormStep(start, null, Json.object().put("type", "object"), start, null));
        }
        String title = flow.starter().title().isEmpty() ? flow.urlPattern() : flow.starter().title();
        return new Flow(flow.id(), title, flow.version(), mode, Flow.DEFAULT_TTL, Flow.DEFAULT_MAX_AGE,
                Flow.DEFAULT_RETENTION, start, steps);
    }
}
