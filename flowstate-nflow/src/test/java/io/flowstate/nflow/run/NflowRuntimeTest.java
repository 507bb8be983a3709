package io.flowstate.nflow.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProblemType;
import io.flowstate.nflow.app.DrawflowLoader;
import io.flowstate.nflow.app.NflowApps;
import io.flowstate.nflow.app.NflowFlow;
import io.flowstate.nflow.template.PageTemplates;
import io.flowstate.script.GraalScriptRunner;
import io.flowstate.script.ScriptLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

class NflowRuntimeTest {

    static GraalScriptRunner scripts;
    static NflowRuntime runtime;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws IOException {
        scripts = new GraalScriptRunner(new ScriptLimits(200_000, Duration.ofSeconds(2)));
        Files.writeString(dir.resolve("page.html"),
                "<form method=\"post\" action=\"{{.url}}/nftk/{{.name}}\"><input type=\"hidden\" "
                        + "name=\"nflow_next_node_run\" value=\"{{.next}}\">{{.form_code | unescapeHTML}}</form>");
        runtime = new NflowRuntime(scripts, BoxLibrary.load(null), new PageTemplates(dir), Accounts.NONE,
                OtpSettings.ACCEPT, Clock.systemUTC(), Level.DEBUG);
    }

    @AfterAll
    static void stop() {
        scripts.close();
    }

    /** A flow of js nodes a → b → ... from {@code code}s, wired by output_1. */
    static NflowFlow chain(String... codes) throws IOException {
        return chainIn(dir, codes);
    }

    /** {@link #chain} with the app written below {@code parent}. */
    static NflowFlow chainIn(Path parent, String... codes) throws IOException {
        StringBuilder nodes = new StringBuilder();
        for (int i = 0; i < codes.length; i++) {
            String out = i + 1 < codes.length ? "{\"output_1\": {\"connections\": [{\"node\": \"n" + (i + 1) + "\"}]}}" : "{}";
            nodes.append(",\"n").append(i).append("\": {\"data\": ").append(codes[i]).append(", \"outputs\": ")
                    .append(out).append('}');
        }
        Path appDir = Files.createTempDirectory(parent, "app");
        Files.writeString(appDir.resolve("t.json"), "{\"drawflow\": {\"Main\": {\"data\": {"
                + "\"s\": {\"data\": {\"type\": \"starter\", \"urlpattern\": \"/t\", \"method\": \"ANY\"},"
                + " \"outputs\": {\"output_1\": {\"connections\": [{\"node\": \"n0\"}]}}}" + nodes + "}}}}");
        NflowApps apps = new DrawflowLoader(BoxLibrary.load(null)::has).load(appDir);
        assertThat(apps.errors()).isEmpty();
        return apps.flows().get(0);
    }

    static String js(String code) {
        return Json.text(Json.object().put("type", "js").put("code", code));
    }

    static RunContext context(NflowFlow flow) {
        NflowRequest request = new NflowRequest("POST", "/t", Map.of(), Map.of("q", List.of("1")),
                Map.of("name", List.of("Ana")), Map.of("X-Test", List.of("yes")), null);
        return new RunContext(flow, request, "wid-1", "pid-1", new MemoryServices(), new NflowAnswer());
    }

    @Test
    void nodesSeeTheGlobalsAndAnswerGoStyleJson() throws IOException {
        NflowFlow flow = chain(js("function main(){ payload.seen = [nflow_endpoint, wid, c.FormValue('name'), "
                + "c.QueryParam('q'), c.GetHeader('x-test'), __flow_name, __flow_app, current_box]; }"),
                js("function main(){ payload.n = 2.5; payload.big = 1e21; payload.html = '<a&b>'; "
                        + "c.JSON(201, {z: 1, a: {y: NaN, b: 'x\\n'}, p: payload}); c.HTML(200, 'ignored'); }"));
        RunContext run = context(flow);

        RunResult result = runtime.run(run, flow.first(), Json.object().put("name", "Ana"));

        assertThat(result.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(run.answer().status()).isEqualTo(201);
        assertThat(run.answer().contentType()).isEqualTo("application/json");
        assertThat(run.answer().body()).isEqualTo("{\"a\":{\"b\":\"x\\n\",\"y\":null},\"p\":{\"big\":1e+21,"
                + "\"html\":\"\\u003ca\\u0026b\\u003e\",\"n\":2.5,\"name\":\"Ana\",\"seen\":[\"/t\",\"wid-1\",\"Ana\","
                + "\"1\",\"yes\",\"Main\",\"t\",\"n0\"]},\"z\":1}\n");
    }

    @Test
    void theEnvironmentReadOnFirstUseBehavesLikePlainNamesInBothScopes() throws IOException {
        NflowFlow flow = chain(js("function main(){ nflow_data.extra = 'x'; payload.d = [nflow_data.type, "
                        + "typeof dromedary_data.extra, prev_box, post_data.name, header['X-Test'][0], typeof vars, "
                        + "__outputs.output_1]; header = 'mine'; payload.h = header; }"),
                js("function main(){ eval(''); payload.p = [prev_box, current_box, nflow_data.type, typeof header]; "
                        + "header = 'x'; payload.q = header; }"));

        RunResult result = runtime.run(context(flow), flow.first(), Json.object());

        assertThat(Json.text(result.payload())).isEqualTo("{\"d\":[\"js\",\"undefined\",\"\",\"Ana\",\"yes\",\"object\","
                + "\"n1\"],\"h\":\"mine\",\"p\":[\"n0\",\"n1\",\"js\",\"object\"],\"q\":\"x\"}");
    }

    @Test
    void theEnvironmentIsBuiltOnlyForANodeThatReadsIt() throws IOException {
        AtomicInteger built = new AtomicInteger();
        Map<String, List<String>> headers = new AbstractMap<>() {
            @Override
            public Set<Entry<String, List<String>>> entrySet() {
                built.incrementAndGet();
                return Map.of("X-Test", List.of("yes")).entrySet();
            }
        };
        NflowFlow flow = chain(js("function main(){ payload.a = JSON.stringify(payload); }"),
                js("function main(){ payload.b = 1; }"),
                js("function main(){ payload.h = header['X-Test'][0]; payload.h2 = c.GetHeader('x-test'); }"));
        NflowRequest request = new NflowRequest("GET", "/t", Map.of(), Map.of(), Map.of(), headers, null);
        RunContext run = new RunContext(flow, request, "wid-1", "pid-1", new MemoryServices(), new NflowAnswer());

        RunResult result = runtime.run(run, flow.first(), Json.object());

        assertThat(result.payload()).isEqualTo(Json.object().put("a", "{}").put("b", 1).put("h", "yes")
                .put("h2", "yes"));
        assertThat(built).as("environments built: only the third node read one, and only once").hasValue(1);
    }

    @Test
    void implicitGlobalsAndVarsStayInTheirNode() throws IOException {
        NflowFlow flow = chain(js("leaked = 1; var local = 2; function main(){ payload.a = typeof leaked; }"),
                js("function main(){ payload.b = typeof leaked; payload.c = typeof local; }"));

        RunResult result = runtime.run(context(flow), flow.first(), Json.object());

        assertThat(result.payload()).isEqualTo(Json.object().put("a", "number").put("b", "undefined")
                .put("c", "undefined"));
    }

    @Test
    void aDeletedKeyStaysDeletedAndUuidDiffersEachCall() throws IOException {
        NflowFlow flow = chain(js("function main(){ delete payload.secret; payload.u1 = uuid(); payload.u2 = uuid(); }"));

        RunResult result = runtime.run(context(flow), flow.first(), Json.object().put("secret", "x"));

        assertThat(result.payload().has("secret")).isFalse();
        assertThat(result.payload().get("u1").asText()).hasSize(36).isNotEqualTo(result.payload().get("u2").asText());
    }

    @Test
    void anEndlessLoopFailsTheRunWithScriptTimeoutAndTheRuntimeServesOn() throws IOException {
        NflowFlow loop = chain(js("function main(){ while(true){} }"));

        RunResult failed = runtime.run(context(loop), loop.first(), Json.object());

        assertThat(failed.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(failed.error().code()).isEqualTo(ProblemType.SCRIPT_TIMEOUT.code());
        assertThat(failed.error().step()).isEqualTo("n0");
        NflowFlow ok = chain(js("function main(){ payload.ok = true }"));
        assertThat(runtime.run(context(ok), ok.first(), Json.object()).payload().get("ok").asBoolean()).isTrue();
    }

    @Test
    void aThrowingNodeFailsWithItsNodeId() throws IOException {
        NflowFlow flow = chain(js("function main(){ throw new Error('boom') }"));

        RunResult failed = runtime.run(context(flow), flow.first(), Json.object());

        assertThat(failed.error().code()).isEqualTo("script_failed");
        assertThat(failed.error().step()).isEqualTo("n0");
    }

    @Test
    void theFormModuleRendersItsPageAndPausesBeforeItsNextNode() throws IOException {
        NflowFlow flow = chain("{\"type\": \"js\", \"script\": \"form\", \"name_box\": \"Paso 1\", \"template\": \"page\","
                + " \"html_form\": \"<input name=\\\"a\\\" value=\\\"{{.payload.name}}\\\">\"}", js("function main(){}"));
        RunContext run = context(flow);

        RunResult paused = runtime.run(run, flow.first(), Json.object().put("name", "A&B"));

        assertThat(paused.status()).isEqualTo(RunResult.Status.PAUSED);
        assertThat(paused.pausedAt()).isEqualTo("n0");
        assertThat(paused.resumeNode()).isEqualTo("n1");
        assertThat(paused.payload().has("break")).isFalse();
        assertThat(run.answer().body()).isEqualTo("<form method=\"post\" action=\"/t/nftk/Paso%201\"><input "
                + "type=\"hidden\" name=\"nflow_next_node_run\" value=\"n1\"><input name=\"a\" value=\"A&amp;B\"></form>");
    }

    @Test
    void aRunThatNeverPausesStopsAtTheStepLimit() throws IOException {
        Path appDir = Files.createTempDirectory(dir, "loop");
        Files.writeString(appDir.resolve("l.json"), "{\"drawflow\": {\"Main\": {\"data\": {"
                + "\"s\": {\"data\": {\"type\": \"starter\", \"urlpattern\": \"/l\", \"method\": \"GET\"},"
                + " \"outputs\": {\"output_1\": {\"connections\": [{\"node\": \"n\"}]}}},"
                + "\"n\": {\"data\": {\"type\": \"js\", \"code\": \"function main(){}\"},"
                + " \"outputs\": {\"output_1\": {\"connections\": [{\"node\": \"n\"}]}}}}}}}");
        NflowFlow loop = new DrawflowLoader(BoxLibrary.load(null)::has).load(appDir).flows().get(0);

        RunResult result = runtime.run(context(loop), loop.first(), Json.object());

        assertThat(result.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(result.error().code()).isEqualTo("step_limit");
        assertThat(result.trail()).hasSize(NflowRuntime.MAX_STEPS);
    }

    @Test
    void aNodeThatLeavesAnArrayAsPayloadFails() throws IOException {
        NflowFlow flow = chain(js("function main(){ payload = [1] }"));

        RunResult failed = runtime.run(context(flow), flow.first(), Json.object());

        assertThat(failed.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(failed.error().detail()).contains("'payload' must be an object");
    }
}
