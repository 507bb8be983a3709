package io.flowstate.nflow.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.nflow.app.DrawflowLoader;
import io.flowstate.nflow.app.NflowApps;
import io.flowstate.nflow.app.NflowFlow;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The if_equals and _end boxes in Java choose and answer exactly what their JavaScript modules do, and leave the
 * node to the module whenever they could not.
 */
class IfEqualsBoxTest extends BoxSandbox {

    private static final List<String> FIELDS = List.of("tipo", "codigo", "missing", "toString", "__proto__", "2",
            "a b");
    private static final List<String> TEXTS = List.of("celular", "1111", "", "1", "1.0", "01", "true", "null",
            "[object Object]", "é\u2028<x>");

    @Test
    void theJavaBoxesChooseAndAnswerWhatTheJavascriptModulesDo() throws IOException {
        Random random = new Random(20261205);
        BoxLibrary java = BoxLibrary.load(null);
        BoxLibrary javascript = modulesInJavascript();
        int byJava = 0;
        for (int i = 0; i < 300; i++) {
            ObjectNode data = Json.object().put("type", "js").put("script", "if_equals")
                    .put("field", FIELDS.get(random.nextInt(FIELDS.size())));
            data.set("value", random.nextInt(5) == 0 ? anyValue(random, 0) : Json.mapper().valueToTree(text(random)));
            ObjectNode payload = Json.object();
            for (int k = random.nextInt(4); k > 0; k--) {
                payload.set(FIELDS.get(random.nextInt(FIELDS.size())), random.nextInt(3) == 0 ? anyValue(random, 0)
                        : Json.mapper().valueToTree(text(random)));
            }
            NflowFlow flow = branch(Json.text(data));
            boolean handled = IfEqualsBox.handles(flow.nodes().get("n0"), java, payload);
            byJava += handled ? 1 : 0;

            RunContext inJava = NflowRuntimeTest.context(flow);
            RunResult javaResult = runtime(java, dir).run(inJava, flow.first(), payload.deepCopy());
            RunContext inJavascript = NflowRuntimeTest.context(flow);
            RunResult javascriptResult = runtime(javascript, dir).run(inJavascript, flow.first(),
                    payload.deepCopy());

            String what = "case " + i + ": " + data + " on " + payload + " (by Java: " + handled + ")";
            assertThat(javaResult.trail()).as(what).isEqualTo(javascriptResult.trail());
            assertThat(javaResult.status()).as(what).isEqualTo(javascriptResult.status());
            assertThat(Json.text(javaResult.payload())).as(what).isEqualTo(Json.text(javascriptResult.payload()));
            assertThat(inJava.answer().body()).as(what).isEqualTo(inJavascript.answer().body());
            assertThat(inJava.answer().status()).as(what).isEqualTo(inJavascript.answer().status());
            assertThat(inJava.answer().contentType()).as(what).isEqualTo(inJavascript.answer().contentType());
        }
        assertThat(byJava).as("cases the Java box took").isBetween(60, 240);
    }

    @Test
    void payloadsJavascriptWouldChangeAreLeftToTheModules() throws IOException {
        BoxLibrary java = BoxLibrary.load(null);
        NflowFlow flow = branch("{\"type\": \"js\", \"script\": \"if_equals\", \"field\": \"t\", \"value\": \"x\"}");
        ObjectNode number = (ObjectNode) Json.parse("{\"t\": \"x\", \"amount\": 100.00}");
        ObjectNode indexKey = (ObjectNode) Json.parse("{\"t\": \"x\", \"nested\": {\"b\": \"1\", \"7\": \"2\"}}");

        assertThat(IfEqualsBox.handles(flow.nodes().get("n0"), java, number)).isFalse();
        assertThat(IfEqualsBox.handles(flow.nodes().get("n0"), java, indexKey)).isFalse();
        assertThat(EndBox.handles(flow.nodes().get("a"), java, number)).isFalse();
        assertThat(EndBox.handles(flow.nodes().get("a"), java, Json.object().put("t", "x"))).isTrue();
        assertThat(EndBox.handles(flow.nodes().get("a"), modulesInJavascript(), Json.object())).isFalse();
        RunResult result = runtime(java, dir).run(NflowRuntimeTest.context(flow), flow.first(),
                indexKey.deepCopy());
        assertThat(Json.text(result.payload())).isEqualTo("{\"t\":\"x\",\"nested\":{\"7\":\"2\",\"b\":\"1\"}}");
        assertThat(JsRoundTrip.isArrayIndex("0")).isTrue();
        assertThat(JsRoundTrip.isArrayIndex("4294967294")).isTrue();
        assertThat(JsRoundTrip.isArrayIndex("4294967295")).isFalse();
        assertThat(JsRoundTrip.isArrayIndex("07")).isFalse();
        assertThat(JsRoundTrip.isArrayIndex("-1")).isFalse();
        assertThat(JsRoundTrip.isArrayIndex("")).isFalse();
    }

    private static String text(Random random) {
        return TEXTS.get(random.nextInt(TEXTS.size()));
    }

    private static JsonNode anyValue(Random random, int depth) {
        return switch (random.nextInt(depth > 1 ? 5 : 7)) {
            case 0 -> Json.mapper().getNodeFactory().numberNode(new BigDecimal("100.00"));
            case 1 -> Json.mapper().valueToTree(random.nextInt(3));
            case 2 -> Json.mapper().valueToTree(random.nextBoolean());
            case 3 -> NullNode.getInstance();
            case 4 -> Json.mapper().valueToTree(text(random));
            case 5 -> Json.object().put("1", text(random)).put("b", text(random));
            default -> Json.mapper().createArrayNode().add(anyValue(random, depth + 1)).add(text(random));
        };
    }

    /** An app whose node n0 has {@code data}, output_1 going to an _end node "a" and output_2 to another, "b". */
    private static NflowFlow branch(String data) throws IOException {
        String end = "{\"data\": {\"type\": \"js\", \"script\": \"_end\"}, \"outputs\": {}}";
        Path appDir = Files.createTempDirectory(dir, "app");
        Files.writeString(appDir.resolve("t.json"), "{\"drawflow\": {\"Main\": {\"data\": {"
                + "\"s\": {\"data\": {\"type\": \"starter\", \"urlpattern\": \"/t\", \"method\": \"ANY\"},"
                + " \"outputs\": {\"output_1\": {\"connections\": [{\"node\": \"n0\"}]}}},"
                + "\"n0\": {\"data\": " + data + ", \"outputs\": {\"output_1\": {\"connections\": [{\"node\": \"a\"}]},"
                + " \"output_2\": {\"connections\": [{\"node\": \"b\"}]}}},"
                + "\"a\": " + end + ", \"b\": " + end + "}}}}");
        NflowApps apps = new DrawflowLoader(BoxLibrary.load(null)::has).load(appDir);
        assertThat(apps.errors()).isEmpty();
        return apps.flows().get(0);
    }

    private static BoxLibrary modulesInJavascript() throws IOException {
        return javascriptModules(IfEqualsBox.NAME, EndBox.NAME);
    }
}
