package io.flowstate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The [session] and [migration] tables: file, environment, their errors, and the printed form read back. */
class MigrationConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void readsTheSwitchAndPerFlowRolloutsFromTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("flowstate.toml"), """
                [session]
                idleTtl = "10m"
                secureCookie = true

                [migration]
                enabled = true
                rollout = 25
                refreshInterval = "500ms"

                [migration.flows.signup]
                rollout = 80

                [migration.flows.checkout]
                rollout = 0
                """);

        FlowstateConfig config = new ConfigLoader(Map.of(), dir).load(file, Map.of()).config();

        assertThat(config.session()).isEqualTo(new SessionConfig(Duration.ofMinutes(10), true));
        assertThat(config.migration()).isEqualTo(new MigrationConfig(true, 25,
                Map.of("signup", 80L, "checkout", 0L), Duration.ofMillis(500)));
    }

    @Test
    void readsPerFlowRolloutsFromTheEnvironment() {
        FlowstateConfig config = new ConfigLoader(Map.of("FLOWSTATE_MIGRATION_ENABLED", "true",
                "FLOWSTATE_MIGRATION_FLOWS", "signup:50, checkout:10"), dir).load(null, Map.of()).config();

        assertThat(config.migration().flowRollouts()).containsExactly(Map.entry("checkout", 10L),
                Map.entry("signup", 50L));
    }

    @Test
    void refusesRolloutsOutsideZeroToOneHundredNamingTheKey() throws IOException {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("FLOWSTATE_MIGRATION_ROLLOUT", "101"), dir)
                .load(null, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("migration.rollout: expected an integer between 0 and 100");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("FLOWSTATE_MIGRATION_FLOWS", "signup"), dir)
                .load(null, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("migration.flows: expected per-flow rollout percentages");
        Path file = Files.writeString(dir.resolve("bad.toml"), "[migration.flows.signup]\nrollout = 150\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), dir).load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("migration.flows.signup.rollout: expected an integer between 0 and 100");
        Path other = Files.writeString(dir.resolve("other.toml"), "[migration.flows.signup]\npercent = 10\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), dir).load(other, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("migration.flows.signup: expected a table with only rollout = 0..100");
    }

    @Test
    void thePrintedConfigurationReadsBackTheSame() throws IOException {
        FlowstateConfig config = FlowstateConfig.DEFAULTS.withMigration(new MigrationConfig(true, 40,
                Map.of("signup", 70L), Duration.ofSeconds(3)));

        Path file = Files.writeString(dir.resolve("printed.toml"), ConfigPrinter.render(config));

        assertThat(new ConfigLoader(Map.of(), dir).load(file, Map.of()).config().migration())
                .isEqualTo(config.migration());
    }
}
