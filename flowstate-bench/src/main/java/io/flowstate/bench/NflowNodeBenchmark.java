package io.flowstate.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.nflow.app.DrawflowLoader;
import io.flowstate.nflow.app.NflowApps;
import io.flowstate.nflow.app.NflowFlow;
import io.flowstate.nflow.run.Accounts;
import io.flowstate.nflow.run.BoxLibrary;
import io.flowstate.nflow.run.NflowAnswer;
import io.flowstate.nflow.run.NflowRequest;
import io.flowstate.nflow.run.NflowRuntime;
import io.flowstate.nflow.run.OtpSettings;
import io.flowstate.nflow.run.RunContext;
import io.flowstate.nflow.run.RunResult;
import io.flowstate.nflow.run.RunServices;
import io.flowstate.nflow.template.PageTemplates;
import io.flowstate.script.GraalScriptRunner;
import io.flowstate.script.ScriptLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.event.Level;

/**
 * What one nFlow {@code js} node costs in the sandbox, split into the run's own wrapping and the app's code: an empty
 * node ({@code empty}), {@code /pepe11}'s "validacion Tipo" node as exported ({@code validacion}: three
 * {@code console.log}s, one of them of {@code JSON.stringify(payload)}, and a branch), the same node without its
 * logging ({@code quiet}), a node that reads its own data from the environment ({@code data}, the inline form of the
 * box library's {@code if_equals}), and the library's {@code if_equals} box itself ({@code if_equals}). Each run
 * starts from {@code /pepe11}'s dozen-field payload, as a page request does. The console's level is {@code trace},
 * which the default logging configuration leaves off, as in the page benchmark.
 *
 * <pre>
 * java -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) org.openjdk.jmh.Main NflowNodeBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
public class NflowNodeBenchmark {

    private static final Map<String, String> CODE = Map.of(
            "empty", "function main(){\n}",
            "validacion", """
                    function main(){
                      \tconsole.log("validacion tipo")
                      \tconsole.log(JSON.stringify(payload))
                      \tif (payload["tipo"]  != "celular") {
                          next = "output_2"
                        }
                      \tpayload["paso_codigo"] = "ok"
                      \tconsole.log("termino validacion tipo")
                    }""",
            "quiet", """
                    function main(){
                      \tif (payload["tipo"]  != "celular") {
                          next = "output_2"
                        }
                      \tpayload["paso_codigo"] = "ok"
                    }""",
            "data", """
                    function main(){
                      next = payload[nflow_data.field] == nflow_data.value ? 'output_1' : 'output_2';
                    }""");

    @Param({"empty", "validacion", "quiet", "data", "if_equals"})
    public String node;

    private GraalScriptRunner scripts;
    private NflowRuntime runtime;
    private NflowFlow flow;
    private NflowRequest request;
    private ObjectNode payload;

    @Setup
    public void setUp() throws IOException {
        Path dir = Files.createTempDirectory("flowstate-node-bench");
        ObjectNode data = Json.object().put("type", "js").put("field", "tipo").put("value", "celular");
        String js = Json.text(CODE.containsKey(node) ? data.put("code", CODE.get(node)) : data.put("script", node));
        Files.writeString(dir.resolve("bench.json"), "{\"drawflow\": {\"Main\": {\"data\": {"
                + "\"s\": {\"data\": {\"type\": \"starter\", \"urlpattern\": \"/bench\", \"method\": \"ANY\"},"
                + " \"outputs\": {\"output_1\": {\"connections\": [{\"node\": \"n0\"}]}}},"
                + "\"n0\": {\"data\": " + js + ", \"outputs\": {}}}}}}");
        BoxLibrary library = BoxLibrary.load(null);
        NflowApps apps = new DrawflowLoader(library::has).load(dir);
        if (!apps.errors().isEmpty()) {
            throw new IllegalStateException(apps.errors().toString());
        }
        flow = apps.flows().get(0);
        scripts = new GraalScriptRunner(new ScriptLimits(200_000, Duration.ofSeconds(2)));
        runtime = new NflowRuntime(scripts, library, new PageTemplates(null), Accounts.NONE, OtpSettings.ACCEPT,
                Clock.systemUTC(), Level.TRACE);
        request = new NflowRequest("POST", "/bench", Map.of(), Map.of(), Map.of("codigo", List.of("1111")),
                Map.of("Content-Type", List.of("application/x-www-form-urlencoded"), "Host", List.of("127.0.0.1")),
                null);
        payload = Json.object().put("nombre", "Ana").put("tipo", "celular").put("celular", "1155550000")
                .put("mail", "").put("codigo", "1111").put("cantidad", "1000").put("cuotas", "6")
                .put("interes", "100.00").put("valorCuota", "183.33").put("valorTotal", "1100.00");
    }

    @TearDown
    public void tearDown() {
        scripts.close();
    }

    @Benchmark
    public RunResult run() {
        RunContext run = new RunContext(flow, request, "wid", "pid", NO_LOGIN, new NflowAnswer());
        return runtime.run(run, flow.first(), payload.deepCopy());
    }

    private static final RunServices NO_LOGIN = new RunServices() {
        @Override
        public @Nullable ObjectNode profile() {
            return null;
        }

        @Override
        public void setProfile(ObjectNode profile) {
        }

        @Override
        public void deleteProfile() {
        }

        @Override
        public ObjectNode loginValues() {
            return Json.object();
        }
    };
}
