package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.StoreKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every rejected write answers a clear 4xx problem and leaves the stored state and version exactly as they
 * were. Each test rejects one write of a process that waits at 'profile' with state {"ref": "x"} and
 * version 2, then reads it back.
 */
@FlowstateServerTest(flows = "src/test/resources/flows", store = StoreKind.SQLITE)
class RejectedWritesIT {

    static Http http;

    String id;
    JsonNode before;

    @BeforeAll
    static void clients(Http client) {
        http = client;
    }


    @BeforeEach
    void startProcess() {
        id = http.post("/workflow/start", "{\"flow\": \"signup\"}").json().get("processId").asText();
        assertThat(http.put("/process/" + id + "/state", "{\"ref\": \"x\"}").status()).isEqualTo(200);
        before = http.get("/process/" + id).json();
        assertThat(before.get("version").asLong()).isEqualTo(2);
    }

    void assertRejected(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo(code);
        JsonNode after = http.get("/process/" + id).json();
        assertThat(after.get("version")).isEqualTo(before.get("version"));
        assertThat(after.get("state")).isEqualTo(before.get("state"));
        assertThat(after.get("status")).isEqualTo(before.get("status"));
        assertThat(after.get("updatedAt")).isEqualTo(before.get("updatedAt"));
    }

    @Test
    void malformedJsonIs400() {
        assertRejected(http.post("/process/" + id + "/step", "{\"input\": {\"name\": "), 400, "malformed_json");
        assertRejected(http.put("/process/" + id + "/state", "{} trailing"), 400, "malformed_json");
    }

    @Test
    void malformedIfMatchIs400() {
        assertRejected(http.put("/process/" + id + "/state", "{}", "If-Match", "yesterday"), 400,
                "invalid_precondition");
    }

    @Test
    void tooDeeplyNestedJsonIs400() {
        String deep = "[".repeat(500) + "]".repeat(500);
        assertRejected(http.put("/process/" + id + "/state", "{\"a\": " + deep + "}"), 400, "malformed_json");
    }

    @Test
    void wrongStepIs409() {
        Http.Response response = http.post("/process/" + id + "/step",
                "{\"step\": \"address\", \"input\": {\"city\": \"Oslo\"}}");
        assertRejected(response, 409, "wrong_step");
        assertThat(response.json().get("currentVersion").asLong()).isEqualTo(2);
    }

    @Test
    void staleIfMatchIs412WithTheCurrentVersionAndState() {
        Http.Response response = http.post("/process/" + id + "/step",
                "{\"input\": {\"name\": \"Ada\", \"email\": \"ada@example.org\"}}", "If-Match", "\"1\"");
        assertRejected(response, 412, "version_mismatch");
        assertThat(response.json().get("currentVersion").asLong()).isEqualTo(2);
        assertThat(response.json().at("/current/state")).isEqualTo(before.get("state"));
        assertRejected(http.patch("/process/" + id + "/state", "{\"x\": 1}", "If-Match", "\"1\""), 412,
                "version_mismatch");
        assertRejected(http.delete("/process/" + id, "If-Match", "\"1\""), 412, "version_mismatch");
    }

    @Test
    void bodyOverTheLimitIs413() {
        String big = "{\"input\": {\"name\": \"" + "x".repeat(70 * 1024) + "\"}}";
        assertRejected(http.post("/process/" + id + "/step", big), 413, "payload_too_large");
    }

    @Test
    void wrongContentTypeIs415() {
        assertRejected(http.send("POST", "/process/" + id + "/step", "text/plain", "{\"input\": {}}"), 415,
                "unsupported_media_type");
        assertRejected(http.send("PATCH", "/process/" + id + "/state", "application/json", "{\"x\": 1}"), 415,
                "unsupported_media_type");
        assertRejected(http.send("PUT", "/process/" + id + "/state", null, "{\"x\": 1}"), 415,
                "unsupported_media_type");
    }

    @Test
    void schemaViolationIs422WithAPointerPerViolation() {
        Http.Response response = http.post("/process/" + id + "/step",
                "{\"input\": {\"name\": \"\", \"email\": \"nope\"}}");
        assertRejected(response, 422, "invalid_input");
        assertThat(response.json().get("errors").findValuesAsText("pointer")).contains("/name", "/email");
    }

    @Test
    void nonObjectInputOrStateIs422() {
        assertRejected(http.post("/process/" + id + "/step", "{\"input\": [1, 2]}"), 422, "invalid_input");
        assertRejected(http.put("/process/" + id + "/state", "[1, 2]"), 422, "invalid_input");
        assertRejected(http.patch("/process/" + id + "/state", "\"replace me\""), 422, "invalid_input");
    }

    @Test
    void reusingAnIdempotencyKeyWithAnotherBodyIs422() {
        String valid = "{\"input\": {\"name\": \"Al\", \"email\": \"al@example.org\"}}";
        Http.Response invalid = http.post("/process/" + id + "/step", "{\"input\": {\"name\": \"\"}}",
                "Idempotency-Key", "k-1");
        assertRejected(invalid, 422, "invalid_input");

        assertRejected(http.post("/process/" + id + "/step", valid, "Idempotency-Key", "k-1"), 422,
                "idempotency_key_reused");
    }

    @Test
    void writesToAnEndedProcessAre409() {
        String valid = "{\"input\": {\"name\": \"Al\", \"email\": \"al@example.org\"}}";
        assertThat(http.post("/process/" + id + "/step", valid).json().get("status").asText()).isEqualTo("completed");
        before = http.get("/process/" + id).json();

        assertRejected(http.post("/process/" + id + "/step", valid), 409, "step_not_waiting");
        assertRejected(http.put("/process/" + id + "/state", "{}"), 409, "process_ended");
    }
}
