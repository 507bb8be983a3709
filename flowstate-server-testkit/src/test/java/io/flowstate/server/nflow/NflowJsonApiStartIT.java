package io.flowstate.server.nflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /workflow/start} of an nFlow flow id runs the flow from its starter, as its URL would, with
 * {@code input} as the fields; on the nFlow-format app {@code jsonapi.json}.
 */
@FlowstateServerTest(flows = "src/test/resources/nflow", store = StoreKind.SQLITE)
class NflowJsonApiStartIT {

    @Test
    void aStartRunsToTheFirstFormAndTheProcessContinuesLikeABrowsersRun(ServerUnderTest server) {
        Http http = server.http();

        Http.Response started = http.post("/workflow/start", "{\"flow\": \"jsonapi.api.form\", \"input\": {\"a\": \"z\"}}");

        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(started.header("Location")).isEqualTo("/process/" + started.processId());
        assertThat(started.header("ETag")).isEqualTo("\"1\"");
        assertThat(started.json().get("flow").asText()).isEqualTo("jsonapi.api.form");
        assertThat(started.json().at("/nextStep/id").asText()).isEqualTo("first");
        assertThat(started.json().at("/nextStep/title").asText()).isEqualTo("First");
        assertThat(started.json().at("/state/a").asText()).isEqualTo("z");
        Http.Response step = http.post("/process/" + started.processId() + "/step", "{\"input\": {\"a\": \"y\"}}");
        assertThat(step.json().at("/nextStep/id").asText()).isEqualTo("second");
        assertThat(step.json().at("/state/seen").asText()).isEqualTo("y!");
    }

    @Test
    void aRunThatEndsInItsFirstRequestAnswers200WithItsResultAndIsNotStored(ServerUnderTest server) {
        Http.Response done = server.http().post("/workflow/start",
                "{\"flow\": \"jsonapi.api.quick\", \"input\": {\"who\": \"ann\"}}");

        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.header("Location")).isNull();
        assertThat(done.json().get("status").asText()).isEqualTo("completed");
        assertThat(done.json().at("/result/greeting").asText()).isEqualTo("hi ann");
        assertThat(server.http().get("/process/" + done.json().get("processId").asText()).status()).isEqualTo(404);
    }

    @Test
    void aRunWhoseNodeFailsAnswersTheFailedRunAsTheJsonApiDoes(ServerUnderTest server) {
        Http.Response failed = server.http().post("/workflow/start", "{\"flow\": \"defects.spin\"}");

        assertThat(failed.status()).as(failed.body()).isEqualTo(200);
        assertThat(failed.json().get("status").asText()).isEqualTo("failed");
        assertThat(failed.json().at("/error/code").asText()).isEqualTo("script_timeout");
        assertThat(failed.json().at("/error/step").asText()).isEqualTo("spin");
        assertThat(failed.header("Location")).isNull();
    }

    @Test
    void anAuthFlowNeedsALoginAndItsRunBelongsToTheUser(ServerUnderTest server) {
        Http http = server.http();
        Browser ann = new Browser(server.port());
        Browser.Page login = ann.get("/api/login");
        ann.submit(login, Map.of("username", "ann", "password", "ann"));

        Http.Response anonymous = http.post("/workflow/start", "{\"flow\": \"jsonapi.api.private\"}");
        Http.Response hers = http.post("/workflow/start", "{\"flow\": \"jsonapi.api.private\"}", "Cookie",
                ann.cookieHeader());

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asText()).isEqualTo("login_required");
        assertThat(hers.status()).as(hers.body()).isEqualTo(201);
        assertThat(http.get("/process/" + hers.processId(), "Cookie", ann.cookieHeader()).status()).isEqualTo(200);
        assertThat(http.get("/process/" + hers.processId(), "Cookie", "flowstate_auth=x").status()).isEqualTo(401);
    }

    @Test
    void inputThatIsNotAnObjectOfFieldsIs422(ServerUnderTest server) {
        Http.Response refused = server.http().post("/workflow/start", "{\"flow\": \"jsonapi.api.form\", \"input\": [1]}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("code").asText()).isEqualTo("invalid_input");
    }
}
