package io.flowstate.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.cli.Main;
import io.flowstate.server.testkit.Http;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/** Runs {@code flowstate migration ...} as an operator would, in this JVM, and waits for servers to follow. */
final class Migration {

    private Migration() {
    }

    /** The command's output; fails the test unless it exits 0. */
    static String run(List<String> storeFlags, String... args) {
        List<String> all = new ArrayList<>(List.of("migration"));
        all.addAll(List.of(args));
        all.addAll(storeFlags);
        CommandLine command = Main.commandLine(new Main(Map.of(), Path.of("")));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit = command.execute(all.toArray(String[]::new));
        assertThat(exit).as("flowstate %s: %s", String.join(" ", all), err).isZero();
        return out.toString();
    }

    /** Waits (up to 10 s) until {@code condition} holds. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    /** The mode a start of {@code flow} by a new browser with this browser id gets. */
    static String modeOfNewRun(Http http, String browserId, String flow) {
        Browser browser = new Browser(http);
        browser.setCookie("flowstate_browser", browserId);
        return browser.start(flow, "{}").header("Flowstate-Mode");
    }
}
