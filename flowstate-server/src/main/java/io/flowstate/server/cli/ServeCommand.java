package io.flowstate.server.cli;

import io.flowstate.server.FlowstateServer;
import io.flowstate.server.config.ConfigException;
import io.flowstate.server.config.ConfigKey;
import io.flowstate.server.config.ConfigPrinter;
import io.flowstate.server.config.EffectiveConfig;
import io.flowstate.server.logging.LogFormats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code flowstate serve}: loads the configuration, logs it (secrets redacted), starts the server and keeps it
 * running until the process receives SIGTERM or SIGINT, when a shutdown hook stops it.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Start the Flowstate server and run until SIGTERM or Ctrl-C.",
        footer = {"", "Every option also has a configuration key and an environment variable; "
                + "see docs/configuration.md. Precedence: defaults < file < environment < flags."})
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions options;

    @Override
    public Integer call() throws InterruptedException {
        EffectiveConfig effective = options.load(main.loader());
        LogFormats.apply(effective.config().operations().log());
        effective.warnings().forEach(LOG::warn);
        LOG.info("Flowstate {} starting with this configuration:\n{}", FlowstateVersion.current(),
                ConfigPrinter.render(effective).stripTrailing());
        requireFlowsDirectory(effective);
        FlowstateServer server;
        try {
            server = FlowstateServer.start(effective.config());
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.debug("Server start failed", e);
            spec.commandLine().getErr().println("flowstate: cannot start the server: " + Main.describe(e));
            spec.commandLine().getErr().flush();
            return Main.EXIT_FAILURE;
        }
        String host = effective.config().server().host();
        LOG.info("Flowstate is listening on http://{}:{}/", host.contains(":") ? "[" + host + "]" : host, server.port());
        if (host.equals("127.0.0.1") || host.equals("::1") || host.equals("localhost")) {
            LOG.info("Only this machine can connect; to accept other machines set server.host (--host 0.0.0.0)");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping Flowstate");
            try {
                server.stop();
            } finally {
                stopped.countDown();
            }
        }, "flowstate-shutdown"));
        // The server's threads do not keep the JVM alive; this thread does, until the hook has stopped the server.
        stopped.await();
        return Main.EXIT_OK;
    }

    private static void requireFlowsDirectory(EffectiveConfig effective) {
        Path flows = effective.config().flowsDir();
        if (!Files.isDirectory(flows)) {
            throw new ConfigException(ConfigKey.FLOWS.path() + ": no such directory: " + flows + " (from "
                    + effective.origin(ConfigKey.FLOWS) + "); pass --flows DIR or set flows in flowstate.toml");
        }
    }
}
