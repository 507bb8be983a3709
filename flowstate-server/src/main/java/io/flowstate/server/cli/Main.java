package io.flowstate.server.cli;

import io.flowstate.server.config.ConfigException;
import io.flowstate.server.config.ConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code flowstate} command, main class of {@code flowstate.jar}. Exit codes: {@value #EXIT_OK} success,
 * {@value #EXIT_FAILURE} the server failed to start or an unexpected error, {@value #EXIT_USAGE} a bad command
 * line or configuration; a server stopped by SIGTERM or SIGINT exits with the JVM's 143 or 130.
 */
@Command(name = "flowstate", mixinStandardHelpOptions = true, versionProvider = FlowstateVersion.class,
        description = "A workflow runtime for multi-step, human-in-the-loop flows.",
        subcommands = {ServeCommand.class, ConfigCommand.class, MigrationCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the server could not start, or an unexpected error",
            "2:invalid command line or configuration",
            "130:server stopped by SIGINT (Ctrl-C)",
            "143:server stopped by SIGTERM"})
public final class Main implements Callable<Integer> {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private final Map<String, String> environment;
    private final Path workingDirectory;

    @Spec
    private CommandSpec spec;

    /** The command as run from a shell: the process environment and working directory. */
    public Main() {
        this(System.getenv(), Path.of(""));
    }

    /** The command with an injected environment and working directory (tests). */
    public Main(Map<String, String> environment, Path workingDirectory) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
    }

    public static void main(String[] args) {
        if (!SLF4JBridgeHandler.isInstalled()) {
            // Helidon logs through java.util.logging; route it to the same output as ours.
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        System.exit(commandLine(new Main()).execute(args));
    }

    /** The configured command line: its error handlers print one line and map failures to exit codes. */
    public static CommandLine commandLine(Main main) {
        CommandLine commandLine = new CommandLine(main);
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println("flowstate: " + e.getMessage());
            if (e instanceof UnmatchedArgumentException unmatched) {
                UnmatchedArgumentException.printSuggestions(unmatched, err);
            }
            err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            PrintWriter err = failed.getErr();
            if (e instanceof ConfigException) {
                err.println("flowstate: configuration error: " + e.getMessage());
                err.flush();
                return EXIT_USAGE;
            }
            LOG.error("Unexpected failure", e);
            err.println("flowstate: " + describe(e));
            err.flush();
            return EXIT_FAILURE;
        });
        return commandLine;
    }

    /** Without a subcommand there is nothing to do: show the usage. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("flowstate: missing command");
        spec.commandLine().usage(err);
        err.flush();
        return EXIT_USAGE;
    }

    ConfigLoader loader() {
        return new ConfigLoader(environment, workingDirectory);
    }

    static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
    }
}
