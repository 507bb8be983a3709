package io.flowstate.server.cli;

import io.flowstate.core.store.ProcessStore;
import io.flowstate.server.Stores;
import io.flowstate.server.config.ConfigException;
import io.flowstate.server.config.EffectiveConfig;
import io.flowstate.server.config.StoreConfig;
import io.flowstate.server.session.MigrationSettings;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code flowstate migration show|set|clear}: reads or changes the migration switch of every running instance
 * without a restart, by writing it to the store they share (each instance reads it every
 * {@code migration.refreshInterval}). {@code set} starts from the switch in force and changes only what it is given;
 * {@code clear} removes the stored switch, so instances return to their configured {@code migration.*}. The memory
 * store lives inside one server, so there the switch is changed in the configuration and takes a restart.
 */
@Command(name = "migration", mixinStandardHelpOptions = true,
        description = "Show or change the migration switch (session mode -> declared mode) of running instances.")
final class MigrationCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions options;

    @Parameters(index = "0", paramLabel = "ACTION", description = "show, set or clear")
    private String action = "show";

    @Option(names = "--enabled", paramLabel = "BOOL", arity = "1",
            description = "Turn the switch on (true) or off (false: every flow runs in its declared mode).")
    private @Nullable Boolean enabled;

    @Option(names = "--rollout", paramLabel = "PERCENT",
            description = "Share of browsers, 0-100, that run flows in their declared mode; the rest run session mode.")
    private @Nullable Integer rollout;

    @Option(names = "--flow", paramLabel = "FLOW=PERCENT",
            description = "The rollout of one flow, overriding --rollout; repeatable. FLOW= (no percent) removes it.")
    private List<String> flows = new ArrayList<>();

    @Override
    public Integer call() {
        EffectiveConfig effective = options.load(main.loader());
        if (effective.config().store().kind() == StoreConfig.Kind.MEMORY) {
            throw new ConfigException("migration: the memory store lives inside one server; set migration.* in its"
                    + " configuration and restart it (or use --store sqlite or redis)");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ProcessStore store = Stores.openForSettings(effective.config().store(), Clock.systemUTC())) {
            Optional<String> stored = store.setting(MigrationSettings.SETTING);
            MigrationSettings current = stored.map(MigrationSettings::fromJson)
                    .orElseGet(() -> MigrationSettings.of(effective.config().migration()));
            switch (action) {
                case "show" -> out.println(current.toJson() + (stored.isPresent() ? "  (stored)" : "  (configured)"));
                case "set" -> {
                    MigrationSettings next = changed(current);
                    store.putSetting(MigrationSettings.SETTING, next.toJson());
                    out.println(next.toJson() + "  (stored; instances follow within migration.refreshInterval)");
                }
                case "clear" -> {
                    store.putSetting(MigrationSettings.SETTING, null);
                    out.println("stored switch removed; instances return to their configured migration.*");
                }
                default -> throw new ConfigException("migration: unknown action '" + action
                        + "' (expected show, set or clear)");
            }
        }
        out.flush();
        return Main.EXIT_OK;
    }

    private MigrationSettings changed(MigrationSettings current) {
        Map<String, Long> perFlow = new LinkedHashMap<>(current.flowRollouts());
        for (String flow : flows) {
            int equals = flow.indexOf('=');
            if (equals < 1) {
                throw new ConfigException("--flow: expected FLOW=PERCENT, was '" + flow + "'");
            }
            String id = flow.substring(0, equals);
            String percent = flow.substring(equals + 1).trim();
            if (percent.isEmpty()) {
                perFlow.remove(id);
            } else {
                perFlow.put(id, percent(percent, "--flow " + id));
            }
        }
        try {
            return new MigrationSettings(enabled != null ? enabled : current.enabled(),
                    rollout != null ? rollout : current.rollout(), perFlow);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("migration: " + e.getMessage(), e);
        }
    }

    private static long percent(String text, String origin) {
        try {
            long value = Long.parseLong(text);
            if (value >= 0 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(origin + ": expected a percentage between 0 and 100, was '" + text + "'");
    }
}
