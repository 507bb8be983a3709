package io.flowstate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.bench.ClosedLoopLoad.Operation;
import io.flowstate.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The HTTP side of {@link RedisStepLoadDriver}: a sign-up flow and a state replacement against one or more
 * instances, each request to a random instance (no sticky routing). Any unexpected status aborts the run.
 */
final class BenchHttp {

    private static final String PROFILE = "{\"step\": \"profile\", \"input\": {\"name\": \"Ada Lovelace\","
            + " \"email\": \"ada@example.org\"}}";
    private static final String ADDRESS = "{\"step\": \"address\", \"input\": {\"city\": \"London\"}}";
    private static final String STATE = "{\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\","
            + " \"city\": \"London\"}";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Integer> ports;

    BenchHttp(List<Integer> ports) {
        this.ports = List.copyOf(ports);
    }

    /** Start, profile (runs the scoring script), address: the process completes. */
    void signup() throws IOException, InterruptedException {
        String id = start();
        send("POST", "/process/" + id + "/step", PROFILE, 200);
        JsonNode done = Json.parse(send("POST", "/process/" + id + "/step", ADDRESS, 200));
        if (!"completed".equals(done.path("status").asText())) {
            throw new IllegalStateException("flow did not complete: " + done);
        }
    }

    /** A client that owns one waiting process and replaces its state again and again. */
    Operation replaceStateLoop() {
        try {
            String id = start();
            return () -> send("PUT", "/process/" + id + "/state", STATE, 200);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private String start() throws IOException, InterruptedException {
        return Json.parse(send("POST", "/workflow/start", "{\"flow\": \"signup\"}", 201)).get("processId").asText();
    }

    private String send(String method, String path, String body, int expected) throws IOException, InterruptedException {
        int port = ports.get(ThreadLocalRandom.current().nextInt(ports.size()));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }
}
