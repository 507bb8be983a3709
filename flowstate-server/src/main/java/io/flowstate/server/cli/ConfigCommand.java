package io.flowstate.server.cli;

import io.flowstate.server.config.ConfigPrinter;
import io.flowstate.server.config.EffectiveConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code flowstate config}: prints the configuration {@code serve} would run with, as TOML with the origin of
 * each value, and exits. Useful to check a deployment's environment without starting anything.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the effective configuration (defaults < file < environment < flags) as TOML and exit.")
final class ConfigCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions options;

    @Override
    public Integer call() {
        EffectiveConfig effective = options.load(main.loader());
        PrintWriter err = spec.commandLine().getErr();
        effective.warnings().forEach(warning -> err.println("flowstate: warning: " + warning));
        err.flush();
        spec.commandLine().getOut().print(ConfigPrinter.render(effective));
        spec.commandLine().getOut().flush();
        return Main.EXIT_OK;
    }
}
