package io.flowstate.nflow.app;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One flow of an nFlow app: a connected starter and the nodes of its tab.
 *
 * @param id       {@code <file stem>.<url pattern>} (NFLOW.md §1)
 * @param app      the file stem ({@code __flow_app})
 * @param tab      the Drawflow tab ({@code __flow_name})
 * @param version  content hash of the file
 * @param starter  the starter node
 * @param pattern  the URL pattern split into segments ({@code :name} captures)
 * @param methods  the methods it answers (ANY expanded)
 * @param any      whether the starter said ANY (a named method on the same pattern wins over it)
 * @param auth     whether every request needs a logged-in profile
 * @param first    the node the starter's {@code output_1} leads to
 * @param nodes    every node of the tab by id
 * @param order    position in load order (file, tab, node), for deterministic routing
 */
public record NflowFlow(String id, String app, String tab, String version, NflowNode starter, List<String> pattern,
                        List<String> methods, boolean any, boolean auth, String first, Map<String, NflowNode> nodes,
                        int order) {

    public NflowFlow {
        pattern = List.copyOf(pattern);
        methods = List.copyOf(methods);
        nodes = Map.copyOf(nodes);
    }

    public Optional<NflowNode> node(String nodeId) {
        return Optional.ofNullable(nodes.get(nodeId));
    }

    /** The starter's URL pattern as written. */
    public String urlPattern() {
        return starter.data().path("urlpattern").asText();
    }
}
