package io.flowstate.server.nflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import io.flowstate.server.testkit.WsClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A run started by a logged-in user is that user's on the JSON API too (NFLOW.md §2.6, §2.8): other users get the
 * 404 of an unknown id on every {@code /process/{id}} route, a browser without a login gets 401 for a flow with
 * {@code nflow_auth}; on the nFlow-format app {@code jsonapi.json} with the users of {@code accounts.json}.
 */
@FlowstateServerTest(flows = "src/test/resources/nflow", store = StoreKind.SQLITE)
class NflowJsonApiOwnerIT {

    private static final List<String> READS = List.of("", "/history", "/state", "/events");

    @Test
    void anotherUsersReadsStepsAndStreamsOfARunAre404(ServerUnderTest server) {
        Browser ann = loggedIn(server, "ann");
        Browser bob = loggedIn(server, "bob");
        String id = ann.get("/api/private").hidden("nflow_process_id");
        Http http = server.http();

        for (String read : List.of("", "/history", "/state")) {
            assertThat(http.get("/process/" + id + read, "Cookie", ann.cookieHeader()).status()).as(read).isEqualTo(200);
        }
        for (String read : READS) {
            Http.Response hidden = http.get("/process/" + id + read, "Cookie", bob.cookieHeader());
            assertThat(hidden.status()).as(read).isEqualTo(404);
            assertThat(hidden.json().get("code").asText()).isEqualTo("process_not_found");
        }
        Http.Response step = http.post("/process/" + id + "/step", "{\"input\": {\"m\": \"x\"}}", "Cookie",
                bob.cookieHeader());
        assertThat(step.status()).isEqualTo(404);
        assertThat(step.json().get("code").asText()).isEqualTo("process_not_found");
        assertThatThrownBy(() -> WsClient.connect(server.port(), "/process/" + id + "/ws", "Cookie", bob.cookieHeader()))
                .isInstanceOfSatisfying(WsClient.Refused.class, refused -> assertThat(refused.status()).isEqualTo(404));

        Http.Response own = http.post("/process/" + id + "/step", "{\"input\": {\"m\": \"x\"}}", "Cookie",
                ann.cookieHeader());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().at("/result/m").asText()).isEqualTo("x");
    }

    @Test
    void withoutALoginARunOfAnAuthFlowIs401(ServerUnderTest server) {
        String id = loggedIn(server, "ann").get("/api/private").hidden("nflow_process_id");
        Http http = server.http();

        for (String read : READS) {
            Http.Response refused = http.get("/process/" + id + read);
            assertThat(refused.status()).as(read).isEqualTo(401);
            assertThat(refused.json().get("code").asText()).isEqualTo("login_required");
        }
        assertThat(http.post("/process/" + id + "/step", "{\"input\": {}}").status()).isEqualTo(401);
        assertThat(http.delete("/process/" + id).status()).isEqualTo(401);
        assertThat(http.get("/process/" + id, "Cookie", "flowstate_auth=not-a-login").status()).isEqualTo(401);
    }

    @Test
    void aRunOfAnOpenFlowStartedByAUserIsThatUsersAndAnAnonymousRunIsEverybodys(ServerUnderTest server) {
        Browser ann = loggedIn(server, "ann");
        String annsRun = ann.get("/api/form").hidden("nflow_process_id");
        String anonymousRun = new Browser(server.port()).get("/api/form").hidden("nflow_process_id");
        Http http = server.http();

        assertThat(http.get("/process/" + annsRun, "Cookie", ann.cookieHeader()).status()).isEqualTo(200);
        assertThat(http.get("/process/" + annsRun).status()).isEqualTo(404);
        assertThat(http.get("/process/" + annsRun, "Cookie", loggedIn(server, "bob").cookieHeader()).status())
                .isEqualTo(404);
        assertThat(http.get("/process/" + anonymousRun, "Cookie", ann.cookieHeader()).status()).isEqualTo(200);
        assertThat(http.get("/process/" + anonymousRun).status()).isEqualTo(200);
    }

    private static Browser loggedIn(ServerUnderTest server, String user) {
        Browser browser = new Browser(server.port());
        Browser.Page login = browser.get("/api/login");
        assertThat(browser.submit(login, Map.of("username", user, "password", user)).body())
                .contains("window.location.href");
        return browser;
    }
}
