package io.flowstate.bench;

import io.flowstate.server.FlowstateServer;
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
 * One {@link SignupCycle} (start → submit {@code profile} → submit {@code address} → completed) over real
 * HTTP/1.1 with keep-alive against a {@link FlowstateServer} started in this JVM on 127.0.0.1, port 0, per
 * store and per client: the JDK {@code HttpClient} (what a Java caller pays) and a bare blocking socket
 * (what the server alone costs). {@link EngineRoundTripBenchmark} runs the same cycle without HTTP; run both
 * in one JMH run and compare: HTTP / in-process per store, sqlite / memory per layer ({@link BenchRatios}).
 *
 * <p>Run from the repository root ({@code run.sh} runs the whole suite with these settings):
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * flowstate-bench/run.sh
 * # or by hand:
 * mvn -B -q -pl flowstate-bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
 * $JAVA_HOME/bin/java -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) \
 *     org.openjdk.jmh.Main 'FlowRoundTripBenchmark|EngineRoundTripBenchmark' -f 1 -wi 5 -w 2 -i 5 -r 1
 * </pre>
 * The flows come from {@code examples/flows} found upwards from the working directory, or from
 * {@code -Dflowstate.bench.flows=DIR}, which must reach the forked JVM: JMH's
 * {@code -jvmArgsAppend "--enable-native-access=ALL-UNNAMED -Dflowstate.bench.flows=DIR"} (the option
 * replaces the annotation's arguments, hence the repeated flag).
 */
@State(Scope.Benchmark)
// sample, not avgt: its median (p50) survives a neighbour's burst on a shared machine, the mean does not
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// warn: the server's per-start INFO lines would otherwise land in the middle of JMH's iteration output
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-DFLOWSTATE_LOG_LEVEL=warn"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
public class FlowRoundTripBenchmark {

    @Param({"memory", "sqlite"})
    public String store;

    /** {@code jdk}: {@link JdkHttpSignupClient}; {@code socket}: {@link SocketSignupClient}. */
    @Param({"jdk", "socket"})
    public String client;

    private Path dataDir;
    private FlowstateServer server;
    private SignupCycle.Client http;

    @Setup(Level.Trial)
    public void setUp() {
        dataDir = BenchConfigs.tempDataDir();
        server = FlowstateServer.start(BenchConfigs.config(store, dataDir));
        http = switch (client) {
            case "jdk" -> new JdkHttpSignupClient(server.port());
            case "socket" -> new SocketSignupClient(server.port());
            default -> throw new IllegalArgumentException("client must be jdk or socket, was " + client);
        };
        SignupCycle.run(http); // fails the trial at once if the flow does not complete
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (http instanceof SocketSignupClient socket) {
            socket.close();
        }
        server.stop();
        BenchConfigs.delete(dataDir);
    }

    @Benchmark
    public SignupCycle.Position httpCycle() {
        return SignupCycle.run(http);
    }
}
