package io.flowstate.nflow.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.nflow.app.NflowFlow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The form box in Java answers exactly as the JavaScript module {@code form.js} does. */
class FormBoxTest extends BoxSandbox {

    @Test
    void theJavaFormBoxRendersThePageTheJavascriptModuleRenders() throws IOException {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("page.html"), "<title>{{.name}}</title><p>{{.profile.username}}</p>"
                + "<form action=\"{{.url}}/nftk/{{.name}}\" data-a=\"{{.action}}\" data-p=\"{{.process_id}}\">"
                + "<input type=\"hidden\" name=\"nflow_next_node_run\" value=\"{{.next}}\">"
                + "{{.form_code | unescapeHTML}}{{range .payload.nested.list}}<i>{{.}}</i>{{end}}{{.payload.n}}</form>"
                + "<script>var p = {{.payload}};</script>");
        NflowFlow flow = NflowRuntimeTest.chainIn(dir, "{\"type\": \"js\", \"script\": \"form\", \"name_box\": \"Paso <1>\","
                + " \"template\": \"page\", \"html_form\": \"<input name=\\\"a\\\" value=\\\"{{.payload.name}}\\\">\"}",
                NflowRuntimeTest.js("function main(){}"));
        ObjectNode payload = Json.object().put("name", "A&B \"q\" </script>").put("n", 2.5);
        payload.putObject("nested").putArray("list").add(1).add("x");

        RunContext java = NflowRuntimeTest.context(flow);
        RunResult byJava = runtime(BoxLibrary.load(null), templates).run(java, flow.first(), payload.deepCopy());
        RunContext javascript = NflowRuntimeTest.context(flow);
        BoxLibrary replaced = javascriptModules("form");
        RunResult byJavascript = runtime(replaced, templates).run(javascript, flow.first(), payload.deepCopy());

        assertThat(FormBox.handles(flow.nodes().get("n0"), BoxLibrary.load(null))).isTrue();
        assertThat(FormBox.handles(flow.nodes().get("n0"), replaced)).isFalse();
        assertThat(byJava.error()).as("%s", byJavascript.error()).isNull();
        assertThat(java.answer().body()).contains("Paso &lt;1&gt;").contains("A&amp;B")
                .isEqualTo(javascript.answer().body());
        assertThat(java.answer().contentType()).isEqualTo(javascript.answer().contentType());
        assertThat(java.answer().status()).isEqualTo(javascript.answer().status());
        assertThat(byJava.status()).isEqualTo(RunResult.Status.PAUSED).isEqualTo(byJavascript.status());
        assertThat(byJava.resumeNode()).isEqualTo(byJavascript.resumeNode());
        assertThat(Json.text(byJava.payload())).isEqualTo(Json.text(byJavascript.payload()));
    }

    @Test
    void aMissingPageTemplateFailsTheNodeAsTheModuleDoes() throws IOException {
        NflowFlow flow = NflowRuntimeTest.chainIn(dir, "{\"type\": \"js\", \"script\": \"form\", \"template\": \"nope\"}");

        RunResult failed = runtime(BoxLibrary.load(null), dir).run(NflowRuntimeTest.context(flow), flow.first(),
                Json.object());

        assertThat(failed.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(failed.error().code()).isEqualTo("script_failed");
        assertThat(failed.error().step()).isEqualTo("n0");
        assertThat(failed.error().detail()).contains("template 'nope' not found");
    }

}
