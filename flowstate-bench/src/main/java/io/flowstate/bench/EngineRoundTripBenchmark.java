package io.flowstate.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@link SignupCycle} of {@link FlowRoundTripBenchmark} in-process: the same request bodies parsed and
 * handed to the {@link io.flowstate.core.engine.ProcessEngine} a server would build (flows, store, GraalJS
 * sandbox, validator), without transport, routing or response representation. The difference to the HTTP
 * cycle is the HTTP share; sqlite against memory here is the store share.
 *
 * <p>Run from the repository root:
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * flowstate-bench/run.sh
 * # or by hand:
 * mvn -B -q -pl flowstate-bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
 * $JAVA_HOME/bin/java -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) \
 *     org.openjdk.jmh.Main 'FlowRoundTripBenchmark|EngineRoundTripBenchmark' -f 1 -wi 5 -w 2 -i 5 -r 1
 * </pre>
 */
@State(Scope.Benchmark)
// sample, not avgt: its median (p50) survives a neighbour's burst on a shared machine, the mean does not
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
public class EngineRoundTripBenchmark {

    @Param({"memory", "sqlite"})
    public String store;

    private Path dataDir;
    private InProcessFlowstate flowstate;
    private EngineSignupClient client;

    @Setup(Level.Trial)
    public void setUp() {
        dataDir = BenchConfigs.tempDataDir();
        flowstate = new InProcessFlowstate(BenchConfigs.config(store, dataDir));
        client = new EngineSignupClient(flowstate.engine());
        SignupCycle.run(client); // fails the trial at once if the flow does not complete
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        flowstate.close();
        BenchConfigs.delete(dataDir);
    }

    @Benchmark
    public SignupCycle.Position inProcessCycle() {
        return SignupCycle.run(client);
    }
}
