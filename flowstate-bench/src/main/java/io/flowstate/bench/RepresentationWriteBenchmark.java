package io.flowstate.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.flow.Flow;
import io.flowstate.core.flow.FlowParser;
import io.flowstate.core.flow.FormStep;
import io.flowstate.core.flow.InputValidator;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.server.wire.Representations;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building a waiting process's representation and writing it as the reply's bytes, as a form step's answer does:
 * {@code kept} is the server's way (the form's {@code nextStep} with its schema written once and copied),
 * {@code tree} puts a new {@code nextStep} around the flow's own schema into it and writes it node by node (how every
 * answer was written before; the extra object is a few nanoseconds of the difference). The form is
 * {@code StepCostLoadDriver}'s (three typed fields).
 *
 * <p>Run (from the repository root):
 * <pre>
 * mvn -B -q -pl flowstate-bench -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) org.openjdk.jmh.Main RepresentationWriteBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RepresentationWriteBenchmark {

    private static final String LOOP = """
            { "id": "loop", "start": "edit", "steps": {
                "edit": { "type": "form", "next": "edit", "schema": { "type": "object", "required": ["name"],
                    "properties": { "name": { "type": "string", "maxLength": 100 },
                        "age": { "type": "integer", "minimum": 0 }, "newsletter": { "type": "boolean" } } } } } }
            """;

    @Param({"kept", "tree"})
    public String writer;

    private Representations representations;
    private ProcessInstance process;
    private ObjectNode schema;

    @Setup
    public void setUp() {
        Flow flow = new FlowParser(new InputValidator()).parse(LOOP.getBytes(StandardCharsets.UTF_8), false);
        schema = ((FormStep) flow.step("edit").orElseThrow()).schema();
        representations = new Representations(id -> Optional.of(flow), io.flowstate.core.flow.Mode.PROCESS);
        Instant at = Instant.parse("2026-12-04T22:00:00.123456Z");
        ObjectNode state = Json.object().put("name", "Ada Lovelace").put("age", 36).put("newsletter", true);
        process = new ProcessInstance(UUID.randomUUID(), "loop", "1", ProcessStatus.WAITING, 17, "edit", state, null,
                null, at, at.plusSeconds(5), at.plusSeconds(1800));
    }

    @Benchmark
    public byte[] processReply() {
        ObjectNode node = representations.process(process);
        if (writer.equals("tree")) {
            // as before: a new nextStep object around the flow's own schema, written node by node
            ObjectNode next = Json.object().put("id", "edit").put("type", "form");
            next.set("schema", schema);
            node.set("nextStep", next);
        }
        return Json.bytes(node);
    }
}
