package io.flowstate.nflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.ScriptResult;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Problem;
import io.flowstate.core.process.ProblemType;
import io.flowstate.nflow.app.NflowFlow;
import io.flowstate.nflow.app.NflowNode;
import io.flowstate.nflow.template.PageTemplates;
import io.flowstate.script.GraalScriptRunner;
import io.flowstate.script.GuestResult;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Runs nFlow flows (NFLOW.md §2.2–2.4, §4): from a node, each {@code js} node in the shared GraalJS sandbox under
 * its statement and time limits, {@code gorutine} forks on their own virtual threads, until the run ends, pauses
 * ({@code payload.break}) or fails. Pure with respect to storage: the caller commits the {@link RunResult}.
 */
public final class NflowRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(NflowRuntime.class);
    /** Steps one request may run before it fails with {@code step_limit}. */
    public static final int MAX_STEPS = 1000;
    private static final String RUNTIME = BoxLibrary.resource("runtime.js");
    private static final String PREFIX = "(function (__scope) { with (__scope) { return (function () {";
    private static final int MAX_PREFIXES = 4096;
    private static final String SUFFIX = "\n;if (typeof main === 'function') { return main(); } })(); } })";

    private final GraalScriptRunner scripts;
    private final BoxLibrary library;
    private final PageTemplates templates;
    private final Accounts accounts;
    private final OtpSettings otp;
    private final Clock clock;
    private final Level consoleLevel;
    private final Consumer<String> forks;
    /** Per node code: its {@link NodeScope} prefix, or empty for the proxied scope. */
    private final Map<String, Optional<String>> prefixes = new ConcurrentHashMap<>();
    /** The realm's global-only names, the same in every sandbox context; read from the first one. */
    private volatile @Nullable Set<String> globalOnly;

    public NflowRuntime(GraalScriptRunner scripts, BoxLibrary library, PageTemplates templates, Accounts accounts,
                        OtpSettings otp, Clock clock, Level consoleLevel) {
        this(scripts, library, templates, accounts, otp, clock, consoleLevel, flowId -> { });
    }

    /** @param forks told the flow id of every fork a {@code gorutine} node starts (metrics count them) */
    public NflowRuntime(GraalScriptRunner scripts, BoxLibrary library, PageTemplates templates, Accounts accounts,
                        OtpSettings otp, Clock clock, Level consoleLevel, Consumer<String> forks) {
        this.forks = forks;
        this.scripts = scripts;
        this.library = library;
        this.templates = templates;
        this.accounts = accounts;
        this.otp = otp;
        this.clock = clock;
        this.consoleLevel = consoleLevel;
    }

    public BoxLibrary library() {
        return library;
    }

    /** Runs from {@code from} with {@code payload} (owned by the run) until it ends, pauses or fails. */
    public RunResult run(RunContext run, String from, ObjectNode payload) {
        String current = from;
        String previous = "";
        List<String> trail = new ArrayList<>();
        for (int steps = 0; steps < MAX_STEPS; steps++) {
            NflowNode node = run.flow().nodes().get(current);
            if (node == null) {
                return new RunResult(RunResult.Status.COMPLETED, null, null, payload, null, trail);
            }
            trail.add(node.id());
            String target;
            if (node.type().equals("gorutine")) {
                String forked = node.target("output_2");
                if (forked != null) {
                    fork(run, forked, payload.deepCopy(), node.id());
                }
                target = node.target("output_1");
            } else {
                NodeOutcome outcome = runNode(run, node, previous, payload);
                if (outcome.failure != null) {
                    return new RunResult(RunResult.Status.FAILED, null, null, payload,
                            Problem.of(outcome.failure.type(), outcome.failure.message(), node.id()), trail);
                }
                payload = outcome.payload;
                String output = outcome.next == null ? "" : outcome.next;
                target = node.target(output);
                JsonNode pause = payload.remove("break");
                if (pause != null && (pause.asText().equals("true"))) {
                    if (target == null) {
                        return new RunResult(RunResult.Status.COMPLETED, null, null, payload, null, trail);
                    }
                    return new RunResult(RunResult.Status.PAUSED, node.id(), target, payload, null, trail);
                }
            }
            if (target == null) {
                return new RunResult(RunResult.Status.COMPLETED, null, null, payload, null, trail);
            }
            previous = current;
            current = target;
        }
        return new RunResult(RunResult.Status.FAILED, null, null, payload, Problem.of(ProblemType.STEP_LIMIT,
                "The run took " + MAX_STEPS + " steps without pausing or ending", current), trail);
    }

    private void fork(RunContext parent, String from, ObjectNode payload, String forkNode) {
        String wid = UUID.randomUUID().toString();
        RunContext fork = new RunContext(parent.flow(), parent.request(), wid, "", parent.services(), new NflowAnswer());
        parent.forks().start(() -> {
            forks.accept(parent.flow().id());
            Thread.ofVirtual().name("nflow-fork-" + forkNode).start(() -> {
                try {
                    RunResult result = run(fork, from, payload);
                    if (result.status() == RunResult.Status.FAILED && result.error() != null) {
                        LOG.warn("fork of flow '{}' at node '{}' failed at node '{}': {}", parent.flow().id(),
                                forkNode, result.error().step(), result.error().detail());
                    }
                } catch (RuntimeException e) {
                    LOG.warn("fork of flow '{}' at node '{}' failed", parent.flow().id(), forkNode, e);
                }
            });
        });
    }

    /** The result of one node. */
    private record NodeOutcome(ObjectNode payload, @Nullable String next, ScriptResult.@Nullable Failure failure) {
    }

    private NodeOutcome runNode(RunContext run, NflowNode node, String previous, ObjectNode payload) {
        if (FormBox.handles(node, library)) {
            String error = FormBox.run(run, node, payload, templates);
            return new NodeOutcome(payload, "output_1", error == null ? null : ScriptResult.Failure.failed(error));
        }
        if (JsonBox.handles(node, library, payload)) {
            JsonBox.run(run, node, payload);
            return new NodeOutcome(payload, "output_1", null);
        }
        if (IfEqualsBox.handles(node, library, payload)) {
            return new NodeOutcome(payload, IfEqualsBox.output(node, payload), null);
        }
        if (EndBox.handles(node, library, payload)) {
            EndBox.run(run);
            return new NodeOutcome(payload, "output_1", null);
        }
        String code = node.data().path("code").isTextual() ? node.data().get("code").asText()
                : library.code(node.data().path("script").asText("")).orElse("");
        String state = Json.text(payload);
        HostBridge bridge = new HostBridge(run, templates, accounts, otp, clock, consoleLevel,
                () -> Json.text(environment(run, node, previous)));
        String name = run.flow().id() + "/" + node.id();
        GuestResult<String> result = scripts.call(guest -> guest.evaluate("nflow-runtime", RUNTIME), guest -> {
            Value api = guest.evaluate("nflow-runtime", RUNTIME);
            Optional<String> local = localPrefix(code, api);
            Value step = local.isPresent()
                    ? guest.evaluateScript(name, local.get(), code, NodeScope.suffix())
                    : guest.evaluateScript(name, PREFIX, code, SUFFIX);
            return api.getMember("run").execute(bridge.proxy(), step, state, local.isEmpty(),
                    HostBridge.consoleOn(consoleLevel)).asString();
        });
        return switch (result) {
            case GuestResult.Done<String> done -> parse(done.value(), payload);
            case GuestResult.Failed<String> failed -> new NodeOutcome(payload, null, failed.failure());
        };
    }

    /** The {@link NodeScope} prefix of {@code code}, or empty when it runs with the proxied scope. */
    private Optional<String> localPrefix(String code, Value api) {
        Optional<String> known = prefixes.get(code);
        if (known != null) {
            return known;
        }
        Set<String> global = globalOnly;
        if (global == null) {
            global = Set.of(api.getMember("globalOnly").asString().split(" "));
            globalOnly = global;
        }
        if (prefixes.size() >= MAX_PREFIXES) {
            prefixes.clear();
        }
        Optional<String> prefix = Optional.ofNullable(NodeScope.prefix(code, global));
        prefixes.put(code, prefix);
        return prefix;
    }

    private static NodeOutcome parse(String output, ObjectNode before) {
        try {
            JsonNode result = Json.mapper().readTree(output);
            JsonNode payload = result.get("payload");
            JsonNode next = result.get("next");
            return new NodeOutcome(payload instanceof ObjectNode o ? o : Json.object(),
                    next == null || next.isNull() ? null : next.asText(), null);
        } catch (IOException e) {
            return new NodeOutcome(before, null, ScriptResult.Failure.failed("The payload after the node is not JSON"));
        }
    }

    private static ObjectNode environment(RunContext run, NflowNode node, String previous) {
        NflowFlow flow = run.flow();
        NflowRequest request = run.request();
        ObjectNode env = Json.object();
        env.set("data", node.data());
        ObjectNode outputs = env.putObject("outputs");
        node.outputs().forEach(outputs::put);
        env.put("flowName", flow.tab()).put("flowApp", flow.app()).put("processId", run.processId())
                .put("currentBox", node.id()).put("prevBox", previous).put("endpoint", request.endpoint())
                .put("wid", run.wid());
        ObjectNode vars = env.putObject("vars");
        request.vars().forEach(vars::put);
        env.set("postData", postData(request));
        ObjectNode req = env.putObject("request");
        req.set("query", lists(request.query()));
        req.set("body", lists(request.body()));
        req.set("header", lists(request.headers()));
        return env;
    }

    private static JsonNode postData(NflowRequest request) {
        if (request.json() != null) {
            return request.json();
        }
        ObjectNode data = Json.object();
        request.body().forEach((name, values) -> {
            if (!values.isEmpty()) {
                data.put(name, values.get(0));
            }
        });
        return data;
    }

    private static ObjectNode lists(Map<String, List<String>> values) {
        ObjectNode node = Json.object();
        values.forEach((name, list) -> {
            var array = node.putArray(name);
            list.forEach(array::add);
        });
        return node;
    }

    /** The payload of a fresh start or a continuation's fields: one value as a string, several as a list. */
    public static ObjectNode fields(NflowRequest request) {
        ObjectNode fields = Json.object();
        putFields(fields, request.query());
        putFields(fields, request.body());
        return fields;
    }

    private static void putFields(ObjectNode into, Map<String, List<String>> values) {
        values.forEach((name, list) -> {
            if (NflowRequest.CONTROL_FIELDS.contains(name) || list.isEmpty()) {
                return;
            }
            if (list.size() == 1) {
                into.put(name, list.get(0));
            } else {
                var array = into.putArray(name);
                list.forEach(array::add);
            }
        });
    }
}
