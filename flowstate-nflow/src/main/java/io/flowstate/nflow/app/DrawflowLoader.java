package io.flowstate.nflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Loads the nFlow designer exports (Drawflow JSON, detected by content: a top-level object {@code drawflow}) of a
 * flows directory, every tab, into {@link NflowFlow}s (NFLOW.md §1). A file with any error is not loaded at all;
 * its errors name the file, the tab and the node. Native flow files beside them are left alone.
 */
public final class DrawflowLoader {

    /** First path segments that belong to Flowstate's own routes. */
    public static final Set<String> RESERVED = Set.of("workflow", "process", "processes", "session", "flows",
            "health", "metrics", "openapi.json", "ui", "demo");
    static final List<String> ANY = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final Predicate<String> knownModule;

    /** @param knownModule whether a {@code script} name is a module of the box library (or the modules directory) */
    public DrawflowLoader(Predicate<String> knownModule) {
        this.knownModule = knownModule;
    }

    /** True when {@code content} is a JSON object with a top-level {@code drawflow} member. */
    public static boolean isDrawflow(byte[] content) {
        try {
            JsonNode root = Json.mapper().readTree(content);
            return root != null && root.isObject() && root.has("drawflow");
        } catch (IOException e) {
            return false;
        }
    }

    /** Loads every {@code *.json} nFlow app of {@code directory} (not recursive), in file-name order. */
    public NflowApps load(Path directory) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted().toList();
        }
        List<NflowFlow> flows = new ArrayList<>();
        List<LoadError> errors = new ArrayList<>();
        Map<String, String> routes = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            if (!isDrawflow(content)) {
                continue;
            }
            FileLoad load = new FileLoad(file, content, flows.size());
            load.run();
            Set<String> fileRoutes = new HashSet<>();
            for (NflowFlow flow : load.flows) {
                for (String method : declared(flow)) {
                    String key = method + " " + routeKey(flow.pattern());
                    if (routes.containsKey(key) || !fileRoutes.add(key)) {
                        load.errors.add(new LoadError(file, flow.tab(), flow.starter().id(), "starter " + method + " "
                                + flow.urlPattern() + " is already used" + (routes.containsKey(key)
                                ? " by " + routes.get(key) : " in this file")));
                    }
                }
                if (ids.contains(flow.id())) {
                    load.errors.add(new LoadError(file, flow.tab(), flow.starter().id(), "flow id '" + flow.id()
                            + "' is already taken"));
                }
            }
            if (!load.errors.isEmpty()) {
                errors.addAll(load.errors);
                continue;
            }
            for (NflowFlow flow : load.flows) {
                for (String method : declared(flow)) {
                    routes.put(method + " " + routeKey(flow.pattern()), file.getFileName() + " (" + flow.urlPattern() + ")");
                }
                ids.add(flow.id());
                flows.add(flow);
            }
        }
        return new NflowApps(flows, errors);
    }

    /** ANY is its own method here: a named method beside ANY on one pattern is allowed and wins (§2.1). */
    private static List<String> declared(NflowFlow flow) {
        return flow.any() ? List.of("ANY") : flow.methods();
    }

    private static String routeKey(List<String> pattern) {
        return "/" + String.join("/", pattern.stream().map(s -> s.startsWith(":") ? ":" : s).toList());
    }

    /** The id of a flow: file stem, then the URL pattern with '/' as '.', ':' dropped, other odd characters '_'. */
    static String flowId(String stem, String urlPattern) {
        String path = urlPattern.startsWith("/") ? urlPattern.substring(1) : urlPattern;
        String id = path.replace('/', '.').replace(":", "").replaceAll("[^A-Za-z0-9_.-]", "_");
        return stem + "." + id;
    }

    /** The loading of one file; collects every error rather than stopping at the first. */
    private final class FileLoad {
        final Path file;
        final byte[] content;
        final int orderBase;
        final List<NflowFlow> flows = new ArrayList<>();
        final List<LoadError> errors = new ArrayList<>();

        FileLoad(Path file, byte[] content, int orderBase) {
            this.file = file;
            this.content = content;
            this.orderBase = orderBase;
        }

        void run() {
            JsonNode root;
            try {
                root = Json.mapper().readTree(content);
            } catch (IOException e) {
                errors.add(new LoadError(file, null, null, "not valid JSON"));
                return;
            }
            JsonNode drawflow = root.path("drawflow");
            if (!drawflow.isObject()) {
                errors.add(new LoadError(file, null, null, "'drawflow' must be an object of tabs"));
                return;
            }
            String stem = stem(file);
            String version = version(content);
            List<NflowFlow> found = new ArrayList<>();
            for (Map.Entry<String, JsonNode> tab : drawflow.properties()) {
                Map<String, NflowNode> nodes = nodes(tab.getKey(), tab.getValue());
                if (nodes == null) {
                    continue;
                }
                for (NflowNode node : nodes.values()) {
                    if (node.type().equals("starter") && node.target("output_1") != null) {
                        NflowFlow flow = starter(stem, version, tab.getKey(), node, nodes, orderBase + found.size());
                        if (flow != null) {
                            found.add(flow);
                            checkReachable(tab.getKey(), flow);
                        }
                    }
                }
            }
            Map<String, Long> counts = new HashMap<>();
            found.forEach(f -> counts.merge(f.id(), 1L, Long::sum));
            for (NflowFlow flow : found) {
                if (counts.getOrDefault(flow.id(), 0L) > 1) {
                    String suffix = "-" + flow.starter().id().substring(0, Math.min(8, flow.starter().id().length()));
                    flow = new NflowFlow(flow.id() + suffix, flow.app(), flow.tab(), flow.version(), flow.starter(),
                            flow.pattern(), flow.methods(), flow.any(), flow.auth(), flow.first(), flow.nodes(),
                            flow.order());
                }
                flows.add(flow);
            }
        }

        private @Nullable Map<String, NflowNode> nodes(String tab, JsonNode tabNode) {
            JsonNode data = tabNode.path("data");
            if (!data.isObject()) {
                errors.add(new LoadError(file, tab, null, "the tab has no 'data' object of nodes"));
                return null;
            }
            Map<String, NflowNode> nodes = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : data.properties()) {
                String id = entry.getKey();
                JsonNode node = entry.getValue();
                if (!node.isObject() || !node.path("data").isObject()) {
                    errors.add(new LoadError(file, tab, id, "a node must be an object with a 'data' object"));
                    continue;
                }
                JsonNode type = node.path("data").path("type");
                if (!type.isTextual() || type.asText().isEmpty()) {
                    errors.add(new LoadError(file, tab, id, "the node has no 'type'"));
                    continue;
                }
                if (!Set.of("starter", "js", "gorutine").contains(type.asText())) {
                    errors.add(new LoadError(file, tab, id, "unknown node type '" + type.asText()
                            + "' (expected starter, js or gorutine)"));
                    continue;
                }
                Map<String, String> outputs = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> output : node.path("outputs").properties()) {
                    JsonNode connections = output.getValue().path("connections");
                    if (connections.isArray() && !connections.isEmpty()) {
                        JsonNode target = connections.get(0).path("node");
                        if (!target.isTextual() && !target.isNumber()) {
                            errors.add(new LoadError(file, tab, id, output.getKey() + " has a connection without 'node'"));
                            continue;
                        }
                        outputs.put(output.getKey(), target.asText());
                    }
                }
                nodes.put(id, new NflowNode(id, type.asText(), (ObjectNode) node.get("data"), outputs));
            }
            for (NflowNode node : nodes.values()) {
                node.outputs().forEach((output, target) -> {
                    NflowNode to = nodes.get(target);
                    if (to == null) {
                        errors.add(new LoadError(file, tab, node.id(), output + " is wired to node '" + target
                                + "', which is not in the tab"));
                    } else if (to.type().equals("starter")) {
                        errors.add(new LoadError(file, tab, node.id(), output + " is wired into starter '" + target + "'"));
                    }
                });
            }
            return nodes;
        }

        private @Nullable NflowFlow starter(String stem, String version, String tab, NflowNode node,
                                            Map<String, NflowNode> nodes, int order) {
            ObjectNode data = node.data();
            String method = data.path("method").asText("").toUpperCase(Locale.ROOT);
            List<String> methods;
            boolean any = method.equals("ANY");
            if (any) {
                methods = ANY;
            } else if (ANY.contains(method)) {
                methods = List.of(method);
            } else {
                errors.add(new LoadError(file, tab, node.id(), "starter 'method' must be GET, POST, PUT, PATCH, DELETE"
                        + " or ANY, was '" + data.path("method").asText("") + "'"));
                return null;
            }
            JsonNode authNode = data.path("nflow_auth");
            boolean auth;
            if (authNode.isMissingNode() || authNode.isNull() || (authNode.isBoolean() && !authNode.asBoolean())
                    || (authNode.isTextual() && Set.of("", "false").contains(authNode.asText()))) {
                auth = false;
            } else if ((authNode.isBoolean() && authNode.asBoolean())
                    || (authNode.isTextual() && authNode.asText().equals("true"))) {
                auth = true;
            } else {
                errors.add(new LoadError(file, tab, node.id(), "starter 'nflow_auth' must be true or false"));
                return null;
            }
            String url = data.path("urlpattern").asText("");
            if (!url.startsWith("/")) {
                errors.add(new LoadError(file, tab, node.id(), "starter 'urlpattern' must start with '/', was '" + url + "'"));
                return null;
            }
            List<String> pattern = url.equals("/") ? List.of() : List.of(url.substring(1).split("/", -1));
            if (pattern.stream().anyMatch(s -> s.isEmpty() || s.equals(":"))) {
                errors.add(new LoadError(file, tab, node.id(), "starter 'urlpattern' '" + url + "' has an empty segment"));
                return null;
            }
            if (!pattern.isEmpty() && RESERVED.contains(pattern.get(0))) {
                errors.add(new LoadError(file, tab, node.id(), "starter 'urlpattern' '" + url
                        + "' collides with Flowstate's own routes (/" + pattern.get(0) + ")"));
                return null;
            }
            String first = node.target("output_1");
            if (first == null || !nodes.containsKey(first)) {
                return null;
            }
            return new NflowFlow(flowId(stem, url), stem, tab, version, node, pattern, methods, any, auth, first, nodes,
                    order);
        }

        private void checkReachable(String tab, NflowFlow flow) {
            Deque<String> pending = new ArrayDeque<>(List.of(flow.first()));
            Set<String> seen = new HashSet<>();
            while (!pending.isEmpty()) {
                String id = pending.pop();
                NflowNode node = flow.nodes().get(id);
                if (node == null || !seen.add(id)) {
                    continue;
                }
                if (node.type().equals("js") && !node.data().path("code").isTextual()) {
                    String script = node.data().path("script").asText("");
                    if (script.startsWith("dromedary")) {
                        errors.add(new LoadError(file, tab, id, "module '" + script + "' (dromedary) is not supported"));
                    } else if (!knownModule.test(script)) {
                        errors.add(new LoadError(file, tab, id, "the node names module '" + script
                                + "', which is neither in the box library nor in the modules directory"));
                    }
                }
                pending.addAll(node.outputs().values());
            }
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".json".length());
    }

    private static String version(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
