package io.flowstate.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.engine.EngineLimits;
import io.flowstate.core.engine.FlowRunner;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.flow.Flow;
import io.flowstate.core.flow.FlowParser;
import io.flowstate.core.flow.InputValidator;
import io.flowstate.core.flow.Mode;
import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.server.config.MigrationConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The switch's choice of mode: the share of browsers, stickiness, per-flow rollouts, and the stored override. */
class ModeSwitchTest {

    private final MemoryProcessStore store = new MemoryProcessStore(Clock.systemUTC());
    private final ProcessEngine engine = new ProcessEngine(id -> Optional.empty(), store,
            new FlowRunner(call -> { throw new AssertionError("no scripts here"); }, new InputValidator(),
                    EngineLimits.DEFAULTS), Clock.systemUTC(), UUID::randomUUID, EngineLimits.DEFAULTS);
    private ModeSwitch modeSwitch;

    @AfterEach
    void stop() {
        modeSwitch.close();
    }

    @Test
    void atThirtyPercentAboutThirtyPercentOfBrowsersGetTheDeclaredModeAndKeepIt() {
        modeSwitch = ModeSwitch.start(config(true, 30, Map.of()), Mode.PROCESS, engine);
        Flow signup = flow("signup", null);
        int declared = 0;
        for (int b = 0; b < 10_000; b++) {
            String browser = "browser-" + b;
            Mode first = modeSwitch.modeFor(signup, browser);
            for (int run = 0; run < 10; run++) {
                assertThat(modeSwitch.modeFor(signup, browser)).isEqualTo(first);
            }
            declared += first == Mode.PROCESS ? 1 : 0;
        }
        assertThat(declared).isBetween(2_850, 3_150);
    }

    @Test
    void aGrowingRolloutOnlyMovesBrowsersForward() {
        Flow signup = flow("signup", null);
        for (int b = 0; b < 2_000; b++) {
            int bucket = ModeSwitch.bucket("browser-" + b, "signup");
            assertThat(bucket).isBetween(0, 99);
        }
        modeSwitch = ModeSwitch.start(config(true, 10, Map.of()), Mode.PROCESS, engine);
        long atTen = countDeclared(signup);
        store.putSetting(MigrationSettings.SETTING, new MigrationSettings(true, 60, Map.of()).toJson());
        modeSwitch.refresh();
        for (int b = 0; b < 2_000; b++) {
            if (ModeSwitch.bucket("browser-" + b, "signup") < 10) {
                assertThat(modeSwitch.modeFor(signup, "browser-" + b)).isEqualTo(Mode.PROCESS);
            }
        }
        assertThat(countDeclared(signup)).isGreaterThan(atTen * 4);
    }

    @Test
    void offMeansTheDeclaredModeAndAFlowDeclaringSessionStaysThere() {
        modeSwitch = ModeSwitch.start(config(false, 0, Map.of()), Mode.PROCESS, engine);
        assertThat(modeSwitch.modeFor(flow("a", "hybrid"), "b1")).isEqualTo(Mode.HYBRID);
        assertThat(modeSwitch.modeFor(flow("a", null), "b1")).isEqualTo(Mode.PROCESS);

        store.putSetting(MigrationSettings.SETTING, new MigrationSettings(true, 100, Map.of()).toJson());
        modeSwitch.refresh();
        assertThat(modeSwitch.modeFor(flow("legacy", "session"), "b1")).isEqualTo(Mode.SESSION);
        assertThat(modeSwitch.modeFor(flow("a", "hybrid"), "b1")).isEqualTo(Mode.HYBRID);
    }

    @Test
    void aFlowsOwnRolloutWinsOverTheDefault() {
        modeSwitch = ModeSwitch.start(config(true, 100, Map.of("checkout", 0L)), Mode.PROCESS, engine);

        assertThat(modeSwitch.modeFor(flow("checkout", null), "b1")).isEqualTo(Mode.SESSION);
        assertThat(modeSwitch.modeFor(flow("signup", null), "b1")).isEqualTo(Mode.PROCESS);
    }

    @Test
    void garbageInTheStoreKeepsTheLastGoodSwitch() {
        modeSwitch = ModeSwitch.start(config(true, 100, Map.of()), Mode.PROCESS, engine);
        store.putSetting(MigrationSettings.SETTING, "{not json");
        modeSwitch.refresh();

        assertThat(modeSwitch.settings()).isEqualTo(new MigrationSettings(true, 100, Map.of()));
        store.putSetting(MigrationSettings.SETTING, null);
    }

    private long countDeclared(Flow flow) {
        long declared = 0;
        for (int b = 0; b < 2_000; b++) {
            declared += modeSwitch.modeFor(flow, "browser-" + b) == Mode.PROCESS ? 1 : 0;
        }
        return declared;
    }

    private static MigrationConfig config(boolean enabled, int rollout, Map<String, Long> flows) {
        return new MigrationConfig(enabled, rollout, flows, Duration.ofHours(1));
    }

    private static Flow flow(String id, String mode) {
        String json = "{\"id\": \"" + id + "\"," + (mode == null ? "" : " \"mode\": \"" + mode + "\",")
                + " \"start\": \"done\", \"steps\": {\"done\": {\"type\": \"end\"}}}";
        return new FlowParser(new InputValidator()).parse(json.getBytes(StandardCharsets.UTF_8), false);
    }
}
