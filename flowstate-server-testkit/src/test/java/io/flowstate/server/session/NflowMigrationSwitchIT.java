package io.flowstate.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.config.MigrationConfig;
import io.flowstate.server.testkit.FlowstateServerExtension;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.StoreKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The migration switch on an nFlow flow ({@code src/test/resources/nflow-switch}: {@code /switch} pauses once, then
 * answers its payload) at a 30% rollout: the share of browsers whose starts run in process mode, each browser's side
 * kept across runs, and a run started in session mode that finishes there after the flip to 100%.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NflowMigrationSwitchIT {

    private static final String CONTINUE = "/switch?nflow_next_node_run=end&answer=42";

    @RegisterExtension
    static final FlowstateServerExtension SERVER = new FlowstateServerExtension(
            ServerSetup.of("src/test/resources/nflow-switch").withStore(StoreKind.SQLITE).withConfig(config ->
                    config.withMigration(new MigrationConfig(true, 30, Map.of(), Duration.ofMillis(200)))));

    @Test
    @Order(1)
    void atThirtyPercentAboutAThirdOfBrowsersRunProcessModeAndEachKeepsItsSide() {
        Http http = SERVER.http();
        int browsers = 1_000;
        int processMode = 0;
        for (int b = 0; b < browsers; b++) {
            Browser browser = new Browser(http);
            Http.Response first = browser.get("/switch");
            assertThat(first.status()).isEqualTo(200);
            String mode = first.header("Flowstate-Mode");
            assertThat(browser.cookie("flowstate_browser")).isNotNull();
            for (int run = 2; run <= 10; run++) {
                assertThat(browser.get("/switch").header("Flowstate-Mode")).as("browser %d, run %d", b, run)
                        .isEqualTo(mode);
            }
            if ("process".equals(mode)) {
                processMode++;
                assertThat(first.header("Flowstate-Process-Id")).hasSize(36);
            } else {
                assertThat(mode).isEqualTo("session");
                assertThat(first.header("Flowstate-Process-Id")).isNull();
                assertThat(browser.cookie("flowstate_session")).isNotNull();
            }
        }
        assertThat(processMode).as("browsers in process mode of %d", browsers).isBetween(250, 350);
    }

    @Test
    @Order(2)
    void aRunStartedInSessionModeFinishesThereAfterTheFlagFlipsToOneHundred() throws Exception {
        Http http = SERVER.http();
        Browser browser = inSessionMode(http);
        List<String> store = List.of("--store", "sqlite", "--data-dir", SERVER.dataDir().toString());

        Migration.run(store, "set", "--enabled", "true", "--rollout", "100");
        try {
            Migration.await("new runs of this browser in process mode",
                    () -> "process".equals(modeOfNewRun(http, browser.cookie("flowstate_browser"))));

            Http.Response done = browser.post(CONTINUE, "");
            assertThat(done.status()).as(done.body()).isEqualTo(200);
            assertThat(done.header("Flowstate-Mode")).isEqualTo("session");
            assertThat(done.json().get("answer").asText()).isEqualTo("42");
            assertThat(done.json().get("asked").asInt()).isEqualTo(1);
            assertThat(browser.get("/session/switch.switch").json().get("status").asText()).isEqualTo("completed");
            assertThat(browser.get("/switch").header("Flowstate-Mode")).isEqualTo("process");
        } finally {
            Migration.run(store, "clear");
        }
    }

    private static Browser inSessionMode(Http http) {
        while (true) {
            Browser browser = new Browser(http);
            if ("session".equals(browser.get("/switch").header("Flowstate-Mode"))) {
                return browser;
            }
        }
    }

    /** The mode of a start by a new browser (no session) that has this browser id. */
    private static String modeOfNewRun(Http http, String browserId) {
        Browser browser = new Browser(http);
        browser.setCookie("flowstate_browser", browserId);
        return browser.get("/switch").header("Flowstate-Mode");
    }
}
