package io.flowstate.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.flow.Mode;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.StoreKind;
import io.flowstate.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Session mode over HTTP, on SQLite: the cookie, the legacy sharing of one state by a browser's tabs, the lock that
 * serializes a session's requests, and that nobody else's cookie — forged, lapsed or another browser's — reaches a
 * run.
 */
@FlowstateServerTest(flows = "src/test/resources/session-flows", store = StoreKind.SQLITE, mode = Mode.SESSION,
        mutableClock = true)
class SessionModeIT {

    @Test
    void aStartSetsAnHttpOnlySessionCookieAndAnswersWithoutAProcessId(Http http) {
        Browser browser = new Browser(http);

        Http.Response started = browser.start("legacy", "{}");

        assertThat(started.status()).isEqualTo(201);
        assertThat(started.header("Flowstate-Mode")).isEqualTo("session");
        assertThat(started.json().get("processId").isNull()).isTrue();
        assertThat(started.json().get("mode").asText()).isEqualTo("session");
        assertThat(started.json().at("/nextStep/id").asText()).isEqualTo("note");
        String setCookie = started.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("flowstate_session=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=1800").doesNotContain("Secure");
        assertThat(started.header("Location")).isNull();

        Http.Response read = browser.get("/session/legacy");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().at("/nextStep/id").asText()).isEqualTo("note");
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void twoTabsOfOneBrowserShareOneState(Http http) {
        Browser tab1 = new Browser(http);
        tab1.start("order", "{}");
        Browser tab2 = tab1.on(http);

        tab2.post("/session/order/step", "{\"step\": \"customer\", \"input\": {\"name\": \"Ada\"}}");

        JsonNode seenByTab1 = tab1.get("/session/order").json();
        assertThat(seenByTab1.at("/state/name").asText()).isEqualTo("Ada");
        assertThat(seenByTab1.at("/nextStep/id").asText()).isEqualTo("items");
    }

    @Test
    void parallelRequestsOfOneSessionAreSerializedAndNoneIsLost(Http http) throws Exception {
        Browser browser = new Browser(http);
        browser.start("counter", "{}");
        int requests = 24;
        ExecutorService tabs = Executors.newFixedThreadPool(8);
        try {
            List<Future<Http.Response>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                Browser tab = browser.on(http);
                answers.add(tabs.submit(() -> tab.post("/session/counter/step",
                        "{\"step\": \"add\", \"input\": {\"n\": 1}}")));
            }
            for (Future<Http.Response> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(200);
            }
        } finally {
            tabs.shutdownNow();
        }

        JsonNode run = browser.get("/session/counter").json();
        assertThat(run.at("/state/total").asInt()).isEqualTo(requests);
        assertThat(run.get("version").asLong()).isEqualTo(1 + requests);
    }

    @Test
    void anotherBrowserSeesNothingOfThisOne(Http http) {
        Browser mine = new Browser(http);
        mine.start("order", "{\"secret\": \"mine\"}");
        Browser other = new Browser(http);

        Http.Response read = other.get("/session/order");

        assertThat(read.status()).isEqualTo(404);
        assertThat(read.json().get("code").asText()).isEqualTo("process_not_found");
        assertThat(read.body()).doesNotContain("mine");
    }

    @Test
    void aForgedCookieGetsAFreshSessionAndNeverAnothersState(Http http) {
        Browser victim = new Browser(http);
        victim.start("order", "{\"secret\": \"victim\"}");
        String valid = victim.cookie("flowstate_session");
        String[] parts = valid.split("\\.");
        Browser forger = new Browser(http);
        // the victim's id with a made-up expiry and MAC, and a value the server never issued
        forger.setCookie("flowstate_session", parts[0] + ".99999999999.AAAAAAAAAAAAAAAAAAAAAA");

        Http.Response read = forger.get("/session/order");

        assertThat(read.status()).isEqualTo(404);
        assertThat(read.body()).doesNotContain("victim");
        assertThat(forger.cookie("flowstate_session")).isNotEqualTo(valid).doesNotStartWith(parts[0]);
        Http.Response started = forger.start("order", "{}");
        assertThat(started.json().at("/state/secret").isMissingNode()).isTrue();
        assertThat(victim.get("/session/order").json().at("/state/secret").asText()).isEqualTo("victim");
    }

    @Test
    void aLapsedCookieGetsAFreshSession(Http http, MutableClock clock) {
        Browser browser = new Browser(http);
        browser.start("order", "{\"secret\": \"old\"}");
        String old = browser.cookie("flowstate_session");

        clock.advance(Duration.ofMinutes(31));
        Http.Response read = browser.get("/session/order");

        assertThat(read.status()).isEqualTo(404);
        assertThat(browser.cookie("flowstate_session")).isNotEqualTo(old);
    }

    @Test
    void aNewStartReplacesTheBrowsersRunOfThatFlowOnly(Http http) {
        Browser browser = new Browser(http);
        browser.start("order", "{\"round\": 1}");
        browser.start("legacy", "{\"kept\": true}");

        browser.start("order", "{\"round\": 2}");

        assertThat(browser.get("/session/order").json().at("/state/round").asInt()).isEqualTo(2);
        assertThat(browser.get("/session/order").json().get("version").asLong()).isEqualTo(1);
        assertThat(browser.get("/session/legacy").json().at("/state/kept").asBoolean()).isTrue();
    }

    @Test
    void aCancelledRunIsGone(Http http) {
        Browser browser = new Browser(http);
        browser.start("order", "{}");

        assertThat(browser.delete("/session/order").status()).isEqualTo(204);
        assertThat(browser.get("/session/order").status()).isEqualTo(404);
    }

    @Test
    void aStaleIfMatchIsRefusedWithTheCurrentRunAndStillNoProcessId(Http http) {
        Browser browser = new Browser(http);
        browser.start("order", "{}");

        Http.Response stale = browser.post("/session/order/step",
                "{\"step\": \"customer\", \"input\": {\"name\": \"Ada\"}}", "If-Match", "\"5\"");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("code").asText()).isEqualTo("version_mismatch");
        assertThat(stale.json().at("/current/processId").isNull()).isTrue();
        assertThat(stale.json().at("/current/version").asLong()).isEqualTo(1);
    }

    @Test
    void theMetricsLabelSessionRunsWithTheModeThatServedThem(Http http) {
        Browser browser = new Browser(http);
        browser.start("order", "{}");
        browser.post("/session/order/step", "{\"step\": \"customer\", \"input\": {\"name\": \"Ada\"}}");

        String metrics = http.get("/metrics").body();

        assertThat(metrics.lines().filter(line -> line.startsWith("flowstate_steps_total{")
                && line.contains("flow=\"order\"") && line.contains("mode=\"session\"")
                && line.contains("outcome=\"waiting\"")).findFirst())
                .as(metrics.lines().filter(line -> line.startsWith("flowstate_")).toList().toString()).isPresent();
        assertThat(metrics.lines().filter(line -> line.startsWith("flowstate_process_starts_total{")
                && line.contains("flow=\"order\"") && line.contains("mode=\"session\"")).findFirst()).isPresent();
    }
}
