package io.flowstate.server.nflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.json.Json;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.SseClient;
import io.flowstate.server.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import io.flowstate.server.testkit.StoreKind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * nFlow's sample app ({@code ../shared/nflow/app.json}) unmodified on SQLite: {@code /pepe11} end to end as a browser
 * posts it, the stored-node check, two tabs, login and logout, and the same process on the JSON API.
 */
class NflowSampleAppIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    static ServerUnderTest server;

    @BeforeAll
    static void start() {
        if (!NflowSamples.present()) {
            return; // each test is reported skipped, with the reason, by the assumption below
        }
        server = NflowSamples.setup("app.json").withStore(StoreKind.SQLITE).start();
    }

    @BeforeEach
    void samplesArePresent() {
        NflowSamples.directory();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    Browser browser() {
        return new Browser(server.port());
    }

    @Test
    void pepe11RunsToTheJsonAnswerThroughTheWrongCodeLoopAndTheFork() throws java.io.IOException {
        String id = Pepe11Walk.walk(browser(), step -> server.port());

        Http.Response process = server.http().get("/process/" + id);
        assertThat(process.status()).isEqualTo(200);
        assertThat(process.json().get("status").asText()).isEqualTo("completed");
        assertThat(process.json().get("result")).isEqualTo(Json.parse(Pepe11Walk.RESULT));
        Http.Response history = server.http().get("/process/" + id + "/history");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body()).contains("process.started").contains("process.completed");
    }

    @Test
    void aFormPageParsesAndCarriesBothHiddenFields() {
        Browser.Page page = browser().get("/pepe11");

        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Flowstate-Mode")).isEqualTo("process");
        assertThat(page.hidden("nflow_process_id")).isEqualTo(page.header("Flowstate-Process-Id"));
        assertThat(page.hidden("nflow_next_node_run")).isEqualTo("012715af-7917-4a12-8afc-b5f5406d4094");
        assertThat(page.document().select("form input[name=nombre]")).hasSize(1);
    }

    @Test
    void aClaimOfAnotherNodeGets409WithTheCurrentPageAndDoesNotJump() {
        Browser browser = browser();
        Browser.Page page1 = browser.get("/pepe11");
        String id = page1.hidden("nflow_process_id");

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("nflow_next_node_run", "24c2bafe-1111-4732-86cc-3b695b579c37");
        fields.put("nflow_process_id", id);
        fields.put("nombre", "Eve");
        Browser.Page refused = browser.post("/pepe11/nftk/Datos%20Personales", fields);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("Paso 1:");
        assertThat(refused.hidden("nflow_process_id")).isEqualTo(id);
        Http.Response process = server.http().get("/process/" + id);
        assertThat(process.json().at("/nextStep/id").asText()).isEqualTo("1bab77cc-fc1b-4a0e-8ded-8f2ec79c2da6");
        assertThat(process.json().get("version").asLong()).isEqualTo(1);
        assertThat(process.json().at("/state/nombre").isMissingNode()).isTrue();
    }

    @Test
    void twoInterleavedTabsOfOneBrowserRunTwoProcesses() {
        Browser browser = browser();
        Browser.Page tab1 = browser.get("/pepe11");
        Browser.Page tab2 = browser.get("/pepe11");
        assertThat(tab1.hidden("nflow_process_id")).isNotEqualTo(tab2.hidden("nflow_process_id"));

        browser.submit(tab1, Map.of("nombre", "Uno"));
        browser.submit(tab2, Map.of("nombre", "Dos"));

        assertThat(server.http().get("/process/" + tab1.hidden("nflow_process_id")).json().at("/state/nombre").asText())
                .isEqualTo("Uno");
        assertThat(server.http().get("/process/" + tab2.hidden("nflow_process_id")).json().at("/state/nombre").asText())
                .isEqualTo("Dos");
    }

    @Test
    void headAndOptionsOnAStarterPathAre405AndRunNothing() {
        Browser.Page head = browser().send("HEAD", "/pepe11");
        Browser.Page options = browser().send("OPTIONS", "/pepe11");

        assertThat(head.status()).isEqualTo(405);
        assertThat(head.header("Allow")).isEqualTo("GET, POST, PUT, PATCH, DELETE");
        assertThat(options.status()).isEqualTo(405);
        assertThat(options.header("Flowstate-Process-Id")).isEmpty();
    }

    @Test
    void loginThenHomeThenLogout() {
        Browser browser = browser();
        Browser.Page home = browser.get("/home");
        assertThat(home.status()).isEqualTo(307);
        assertThat(home.header("Location")).isEqualTo("/nflow_login");

        Map<String, String> claim = new LinkedHashMap<>();
        claim.put("nflow_next_node_run", "24c2bafe-1111-4732-86cc-3b695b579c37");
        assertThat(browser.post("/home", claim).status()).isEqualTo(307);

        Browser.Page login = browser.get("/nflow_login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(browser.submit(login, Map.of("username", "dev1", "password", "nope")).body()).isEqualTo("Error Login");

        Browser.Page again = browser.get("/nflow_login");
        Browser.Page ok = browser.submit(again, Map.of("username", "dev1", "password", "dev1"));
        assertThat(ok.body()).contains("window.location.href = '/home'");

        Browser.Page inside = browser.get("/home");
        assertThat(inside.status()).as(inside.body()).isEqualTo(200);
        assertThat(inside.body()).contains("<p>dev1</p>");

        Browser.Page logout = browser.get("/logout");
        assertThat(logout.body()).contains("<h2>Logout</h2>");
        assertThat(browser.get("/home").status()).isEqualTo(307);
    }

    @Test
    void aBrowserPostReachesAWatcherOfTheProcessEventStream() {
        Browser browser = browser();
        Browser.Page page1 = browser.get("/pepe11");
        String id = page1.hidden("nflow_process_id");

        try (SseClient events = server.sse("/process/" + id + "/events")) {
            assertThat(events.nextEvent(WAIT).event()).isEqualTo("process.snapshot");
            browser.submit(page1, Map.of("nombre", "Ana"));

            SseClient.Message step = events.nextEvent(WAIT);
            assertThat(step.event()).isEqualTo("step.completed");
            assertThat(step.id()).isEqualTo("2");
            assertThat(step.data()).contains("\"nombre\":\"Ana\"");
        }
    }

    @Test
    void aWebSocketWatcherSeesTheSnapshotAndTheFormPost() {
        Browser browser = browser();
        Browser.Page page1 = browser.get("/pepe11");
        String id = page1.hidden("nflow_process_id");

        try (WsClient socket = server.ws("/process/" + id + "/ws")) {
            assertThat(socket.next(WAIT).at("/process/nextStep/title").asText()).isEqualTo("Datos Personales");
            browser.submit(page1, Map.of("nombre", "Ana"));

            JsonNode step = socket.next("step.completed", WAIT);
            assertThat(step.get("version").asLong()).isEqualTo(2);
            assertThat(step.at("/process/nextStep/title").asText()).isEqualTo("Paso 2");
        }
    }

    @Test
    void aRunBelongsToTheUserWhoStartedItAndAnotherUserGets404() {
        Browser dev1 = loggedIn("dev1");
        Browser admin = loggedIn("admin");
        Browser.Page page1 = dev1.get("/home");
        assertThat(page1.body()).contains("<p>dev1</p>");

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("nflow_next_node_run", page1.hidden("nflow_next_node_run"));
        fields.put("nflow_process_id", page1.hidden("nflow_process_id"));
        fields.put("nombre", "Mallory");
        Browser.Page stolen = admin.post("/home/nftk/Datos%20Personales", fields);

        assertThat(stolen.status()).isEqualTo(404);
        assertThat(stolen.body()).contains("\"code\":\"process_not_found\"");
        assertThat(dev1.submit(page1, Map.of("nombre", "Ana")).body()).contains("Paso 2:");
    }

    private Browser loggedIn(String user) {
        Browser browser = browser();
        Browser.Page login = browser.get("/nflow_login");
        assertThat(browser.submit(login, Map.of("username", user, "password", user)).body())
                .contains("window.location.href");
        return browser;
    }

    @Test
    void theJsonApiContinuesAnNflowProcessWithFormFieldsAsInput() {
        Browser.Page page1 = browser().get("/pepe11");
        String id = page1.hidden("nflow_process_id");

        Http.Response step = server.http().post("/process/" + id + "/step", "{\"input\": {\"nombre\": \"Ana\"}}");

        assertThat(step.status()).isEqualTo(200);
        assertThat(step.json().get("status").asText()).isEqualTo("waiting");
        assertThat(step.json().at("/nextStep/id").asText()).isEqualTo("012715af-7917-4a12-8afc-b5f5406d4094");
        assertThat(step.json().at("/nextStep/title").asText()).isEqualTo("Paso 2");
        assertThat(step.json().at("/state/nombre").asText()).isEqualTo("Ana");
    }
}
