package io.flowstate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * The sign-up flow's requests as a browser with the SDK sends them ({@code If-Match} on every step, and optionally
 * an {@code Idempotency-Key} on every write), for {@link RedisScriptCostLoadDriver}. Any unexpected status aborts
 * the run.
 */
final class SignupRequests {

    private static final String PROFILE = "{\"step\": \"profile\", \"input\": {\"name\": \"Ada Lovelace\","
            + " \"email\": \"ada@example.org\"}}";
    private static final String ADDRESS = "{\"step\": \"address\", \"input\": {\"city\": \"London\"}}";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    SignupRequests(int port) {
        this.port = port;
    }

    /** {@code POST /workflow/start}; returns the new process id. */
    String start(boolean keyed) throws IOException, InterruptedException {
        return Json.parse(send("/workflow/start", "{\"flow\": \"signup\"}", null, keyed, 201))
                .get("processId").asText();
    }

    /** Start and the {@code profile} step: the process waits at {@code address}, version 2. */
    String startAndProfile() throws IOException, InterruptedException {
        String id = start(false);
        send("/process/" + id + "/step", PROFILE, "\"1\"", false, 200);
        return id;
    }

    /** Start, profile (runs the scoring script), address: the process completes. */
    void signup(boolean keyed) throws IOException, InterruptedException {
        String id = start(keyed);
        send("/process/" + id + "/step", PROFILE, "\"1\"", keyed, 200);
        JsonNode done = Json.parse(send("/process/" + id + "/step", ADDRESS, "\"2\"", keyed, 200));
        if (!"completed".equals(done.path("status").asText())) {
            throw new IllegalStateException("flow did not complete: " + done);
        }
    }

    private String send(String path, String body, @org.jspecify.annotations.Nullable String ifMatch, boolean keyed,
                        int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (keyed) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }
}
