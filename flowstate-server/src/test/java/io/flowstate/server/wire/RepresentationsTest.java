package io.flowstate.server.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.flow.Flow;
import io.flowstate.core.flow.FlowParser;
import io.flowstate.core.flow.InputValidator;
import io.flowstate.core.flow.Mode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.EventType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.process.StepRun;
import io.flowstate.nflow.app.DrawflowLoader;
import io.flowstate.nflow.app.NativeFlows;
import io.flowstate.nflow.app.NflowFlow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A representation whose {@code nextStep} is kept as written JSON reads and writes exactly as the same tree built
 * fresh: the bytes of every way a representation leaves the server are compared with those of a plain copy.
 */
class RepresentationsTest {

    private static final String NATIVE = """
            {"id": "native", "title": "Native", "version": "3", "start": "rich",
             "steps": {
               "rich": {"type": "form", "title": "Grüße, \\"quoted\\" </script>",
                 "schema": {"type": "object", "required": ["amount", "name"],
                   "description": "tab\\t newline\\n bell\\u0007 é 日本 😀 \\u2028",
                   "properties": {
                     "amount": {"type": "number", "multipleOf": 0.01, "maximum": 1E+3, "minimum": -0.000001},
                     "count": {"type": "integer", "maximum": 123456789012345678901234567890},
                     "name": {"type": "string", "default": null, "examples": [], "enum": ["a", "b", "", "\\u0000"]},
                     "nested": {"type": "object", "properties": {}, "additionalProperties": false}
                   }},
                 "next": "plain"},
               "plain": {"type": "form", "next": "done"},
               "done": {"type": "end"}
             }}
            """;

    private static final String DRAWFLOW = """
            {"drawflow": {"Api": {"data": {
              "a1": {"data": {"type": "starter", "urlpattern": "/api/form", "method": "ANY", "nflow_auth": "false",
                     "name_box": "Api"}, "outputs": {"output_1": {"connections": [{"node": "first"}]}}},
              "first": {"data": {"type": "js", "script": "form", "name_box": "First", "template": "page",
                        "html_form": "<input name=\\"a\\">"}, "outputs": {"output_1": {"connections": [{"node": "done"}]}}},
              "done": {"data": {"type": "js", "script": "json", "field": "", "http_code": "200"}, "outputs": {}}
            }}}}
            """;

    private static final Instant AT = Instant.parse("2026-12-04T22:00:00.123456Z");

    @TempDir
    Path apps;

    @Test
    void writesANativeFormsRepresentationAsItsPlainTree() {
        Flow flow = new FlowParser(new InputValidator()).parse(NATIVE.getBytes(StandardCharsets.UTF_8), false);
        Representations representations = representations(flow);

        ObjectNode rich = representations.process(waiting("native", "rich"));

        assertThat(rich.get("nextStep")).isInstanceOf(PrewrittenObject.class);
        assertThat(rich.get("nextStep").get("schema")).isEqualTo(flow.step("rich").orElseThrow() instanceof
                io.flowstate.core.flow.FormStep form ? form.schema() : null);
        assertWritesAsPlainTree(rich);
        assertWritesAsPlainTree(representations.event(Event.of(EventType.STEP_COMPLETED, waiting("native", "rich"),
                List.of(new StepRun("rich", "form", "plain")))));
    }

    @Test
    void writesAFormWithoutASchemaAsItsPlainTree() {
        Flow flow = new FlowParser(new InputValidator()).parse(NATIVE.getBytes(StandardCharsets.UTF_8), false);

        ObjectNode plain = representations(flow).process(waiting("native", "plain"));

        assertThat(plain.get("nextStep").get("schema")).isEqualTo(Json.object().put("type", "object"));
        assertThat(plain.get("nextStep").has("title")).isFalse();
        assertWritesAsPlainTree(plain);
    }

    @Test
    void writesAnNflowFormsRepresentationAsItsPlainTree() throws IOException {
        Files.writeString(apps.resolve("api.json"), DRAWFLOW);
        NflowFlow nflow = new DrawflowLoader(module -> true).load(apps).flows().iterator().next();
        Flow flow = NativeFlows.of(nflow);

        ObjectNode first = representations(flow).process(waiting(flow.id(), "first"));

        assertThat(first.get("nextStep").get("title").asText()).isEqualTo("First");
        assertWritesAsPlainTree(first);
    }

    @Test
    void writesStepsTheFlowDoesNotHaveAndEndedProcessesAsBefore() {
        Flow flow = new FlowParser(new InputValidator()).parse(NATIVE.getBytes(StandardCharsets.UTF_8), false);
        Representations representations = representations(flow);

        ObjectNode gone = representations.process(waiting("native", "removed"));
        ObjectNode unknownFlow = representations.process(waiting("elsewhere", "rich"));

        assertThat(Json.text(gone.get("nextStep"))).isEqualTo("{\"id\":\"removed\",\"type\":\"form\"}");
        assertThat(Json.text(unknownFlow.get("nextStep"))).isEqualTo("{\"id\":\"rich\",\"type\":\"form\"}");
        assertWritesAsPlainTree(gone);
        assertWritesAsPlainTree(representations.process(completed()));
    }

    @Test
    void keepsOneObjectPerFlowAndStepAndBuildsItAgainForANewFlowObject() {
        Flow first = new FlowParser(new InputValidator()).parse(NATIVE.getBytes(StandardCharsets.UTF_8), false);
        Flow second = new FlowParser(new InputValidator()).parse(
                NATIVE.replace("\"title\": \"Grüße", "\"title\": \"Changed").getBytes(StandardCharsets.UTF_8), false);
        Map<String, Flow> catalog = new HashMap<>(Map.of("native", first));
        Representations representations = new Representations(id -> Optional.ofNullable(catalog.get(id)), Mode.PROCESS);

        JsonNode a = representations.process(waiting("native", "rich")).get("nextStep");
        JsonNode b = representations.process(waiting("native", "rich")).get("nextStep");
        catalog.put("native", second);
        JsonNode c = representations.process(waiting("native", "rich")).get("nextStep");

        assertThat(b).isSameAs(a);
        assertThat(c.get("title").asText()).startsWith("Changed");
        assertThat(Json.text(c)).contains("Changed").doesNotContain("Grüße");
    }

    /** Every way a representation is written: reply bodies (bytes), streams (text), and other writers. */
    private static void assertWritesAsPlainTree(ObjectNode node) {
        ObjectNode plain = node.deepCopy();
        assertThat(containsPrewritten(plain)).isFalse();
        assertThat(node).isEqualTo(plain);
        assertThat(Json.bytes(node)).isEqualTo(Json.bytes(plain));
        assertThat(Json.text(node)).isEqualTo(Json.text(plain));
        assertThat(node.toString()).isEqualTo(plain.toString());
        assertThat(node.toPrettyString()).isEqualTo(plain.toPrettyString());
        ObjectNode wrapped = Json.object();
        wrapped.set("current", node);
        ObjectNode wrappedPlain = Json.object();
        wrappedPlain.set("current", plain);
        assertThat(Json.bytes(wrapped)).isEqualTo(Json.bytes(wrappedPlain));
    }

    private static boolean containsPrewritten(JsonNode node) {
        if (node instanceof PrewrittenObject) {
            return true;
        }
        for (JsonNode child : node) {
            if (containsPrewritten(child)) {
                return true;
            }
        }
        return false;
    }

    private static Representations representations(Flow flow) {
        return new Representations(id -> id.equals(flow.id()) ? Optional.of(flow) : Optional.empty(), Mode.PROCESS);
    }

    private static ProcessInstance waiting(String flowId, String step) {
        ObjectNode state = Json.object().put("amount", 12.5).put("name", "Zoë");
        return new ProcessInstance(UUID.fromString("00000000-0000-4000-8000-000000000001"), flowId, "3",
                ProcessStatus.WAITING, 4, step, state, null, null, AT, AT.plusSeconds(1), AT.plusSeconds(1800),
                "someone");
    }

    private static ProcessInstance completed() {
        ObjectNode state = Json.object().put("done", true);
        return new ProcessInstance(UUID.fromString("00000000-0000-4000-8000-000000000002"), "native", "3",
                ProcessStatus.COMPLETED, 9, null, state, state, null, AT, AT, AT.plusSeconds(86400));
    }
}
