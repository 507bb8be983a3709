package io.flowstate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code flowstate migration show|set|clear} against a SQLite file, as an operator runs it beside the servers. */
class MigrationCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void showsTheConfiguredSwitchUntilOneIsStored() {
        assertThat(run(Map.of("FLOWSTATE_MIGRATION_ENABLED", "true", "FLOWSTATE_MIGRATION_ROLLOUT", "20"), "show"))
                .isZero();
        assertThat(out.toString()).contains("{\"enabled\":true,\"rollout\":20,\"flows\":{}}", "(configured)");
    }

    @Test
    void setChangesOnlyWhatItIsGivenAndClearReturnsToTheConfiguration() {
        assertThat(run(Map.of(), "set", "--enabled", "true", "--rollout", "30")).isZero();
        assertThat(run(Map.of(), "set", "--flow", "signup=80", "--flow", "order=0")).isZero();
        out.getBuffer().setLength(0);
        assertThat(run(Map.of(), "show")).isZero();
        assertThat(out.toString())
                .contains("{\"enabled\":true,\"rollout\":30,\"flows\":{\"order\":0,\"signup\":80}}", "(stored)");

        assertThat(run(Map.of(), "set", "--flow", "signup=")).isZero();
        assertThat(out.toString()).contains("\"flows\":{\"order\":0}");

        assertThat(run(Map.of(), "clear")).isZero();
        out.getBuffer().setLength(0);
        assertThat(run(Map.of(), "show")).isZero();
        assertThat(out.toString()).contains("{\"enabled\":false,\"rollout\":0,\"flows\":{}}", "(configured)");
    }

    @Test
    void refusesAPercentageOutOfRangeAndAnUnknownAction() {
        assertThat(run(Map.of(), "set", "--rollout", "101")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("rollout must be between 0 and 100");
        assertThat(run(Map.of(), "set", "--flow", "order=x")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("--flow order: expected a percentage between 0 and 100, was 'x'");
        assertThat(run(Map.of(), "flip")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("unknown action 'flip'");
    }

    @Test
    void refusesTheMemoryStoreWhichLivesInsideOneServer() {
        assertThat(run(Map.of(), "show", "--store", "memory")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("the memory store lives inside one server");
    }

    private int run(Map<String, String> env, String... args) {
        CommandLine commandLine = Main.commandLine(new Main(env, dir));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 5];
        all[0] = "migration";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--store";
        all[args.length + 2] = "sqlite";
        all[args.length + 3] = "--data-dir";
        all[args.length + 4] = dir.resolve("data").toString();
        if (args.length > 1 && args[1].equals("--store")) {
            return commandLine.execute(concat("migration", args));
        }
        return commandLine.execute(all);
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
