package io.flowstate.server.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A small HTTP client of a Flowstate server: every call goes over a real socket; headers are name/value pairs
 * ({@code "If-Match", "\"2\""}); answers are read whole, with the body parsed as JSON on demand.
 */
public final class Http {

    /** A response with its body parsed as JSON when it has one. */
    public record Response(int status, java.net.http.HttpHeaders headers, String body) {
        public JsonNode json() {
            try {
                return Json.parse(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public @Nullable String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The {@code processId} of a process representation; fails the test when there is none. */
        public String processId() {
            return field("processId");
        }

        /** The {@code processToken} of a token-mode answer; fails the test when there is none. */
        public String processToken() {
            return field("processToken");
        }

        private String field(String name) {
            JsonNode value = json().get(name);
            if (value == null || !value.isTextual()) {
                throw new AssertionError("no " + name + " in the answer (" + status + "): " + body);
            }
            return value.asText();
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Response get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public Response delete(String path, String... headers) {
        return send(request(path, headers).DELETE());
    }

    public Response post(String path, String json, String... headers) {
        return send("POST", path, "application/json", json, headers);
    }

    /** Starts a process of {@code flow} with no input and returns its id; fails the test unless it answers 201. */
    public String start(String flow) {
        Response started = post("/workflow/start", "{\"flow\": \"" + flow + "\"}");
        if (started.status() != 201) {
            throw new AssertionError("starting " + flow + " answered " + started.status() + ": " + started.body());
        }
        return started.processId();
    }

    public Response put(String path, String json, String... headers) {
        return send("PUT", path, "application/json", json, headers);
    }

    public Response patch(String path, String json, String... headers) {
        return send("PATCH", path, "application/merge-patch+json", json, headers);
    }

    /** {@code POST /workflow/continue} with the token as a Bearer credential: the next step of token mode. */
    public Response continueProcess(String token, String json, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + token;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return post("/workflow/continue", json, all);
    }

    /** Any request; {@code contentType} may be null for none. */
    public Response send(String method, String path, @Nullable String contentType, String body, String... headers) {
        HttpRequest.Builder builder = request(path, headers)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
