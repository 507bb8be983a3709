package io.flowstate.nflow.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.nflow.app.NflowFlow;
import io.flowstate.nflow.template.PageTemplates;
import io.flowstate.script.GraalScriptRunner;
import io.flowstate.script.ScriptLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/** A node with its names as locals behaves as the same node run with the proxied scope. */
class NodeScopeTest {

    static GraalScriptRunner scripts;
    static NflowRuntime runtime;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        scripts = new GraalScriptRunner(new ScriptLimits(200_000, Duration.ofSeconds(5)));
        runtime = new NflowRuntime(scripts, BoxLibrary.load(null), new PageTemplates(dir), Accounts.NONE,
                OtpSettings.ACCEPT, Clock.systemUTC(), Level.DEBUG);
    }

    @AfterAll
    static void stop() {
        scripts.close();
    }

    @Test
    void theScanDeclaresTheNamesTheCodeCouldReachAndLeavesTheRest() {
        String prefix = NodeScope.prefix("function main(){ console.log(JSON.stringify(payload)); x = obj.member; }",
                Set.of("JSON", "Math"));

        assertThat(prefix).contains("console = __nflow_scope.console").contains("x = __nflow_scope.x")
                .contains("obj = __nflow_scope.obj").contains("main = __nflow_scope.main")
                .contains("next = __nflow_scope.next").doesNotContain("JSON").doesNotContain("member")
                .doesNotContain("function =").doesNotContain("log =").doesNotContain("stringify");
        assertThat(NodeScope.prefix("function main(){ eval('y = 1'); }", Set.of())).isNull();
        assertThat(NodeScope.prefix("x = 1; delete x;", Set.of())).isNull();
        assertThat(NodeScope.prefix("delete payload.password; delete payload['a'];", Set.of())).isNotNull();
        assertThat(NodeScope.prefix("\\u0078 = 1", Set.of())).isNull();
        assertThat(NodeScope.prefix("año = 1", Set.of())).isNull();
        assertThat(NodeScope.prefix("function main(){\u00a0console.log('x')\u00a0}", Set.of())).contains("console = ");
        assertThat(NodeScope.prefix("function main(){ payload = open_session_form(); }", Set.of())).isNull();
    }

    @Test
    void localsAnswerWhatTheProxiedScopeAnswers() throws IOException {
        String[] codes = {
            "function main(){ console.log(JSON.stringify(payload)); if (payload['tipo'] != 'celular') { next = 'output_2' }"
                    + " payload['paso_codigo'] = 'ok'; }",
            "leaked = 1; var local = 2; function main(){ payload.a = typeof leaked; payload.b = typeof nothing;"
                    + " payload.c = typeof JSON; payload.d = Math.max(1, 2); payload.e = typeof local; }",
            "function main(){ payload = {fresh: [nflow_endpoint, wid, current_box, __flow_name, c.FormValue('name')]};"
                    + " next = 'output_9'; }",
            "function main(){ payload.t = typeof template; payload.f = typeof find_element; payload.v = vars;"
                    + " payload.h = header['X-Test']; payload.p = post_data; payload.o = __outputs; }",
            "var next = 'shadowed'; function main(){ helper = function () { return this === undefined; };"
                    + " payload.k = Object.keys(payload).length; payload.u = [1, 2, 3].map(function (v) { return v * 2; }); }",
            "function main(){\u00a0payload.nb = typeof\u00a0payload; }",
            "function main(){ dromedary_data.x = 1; payload.d = nflow_data.type; payload.s = typeof path_vars;"
                    + " payload.fm = form.name; try { undefinedFunction(); } catch (e) { payload.err = e.name; } }",
        };
        for (String code : codes) {
            assertThat(NodeScope.prefix(code, Set.of("JSON", "Math", "Object"))).as(code).isNotNull();
            ObjectNode local = payloadAfter(code);
            ObjectNode proxied = payloadAfter(code + "\n// eval");
            assertThat(local).as(code).isEqualTo(proxied);
        }
    }

    private static ObjectNode payloadAfter(String code) throws IOException {
        NflowFlow flow = NflowRuntimeTest.chainIn(dir, NflowRuntimeTest.js(code),
                NflowRuntimeTest.js("function main(){ payload.nextNode = current_box; payload.later = typeof leaked;"
                        + " payload.helperLater = typeof helper; }"));
        RunResult result = runtime.run(NflowRuntimeTest.context(flow), flow.first(),
                Json.object().put("tipo", "celular").put("n", 1));
        assertThat(result.error()).as(code).isNull();
        ObjectNode payload = result.payload().deepCopy();
        payload.put("status", result.status().name());
        return payload;
    }
}
