package io.flowstate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowstate.core.flow.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nflow.mode} and {@code nflow.flows}: file, environment, the server's mode as default, errors, read back. */
class NflowModeConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void readsTheModeAndPerFlowModesFromTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("flowstate.toml"), """
                [nflow]
                mode = "session"

                [nflow.flows."app.pepe11"]
                mode = "process"

                [nflow.flows."app.home"]
                mode = "hybrid"
                """);

        NflowConfig nflow = new ConfigLoader(Map.of(), dir).load(file, Map.of()).config().nflow();

        assertThat(nflow.mode()).isEqualTo(Mode.SESSION);
        assertThat(nflow.modeOf("app.pepe11", Mode.PROCESS)).isEqualTo(Mode.PROCESS);
        assertThat(nflow.modeOf("app.home", Mode.PROCESS)).isEqualTo(Mode.HYBRID);
        assertThat(nflow.modeOf("app.other", Mode.PROCESS)).isEqualTo(Mode.SESSION);
    }

    @Test
    void readsPerFlowModesFromTheEnvironment() {
        NflowConfig nflow = new ConfigLoader(Map.of("FLOWSTATE_NFLOW_FLOWS", "app.pepe11:session, app.home:process"),
                dir).load(null, Map.of()).config().nflow();

        assertThat(nflow.flowModes()).containsExactly(Map.entry("app.home", Mode.PROCESS),
                Map.entry("app.pepe11", Mode.SESSION));
    }

    @Test
    void withoutItsOwnModeAnNflowFlowFollowsTheServersModeAndTokenMeansProcess() {
        FlowstateConfig session = new ConfigLoader(Map.of("FLOWSTATE_MODE", "session"), dir).load(null, Map.of())
                .config();
        FlowstateConfig token = new ConfigLoader(Map.of("FLOWSTATE_MODE", "token"), dir).load(null, Map.of())
                .config();

        assertThat(session.nflow().mode()).isNull();
        assertThat(session.nflow().modeOf("app.pepe11", session.defaultMode())).isEqualTo(Mode.SESSION);
        assertThat(token.nflow().modeOf("app.pepe11", token.defaultMode())).isEqualTo(Mode.PROCESS);
    }

    @Test
    void refusesTokenModeAndUnknownModesNamingTheKey() throws IOException {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("FLOWSTATE_NFLOW_MODE", "token"), dir).load(null, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("nflow.mode: expected one of process, hybrid, session");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("FLOWSTATE_NFLOW_FLOWS", "app.pepe11"), dir)
                .load(null, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("nflow.flows: expected per-flow modes");
        Path file = Files.writeString(dir.resolve("bad.toml"), "[nflow.flows.\"app.pepe11\"]\nmode = \"token\"\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), dir).load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("nflow.flows.app.pepe11.mode: expected process, hybrid or session");
        Path other = Files.writeString(dir.resolve("other.toml"), "[nflow.flows.\"app.pepe11\"]\nrollout = 10\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), dir).load(other, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("nflow.flows.app.pepe11: expected a table with only mode");
    }

    @Test
    void thePrintedConfigurationReadsBackTheSame() throws IOException {
        FlowstateConfig config = FlowstateConfig.DEFAULTS.withNflow(NflowConfig.DEFAULTS.withModes(Mode.HYBRID,
                Map.of("app.pepe11", Mode.SESSION)));

        Path file = Files.writeString(dir.resolve("printed.toml"), ConfigPrinter.render(config));

        assertThat(new ConfigLoader(Map.of(), dir).load(file, Map.of()).config().nflow().flowModes())
                .isEqualTo(config.nflow().flowModes());
        assertThat(new ConfigLoader(Map.of(), dir).load(file, Map.of()).config().nflow().mode())
                .isEqualTo(Mode.HYBRID);
    }
}
