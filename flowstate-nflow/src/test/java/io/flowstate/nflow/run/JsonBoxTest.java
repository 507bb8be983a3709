package io.flowstate.nflow.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.nflow.app.NflowFlow;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The json box in Java answers exactly as the JavaScript module {@code json.js} does, or leaves the node to it. */
class JsonBoxTest extends BoxSandbox {

    @Test
    void theJavaJsonBoxAnswersWhatTheJavascriptModuleAnswers() throws IOException {
        ObjectNode payload = Json.object().put("z", "A&B \"q\" </script>\n\t\u0001\u2028é").put("a", true)
                .putNull("n");
        payload.putObject("nested").put("b", "<x>").putArray("list").add("1").add(false).addObject().put("k", "v");
        payload.put("B", "upper before lower");
        for (String data : new String[] {"{\"type\": \"js\", \"script\": \"json\", \"http_code\": \"201\", \"field\": \"\"}",
            "{\"type\": \"js\", \"script\": \"json\", \"field\": \"*\"}", "{\"type\": \"js\", \"script\": \"json\"}"}) {
            NflowFlow flow = NflowRuntimeTest.chainIn(dir, data);
            RunContext java = NflowRuntimeTest.context(flow);
            RunResult byJava = runtime(BoxLibrary.load(null), dir).run(java, flow.first(), payload.deepCopy());
            RunContext javascript = NflowRuntimeTest.context(flow);
            RunResult byJavascript = runtime(javascriptModule(), dir).run(javascript, flow.first(),
                    payload.deepCopy());

            assertThat(JsonBox.handles(flow.nodes().get("n0"), BoxLibrary.load(null), payload)).isTrue();
            assertThat(byJava.error()).as("%s", byJavascript.error()).isNull();
            assertThat(java.answer().body()).startsWith("{\"B\":").contains("\\u0026").endsWith("}\n")
                    .isEqualTo(javascript.answer().body());
            assertThat(java.answer().contentType()).isEqualTo(javascript.answer().contentType());
            assertThat(java.answer().status()).isEqualTo(javascript.answer().status());
            assertThat(byJava.status()).isEqualTo(RunResult.Status.COMPLETED).isEqualTo(byJavascript.status());
            assertThat(Json.text(byJava.payload())).isEqualTo(Json.text(byJavascript.payload()));
        }
    }

    @Test
    void numbersFieldsAndUnusualCodesAreLeftToTheJavascriptModule() throws IOException {
        BoxLibrary library = BoxLibrary.load(null);
        NflowFlow whole = NflowRuntimeTest.chainIn(dir, "{\"type\": \"js\", \"script\": \"json\"}");
        NflowFlow field = NflowRuntimeTest.chainIn(dir, "{\"type\": \"js\", \"script\": \"json\", \"field\": \"a.b\"}");
        NflowFlow hex = NflowRuntimeTest.chainIn(dir, "{\"type\": \"js\", \"script\": \"json\", \"http_code\": \"0x1F\"}");
        ObjectNode text = Json.object().put("a", "1");

        assertThat(JsonBox.handles(whole.nodes().get("n0"), library, Json.object().put("a", 2.5))).isFalse();
        assertThat(JsonBox.handles(field.nodes().get("n0"), library, text)).isFalse();
        assertThat(JsonBox.handles(hex.nodes().get("n0"), library, text)).isFalse();
        assertThat(JsonBox.handles(whole.nodes().get("n0"), javascriptModule(), text)).isFalse();

        RunContext run = NflowRuntimeTest.context(whole);
        runtime(library, dir).run(run, whole.first(), Json.object().put("big", 1e21).put("n", 3.0));
        assertThat(run.answer().body()).isEqualTo("{\"big\":1e+21,\"n\":3}\n");
    }

    private static BoxLibrary javascriptModule() throws IOException {
        return javascriptModules(JsonBox.NAME);
    }
}
