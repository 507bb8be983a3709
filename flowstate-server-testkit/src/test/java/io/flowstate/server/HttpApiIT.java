package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST contract of DESIGN §3 over real HTTP on the SQLite store. */
@FlowstateServerTest(flows = "src/test/resources/flows", store = StoreKind.SQLITE)
class HttpApiIT {

    static ServerUnderTest server;
    static Http http;

    @BeforeAll
    static void clients(ServerUnderTest started) {
        server = started;
        http = started.http();
    }


    static JsonNode startSignup() {
        Http.Response started = http.post("/workflow/start", "{\"flow\": \"signup\", \"input\": {\"ref\": \"x\"}}");
        assertThat(started.status()).isEqualTo(201);
        return started.json();
    }

    @Test
    void walksTheSignupFlowFromStartToCompletedOverHttp() {
        Http.Response started = http.post("/workflow/start", "{\"flow\": \"signup\"}");
        assertThat(started.status()).isEqualTo(201);
        String id = started.json().get("processId").asText();
        assertThat(started.header("Location")).isEqualTo("/process/" + id);
        assertThat(started.header("ETag")).isEqualTo("\"1\"");
        assertThat(started.json().get("status").asText()).isEqualTo("waiting");
        assertThat(started.json().at("/nextStep/id").asText()).isEqualTo("profile");
        assertThat(started.json().at("/nextStep/schema/required/0").asText()).isEqualTo("name");

        Http.Response profile = http.post("/process/" + id + "/step",
                "{\"step\": \"profile\", \"input\": {\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\"}}",
                "If-Match", "\"1\"");
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.json().at("/nextStep/id").asText()).isEqualTo("address");
        assertThat(profile.json().at("/state/score").asInt()).isEqualTo(12);

        Http.Response address = http.post("/process/" + id + "/step", "{\"input\": {\"city\": \"London\"}}",
                "If-Match", profile.header("ETag"));
        assertThat(address.status()).isEqualTo(200);
        JsonNode done = address.json();
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("nextStep").isNull()).isTrue();
        assertThat(done.at("/result/city").asText()).isEqualTo("London");
        assertThat(done.get("version").asLong()).isEqualTo(3);

        JsonNode history = http.get("/process/" + id + "/history").json();
        assertThat(history.get("complete").asBoolean()).isTrue();
        List<String> types = new ArrayList<>();
        history.get("entries").forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).containsExactly("process.started", "step.completed", "process.completed");
    }

    @Test
    void getAnswers304WhenIfNoneMatchNamesTheCurrentVersion() {
        String id = startSignup().get("processId").asText();

        assertThat(http.get("/process/" + id, "If-None-Match", "\"1\"").status()).isEqualTo(304);
        assertThat(http.get("/process/" + id + "/state", "If-None-Match", "\"1\"").status()).isEqualTo(304);
        Http.Response changed = http.get("/process/" + id, "If-None-Match", "\"7\"");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void stateCanBeReadReplacedAndMergePatched() {
        String id = startSignup().get("processId").asText();

        Http.Response put = http.put("/process/" + id + "/state", "{\"a\": 1, \"b\": {\"c\": 2}}", "If-Match", "\"1\"");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.header("ETag")).isEqualTo("\"2\"");
        Http.Response patch = http.patch("/process/" + id + "/state", "{\"a\": null, \"b\": {\"d\": 3}}");
        assertThat(patch.status()).isEqualTo(200);
        assertThat(patch.header("ETag")).isEqualTo("\"3\"");

        Http.Response state = http.get("/process/" + id + "/state");
        assertThat(state.json()).isEqualTo(json("{\"b\": {\"c\": 2, \"d\": 3}}"));
        assertThat(state.header("ETag")).isEqualTo("\"3\"");
    }

    @Test
    void deleteCancelsAndRemovesTheProcess() {
        String id = startSignup().get("processId").asText();

        assertThat(http.delete("/process/" + id).status()).isEqualTo(204);

        Http.Response gone = http.get("/process/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("code").asText()).isEqualTo("process_not_found");
        assertThat(http.delete("/process/" + id).status()).isEqualTo(404);
    }

    @Test
    void problemsAreProblemJsonWithStableCodes() {
        Http.Response unknownFlow = http.post("/workflow/start", "{\"flow\": \"nope\"}");
        assertThat(unknownFlow.status()).isEqualTo(404);
        assertThat(unknownFlow.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknownFlow.json().get("code").asText()).isEqualTo("flow_not_found");
        assertThat(unknownFlow.json().get("type").asText()).isEqualTo("urn:flowstate:problem:flow_not_found");
        assertThat(unknownFlow.json().get("status").asInt()).isEqualTo(404);

        assertThat(http.get("/process/not-a-uuid").json().get("code").asText()).isEqualTo("invalid_process_id");
        assertThat(http.get("/process/not-a-uuid").status()).isEqualTo(400);
        assertThat(http.get("/process/3f2b8c1e-7d4a-4e8b-9c1f-2a6d5e4b3c21").status()).isEqualTo(404);
        Http.Response noRoute = http.get("/nothing/here");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.json().get("code").asText()).isEqualTo("not_found");
    }

    @Test
    void startWithoutAFlowNameIs422WithAPointer() {
        Http.Response response = http.post("/workflow/start", "{\"input\": {}}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().at("/errors/0/pointer").asText()).isEqualTo("/flow");
    }

    @Test
    void idempotentStartReplaysTheFirstAnswer() {
        String body = "{\"flow\": \"signup\", \"input\": {\"n\": 1}}";
        Http.Response first = http.post("/workflow/start", body, "Idempotency-Key", "start-abc");
        Http.Response retry = http.post("/workflow/start", body, "Idempotency-Key", "start-abc");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().get("processId")).isEqualTo(first.json().get("processId"));
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(first.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void flowsAreListedAndDescribedWithoutScriptSources() {
        JsonNode list = http.get("/flows").json();
        List<String> ids = new ArrayList<>();
        list.get("flows").forEach(f -> ids.add(f.get("id").asText()));
        assertThat(ids).contains("signup", "notes").doesNotContain("broken");

        Http.Response signup = http.get("/flows/signup");
        assertThat(signup.status()).isEqualTo(200);
        assertThat(signup.json().at("/steps/score/next/long").asText()).isEqualTo("address");
        assertThat(signup.json().at("/steps/score/script").isMissingNode()).isTrue();
        assertThat(http.get("/flows/nope").json().get("code").asText()).isEqualTo("flow_not_found");
    }

    @Test
    void aBrokenFlowFileIsReportedWithItsPathAndTheOthersLoad() {
        assertThat(server.server().flows().errors()).singleElement().satisfies(error -> {
            assertThat(error.path().getFileName().toString()).isEqualTo("broken.json");
            assertThat(error.reason()).contains("'start'", "nowhere");
        });
        assertThat(server.server().flows().find("signup")).isPresent();
    }

    @Test
    void healthEndpointsAnswer() {
        assertThat(http.get("/health/live").json().get("status").asText()).isEqualTo("UP");
        assertThat(http.get("/health/ready").json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void openApiDocumentListsExactlyTheServedRoutes() {
        JsonNode doc = http.get("/openapi.json").json();
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        Set<String> documented = new TreeSet<>();
        Iterator<String> paths = doc.get("paths").fieldNames();
        while (paths.hasNext()) {
            String path = paths.next();
            doc.get("paths").get(path).fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + path));
        }
        assertThat(documented).containsExactlyInAnyOrder(
                "POST /workflow/start", "POST /workflow/continue", "GET /process/{id}", "DELETE /process/{id}", "GET /process/{id}/state",
                "PUT /process/{id}/state", "PATCH /process/{id}/state", "POST /process/{id}/step",
                "GET /process/{id}/history", "GET /process/{id}/events", "GET /process/{id}/ws", "GET /session/{flow}",
                "DELETE /session/{flow}", "POST /session/{flow}/step", "POST /session/{flow}/migrate", "GET /flows", "GET /flows/{id}", "GET /health/live",
                "GET /health/ready", "GET /openapi.json", "GET /metrics",
                "GET /processes", "GET /ui/");
        // every documented route is served (no route answers the generic not_found)
        for (String route : documented) {
            String[] parts = route.split(" ", 2);
            String path = parts[1].replace("{id}", parts[1].startsWith("/flows") ? "signup"
                    : "3f2b8c1e-7d4a-4e8b-9c1f-2a6d5e4b3c21").replace("{flow}", "signup");
            Http.Response response = http.send(parts[0], path, "application/json", "{}");
            if (response.status() == 404) {
                assertThat(response.json().get("code").asText()).as(route).isNotEqualTo("not_found");
            }
        }
    }

    static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
