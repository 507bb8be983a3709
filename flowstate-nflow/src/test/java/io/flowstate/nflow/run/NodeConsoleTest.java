package io.flowstate.nflow.run;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.flowstate.core.json.Json;
import io.flowstate.nflow.app.NflowFlow;
import io.flowstate.nflow.template.PageTemplates;
import io.flowstate.script.GraalScriptRunner;
import io.flowstate.script.ScriptLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** A node's {@code console.*} goes to the {@code flowstate.nflow.console} logger at the configured level, if on. */
class NodeConsoleTest {

    @TempDir
    Path dir;

    @Test
    void consoleOutputIsLoggedAtTheConfiguredLevelOnlyWhenThatLevelIsOn() throws IOException {
        Logger console = (Logger) LoggerFactory.getLogger("flowstate.nflow.console");
        console.setLevel(ch.qos.logback.classic.Level.INFO);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        console.addAppender(logged);
        NflowFlow flow = NflowRuntimeTest.chainIn(dir,
                NflowRuntimeTest.js("function main(){ console.log('seen', {a: 1}, 2); payload.ok = true; }"));
        try (GraalScriptRunner scripts = new GraalScriptRunner(new ScriptLimits(200_000, Duration.ofSeconds(2)))) {
            for (Level level : new Level[] {Level.INFO, Level.TRACE}) {
                NflowRuntime runtime = new NflowRuntime(scripts, BoxLibrary.load(null), new PageTemplates(dir),
                        Accounts.NONE, OtpSettings.ACCEPT, Clock.systemUTC(), level);
                RunResult result = runtime.run(NflowRuntimeTest.context(flow), flow.first(), Json.object());
                assertThat(result.payload().get("ok").asBoolean()).isTrue();
            }
        } finally {
            console.detachAppender(logged);
        }
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("[" + flow.id() + " info] seen {\"a\":1} 2");
        assertThat(logged.list.get(0).getLevel()).isEqualTo(ch.qos.logback.classic.Level.INFO);
    }
}
