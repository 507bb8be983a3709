package io.flowstate.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.ScriptCall;
import io.flowstate.core.engine.ScriptResult;
import io.flowstate.core.engine.ScriptRunner;
import io.flowstate.core.flow.ScriptStep;
import io.flowstate.core.json.Json;
import io.flowstate.script.GraalScriptRunner;
import io.flowstate.script.ScriptLimits;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm cost of one trivial script step ({@code state.x = 1; next = 'a'}) in {@link GraalScriptRunner},
 * against two baselines measured in the same run: the same runner with an empty step ({@code next = 'a'}),
 * which isolates the fixed cost of a step (pool, watchdog, JSON in and out, one guest call), and a plain
 * Java {@link ScriptRunner} doing the same work on the state, which is the floor a script engine is
 * compared against. The budget (DESIGN §10) is 0.2 ms per trivial step. {@code flowstate-bench/run.sh} runs it
 * with the round-trip benchmarks, so a script step can be set against a whole cycle ({@link BenchRatios}).
 *
 * <p>Run from the repository root:
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -B -q -pl flowstate-bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
 * $JAVA_HOME/bin/java -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) \
 *     org.openjdk.jmh.Main ScriptStepBenchmark -f 1 -wi 3 -i 5 -r 1
 * </pre>
 */
@State(Scope.Benchmark)
// sample, not avgt: its median survives a neighbour's burst on a shared machine, the mean does not
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
public class ScriptStepBenchmark {

    private static final Map<String, String> EDGES = Map.of("a", "done", "b", "review");

    private GraalScriptRunner graal;
    private ScriptRunner plainJava;
    private ScriptCall trivial;
    private ScriptCall empty;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        graal = new GraalScriptRunner(ScriptLimits.DEFAULTS);
        plainJava = call -> {
            ObjectNode state = call.state().deepCopy();
            state.put("x", 1);
            return new ScriptResult.Success(state, "a");
        };
        // A small but realistic state: a few fields, one nested object, one array.
        ObjectNode state = (ObjectNode) Json.parse("""
                {"customer": {"name": "Ada", "email": "ada@example.com"}, "amount": 120.5,
                 "items": [{"sku": "A1", "qty": 2}, {"sku": "B2", "qty": 1}], "approved": false}""");
        trivial = new ScriptCall("bench", new ScriptStep("trivial", "Trivial", "state.x = 1; next = 'a';", EDGES),
                UUID.randomUUID(), state, Json.object());
        empty = new ScriptCall("bench", new ScriptStep("empty", "Empty", "next = 'a';", EDGES),
                UUID.randomUUID(), state, Json.object());
        for (ScriptCall call : new ScriptCall[] {trivial, empty}) {
            if (!(graal.run(call) instanceof ScriptResult.Success)) {
                throw new IllegalStateException("benchmark step failed: " + graal.run(call));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        graal.close();
    }

    @Benchmark
    public ScriptResult graalTrivialStep() {
        return graal.run(trivial);
    }

    @Benchmark
    public ScriptResult graalEmptyStep() {
        return graal.run(empty);
    }

    @Benchmark
    public ScriptResult plainJavaStep() {
        return plainJava.run(trivial);
    }
}
