package io.flowstate.nflow.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.json.Json;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/** A {@code gorutine} fork starts when its run reaches it, or, for a run whose forks are held, only once released. */
class ForksTest {

    @TempDir
    Path dir;

    private final List<String> started = new CopyOnWriteArrayList<>();

    @Test
    void aHeldRunStartsItsForksOnlyWhenReleasedAndAnImmediateOneAtOnce() throws IOException {
        NflowFlow flow = forkingFlow();
        try (GraalScriptRunner scripts = new GraalScriptRunner(new ScriptLimits(200_000, Duration.ofSeconds(2)))) {
            NflowRuntime runtime = new NflowRuntime(scripts, BoxLibrary.load(null), new PageTemplates(dir),
                    Accounts.NONE, OtpSettings.ACCEPT, Clock.systemUTC(), Level.DEBUG, started::add);
            Forks held = Forks.held();

            RunResult result = runtime.run(context(flow, held), flow.first(), Json.object());

            assertThat(result.status()).isEqualTo(RunResult.Status.COMPLETED);
            assertThat(result.payload().path("main").asInt()).isEqualTo(1);
            assertThat(started).isEmpty();
            held.release();
            assertThat(started).containsExactly(flow.id());
            held.release();
            assertThat(started).hasSize(1);

            runtime.run(context(flow, Forks.immediate()), flow.first(), Json.object());
            assertThat(started).hasSize(2);
        }
    }

    private NflowFlow forkingFlow() throws IOException {
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("f.json"), """
                {"drawflow": {"Main": {"data": {
                  "s": {"data": {"type": "starter", "urlpattern": "/f", "method": "ANY"},
                        "outputs": {"output_1": {"connections": [{"node": "g"}]}}},
                  "g": {"data": {"type": "gorutine"},
                        "outputs": {"output_1": {"connections": [{"node": "m"}]},
                                    "output_2": {"connections": [{"node": "k"}]}}},
                  "m": {"data": {"type": "js", "code": "function main(){ payload.main = 1; }"}, "outputs": {}},
                  "k": {"data": {"type": "js", "code": "function main(){ payload.fork = 1; }"}, "outputs": {}}
                }}}}""");
        NflowApps apps = new DrawflowLoader(BoxLibrary.load(null)::has).load(app);
        assertThat(apps.errors()).isEmpty();
        return apps.flows().getFirst();
    }

    private static RunContext context(NflowFlow flow, Forks forks) {
        NflowRequest request = new NflowRequest("GET", "/f", Map.of(), Map.of(), Map.of(), Map.of(), null);
        return new RunContext(flow, request, "wid-1", "pid-1", new MemoryServices(), new NflowAnswer(), forks);
    }
}
