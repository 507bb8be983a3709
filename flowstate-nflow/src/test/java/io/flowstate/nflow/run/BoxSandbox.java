package io.flowstate.nflow.run;

import io.flowstate.nflow.template.PageTemplates;
import io.flowstate.script.GraalScriptRunner;
import io.flowstate.script.ScriptLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * What the tests of a box done in Java share: one sandbox for the class, a directory, runtimes over either library,
 * and a library in which named modules are replaced by their own JavaScript (so that they run in the interpreter).
 */
abstract class BoxSandbox {

    static GraalScriptRunner scripts;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        scripts = new GraalScriptRunner(new ScriptLimits(200_000, Duration.ofSeconds(5)));
    }

    @AfterAll
    static void stop() {
        scripts.close();
    }

    static NflowRuntime runtime(BoxLibrary library, Path templates) {
        return new NflowRuntime(scripts, library, new PageTemplates(templates), Accounts.NONE, OtpSettings.ACCEPT,
                Clock.systemUTC(), Level.DEBUG);
    }

    /** The box library with {@code names} replaced by the built-in modules' own JavaScript. */
    static BoxLibrary javascriptModules(String... names) throws IOException {
        Path modules = Files.createDirectories(dir.resolve("modules"));
        for (String name : names) {
            Files.writeString(modules.resolve(name + ".js"), BoxLibrary.resource("modules/" + name + ".js"));
        }
        return BoxLibrary.load(modules);
    }
}
