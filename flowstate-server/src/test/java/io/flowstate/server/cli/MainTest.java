package io.flowstate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.config.ConfigKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aPortThatIsNotANumberExitsWithTwoAndNamesTheKeyAndFlag() {
        int exit = run(Map.of(), "serve", "--port", "abc");

        assertThat(exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).isEqualTo("flowstate: configuration error: server.port: expected an integer between "
                + "0 and 65535, was \"abc\" (from --port)" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aBadEnvironmentValueExitsWithTwoWithoutAStackTrace() {
        int exit = run(Map.of("FLOWSTATE_STORE", "mongo"), "serve");

        assertThat(exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).startsWith("flowstate: configuration error: store.kind: ")
                .contains("(from FLOWSTATE_STORE)")
                .doesNotContain("\tat ", "Exception");
    }

    @Test
    void aBadConfigFileExitsWithTwo() throws IOException {
        Path file = Files.writeString(dir.resolve("flowstate.toml"), "[server]\nprot = 1\n");

        int exit = run(Map.of(), "serve", "--config", file.toString());

        assertThat(exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).startsWith("flowstate: configuration error: server.prot: unknown key");
    }

    @Test
    void serveRefusesAFlowsDirectoryThatDoesNotExist() {
        Path missing = dir.resolve("no-flows");

        int exit = run(Map.of(), "serve", "--flows", missing.toString());

        assertThat(exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).startsWith("flowstate: configuration error: flows: no such directory: " + missing
                + " (from --flows)");
    }

    @Test
    void anUnknownOptionExitsWithTwoAndPointsToHelp() {
        int exit = run(Map.of(), "serve", "--prot", "8080");

        assertThat(exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).startsWith("flowstate: Unknown option")
                .contains("'--prot'", "Try 'flowstate serve --help' for more information.");
    }

    @Test
    void aMistypedCommandSuggestsTheRightOne() {
        assertThat(run(Map.of(), "serv")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("Did you mean: flowstate serve?");
    }

    @Test
    void anOptionWithoutItsValueExitsWithTwo() {
        assertThat(run(Map.of(), "serve", "--port")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("--port");
    }

    @Test
    void withoutACommandItPrintsUsageAndExitsWithTwo() {
        int exit = run(Map.of());

        assertThat(exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("missing command", "serve", "config");
    }

    @Test
    void configPrintsTheEffectiveConfigurationWithOrigins() throws IOException {
        Files.writeString(dir.resolve("flowstate.toml"), "[script]\ntimeout = \"5s\"\n");

        int exit = run(Map.of("FLOWSTATE_PORT", "9000", "FLOWSTATE_REDIS_URL", "redis://:hunter2@cache"),
                "config", "--store", "memory");

        assertThat(exit).isEqualTo(Main.EXIT_OK);
        assertThat(out.toString())
                .containsPattern("port = 9000 +# FLOWSTATE_PORT")
                .containsPattern("kind = \"memory\" +# --store")
                .containsPattern("timeout = \"PT5S\" +# " + java.util.regex.Pattern.quote(
                        dir.resolve("flowstate.toml").toString()))
                .contains("redis://:***@cache")
                .doesNotContain("hunter2");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void configWarnsAboutUnknownFlowstateVariablesOnStderr() {
        int exit = run(Map.of("FLOWSTATE_PROT", "1"), "config");

        assertThat(exit).isEqualTo(Main.EXIT_OK);
        assertThat(err.toString()).startsWith("flowstate: warning: ignoring environment variable FLOWSTATE_PROT");
    }

    @Test
    void versionPrintsTheBuildVersion() {
        int exit = run(Map.of(), "--version");

        assertThat(exit).isEqualTo(Main.EXIT_OK);
        assertThat(out.toString()).startsWith("flowstate ").doesNotContain("unknown", "${");
    }

    @Test
    void serveHelpListsEveryOptionAndTheExitCodes() {
        assertThat(run(Map.of(), "serve", "--help")).isEqualTo(Main.EXIT_OK);
        assertThat(out.toString()).contains("--port", "--flows", "--store", "--data-dir", "--redis-url", "--config",
                "--host", "--mode");

        out.getBuffer().setLength(0);
        assertThat(run(Map.of(), "--help")).isEqualTo(Main.EXIT_OK);
        assertThat(out.toString()).contains("Exit codes:", "invalid command line or configuration");
    }

    @Test
    void everyKeyWithAFlagHasThatOptionOnServeAndConfig() {
        CommandLine commandLine = Main.commandLine(new Main(Map.of(), dir));
        for (String command : new String[] {"serve", "config"}) {
            var spec = commandLine.getSubcommands().get(command).getCommandSpec();
            for (ConfigKey key : ConfigKey.values()) {
                key.flag().ifPresent(flag -> assertThat(spec.findOption(flag)).as(command + " " + flag).isNotNull());
            }
        }
    }

    private int run(Map<String, String> env, String... args) {
        CommandLine commandLine = Main.commandLine(new Main(env, dir));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
