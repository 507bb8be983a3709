package io.flowstate.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.EventType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.process.StepRun;
import io.flowstate.core.store.ProcessCodec;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a step pays to turn its process and its event into the JSON the stores keep, and back: {@link ProcessCodec}
 * on a waiting process with a small form state (a dozen fields, as nFlow's {@code /pepe11} carries) and the
 * {@code step.completed} event that holds it. Every store writes both on every step; SQLite and Redis read the
 * process back when it is not in the near cache.
 *
 * <pre>
 * java -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) org.openjdk.jmh.Main ProcessCodecBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ProcessCodecBenchmark {

    private ProcessInstance process;
    private Event event;
    private String processJson;
    private String eventJson;

    @Setup
    public void setUp() {
        ObjectNode state = Json.object();
        state.put("nombre", "Ana").put("tipo", "celular").put("celular", "1155550000").put("mail", "")
                .put("codigo", "1111").put("cantidad", "1000").put("cuotas", "6").put("interes", "100.00")
                .put("valorCuota", "183.33").put("valorTotal", "1100.00");
        state.putObject("nflow").put("page", "Paso 2").put("node", "012715af-7917-4a12-8afc-b5f5406d4094");
        Instant now = Instant.parse("2026-12-05T09:30:00.123Z");
        process = new ProcessInstance(UUID.randomUUID(), "app.json#Home", "3", ProcessStatus.WAITING, 4,
                "24c2bafe-1111-4732-86cc-3b695b579c37", state, null, null, now.minusSeconds(20), now,
                now.plusSeconds(1800));
        event = new Event(EventType.STEP_COMPLETED, process.processId(), 4, now,
                List.of(new StepRun("01fcfeeb-4d8c-4852-af73-3c410a4dd354", "js", "24c2bafe-1111-4732-86cc-3b695b579c37")),
                process, null);
        processJson = ProcessCodec.encode(process);
        eventJson = ProcessCodec.encode(event);
    }

    @Benchmark
    public String encodeProcess() {
        return ProcessCodec.encode(process);
    }

    @Benchmark
    public String encodeEvent() {
        return ProcessCodec.encode(event);
    }

    @Benchmark
    public ProcessInstance decodeProcess() {
        return ProcessCodec.decodeProcess(processJson);
    }

    @Benchmark
    public Event decodeEvent() {
        return ProcessCodec.decodeEvent(eventJson);
    }
}
