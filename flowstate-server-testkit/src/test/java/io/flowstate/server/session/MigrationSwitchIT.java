package io.flowstate.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.config.MigrationConfig;
import io.flowstate.server.testkit.FlowstateServerExtension;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.StoreKind;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The migration switch on SQLite at a 30% rollout: the share of browsers in process mode, each browser's mode kept
 * across runs, and a flip to 100% by {@code flowstate migration set} that new runs follow while a run in progress
 * finishes in session mode.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationSwitchIT {

    @RegisterExtension
    static final FlowstateServerExtension SERVER = new FlowstateServerExtension(
            ServerSetup.of("src/test/resources/session-flows").withStore(StoreKind.SQLITE).withConfig(config ->
                    config.withMigration(new MigrationConfig(true, 30, Map.of(), Duration.ofMillis(200)))));

    @Test
    @Order(1)
    void atThirtyPercentAboutAThirdOfBrowsersRunTheDeclaredModeAndEachKeepsItsSide() {
        Http http = SERVER.http();
        int browsers = 1_000;
        int processMode = 0;
        for (int b = 0; b < browsers; b++) {
            Browser browser = new Browser(http);
            Http.Response first = browser.start("order", "{}");
            String mode = first.header("Flowstate-Mode");
            assertThat(first.json().get("mode").asText()).isEqualTo(mode);
            assertThat(browser.cookie("flowstate_browser")).isNotNull();
            for (int run = 2; run <= 10; run++) {
                assertThat(browser.start("order", "{}").header("Flowstate-Mode")).as("browser %d, run %d", b, run)
                        .isEqualTo(mode);
            }
            if ("process".equals(mode)) {
                processMode++;
            } else {
                assertThat(mode).isEqualTo("session");
            }
        }
        assertThat(processMode).as("browsers in process mode of %d", browsers).isBetween(250, 350);
    }

    @Test
    @Order(2)
    void aRunStartedInSessionModeFinishesThereAfterTheFlagFlipsToOneHundred() throws Exception {
        Http http = SERVER.http();
        Browser browser = sessionModeBrowser(http);
        browser.post("/session/order/step", "{\"step\": \"customer\", \"input\": {\"name\": \"Ada\"}}");
        List<String> store = List.of("--store", "sqlite", "--data-dir", SERVER.dataDir().toString());

        String out = Migration.run(store, "set", "--enabled", "true", "--rollout", "100");
        assertThat(out).contains("\"rollout\":100");
        Migration.await("new runs of this browser in process mode",
                () -> "process".equals(Migration.modeOfNewRun(http, browser.cookie("flowstate_browser"), "order")));

        Http.Response items = browser.post("/session/order/step", "{\"step\": \"items\", \"input\": {\"count\": 2}}");
        assertThat(items.header("Flowstate-Mode")).isEqualTo("session");
        Http.Response done = browser.post("/session/order/step", "{\"step\": \"confirm\", \"input\": {\"accept\": true}}");
        assertThat(done.json().get("status").asText()).isEqualTo("completed");
        assertThat(done.json().at("/result/total").asInt()).isEqualTo(10);
        assertThat(done.header("Flowstate-Mode")).isEqualTo("session");

        Migration.run(store, "clear");
        Migration.await("the configured 30% again", () -> "session".equals(
                Migration.modeOfNewRun(http, browser.cookie("flowstate_browser"), "order")));
    }

    @Test
    @Order(3)
    void aFlowsOwnRolloutOverridesTheDefault() throws Exception {
        Http http = SERVER.http();
        List<String> store = List.of("--store", "sqlite", "--data-dir", SERVER.dataDir().toString());
        String inProcessMode = processModeBrowser(http).cookie("flowstate_browser");
        Migration.run(store, "set", "--enabled", "true", "--rollout", "30", "--flow", "order=0",
                "--flow", "counter=100");
        try {
            Map<String, Integer> modes = new HashMap<>();
            Migration.await("order all in session mode", () -> "session".equals(
                    Migration.modeOfNewRun(http, inProcessMode, "order")));
            for (int b = 0; b < 50; b++) {
                Browser browser = new Browser(http);
                modes.merge("order:" + browser.start("order", "{}").header("Flowstate-Mode"), 1, Integer::sum);
                modes.merge("counter:" + browser.start("counter", "{}").header("Flowstate-Mode"), 1, Integer::sum);
            }
            assertThat(modes).containsOnly(Map.entry("order:session", 50), Map.entry("counter:process", 50));
        } finally {
            Migration.run(store, "clear");
        }
    }

    private static Browser sessionModeBrowser(Http http) {
        while (true) {
            Browser browser = new Browser(http);
            if ("session".equals(browser.start("order", "{}").header("Flowstate-Mode"))) {
                return browser;
            }
        }
    }

    private static Browser processModeBrowser(Http http) {
        while (true) {
            Browser browser = new Browser(http);
            if ("process".equals(browser.start("order", "{}").header("Flowstate-Mode"))) {
                return browser;
            }
        }
    }
}
