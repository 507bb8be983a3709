package io.flowstate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@link SignupCycle.Client} over real HTTP/1.1 on loopback with the JDK's {@link HttpClient} in its default
 * configuration (keep-alive, its own selector thread and executor), i.e. what a typical Java caller pays.
 * It reads the process id from {@code Location}, the version from {@code ETag} and the status with a plain
 * scan of the body ({@link HttpStatusScan}), as {@link SocketSignupClient} does. Thread-safe: the load
 * benchmark shares one instance between its clients.
 */
public final class JdkHttpSignupClient implements SignupCycle.Client {

    private final HttpClient client;
    private final String base;

    public JdkHttpSignupClient(int port) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.base = "http://127.0.0.1:" + port;
    }

    @Override
    public SignupCycle.Position start(byte[] body) {
        HttpResponse<String> response = post("/workflow/start", body, null);
        String location = response.headers().firstValue("Location").orElse("");
        UUID processId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        return position(processId, response, 201);
    }

    @Override
    public SignupCycle.Position submit(UUID processId, long version, byte[] body) {
        return position(processId, post("/process/" + processId + "/step", body, "\"" + version + "\""), 200);
    }

    /** Sends one request per call; {@code Idempotency-Key} is left out so no replay record is written. */
    private HttpResponse<String> post(String path, byte[] body, @Nullable String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request, path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String path) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + path, e);
        }
    }

    private static SignupCycle.Position position(UUID processId, HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException("expected " + expected + " from " + response.uri() + ", got "
                    + response.statusCode() + ": " + response.body());
        }
        String etag = response.headers().firstValue("ETag").orElseThrow();
        long version = Long.parseLong(etag.substring(1, etag.length() - 1));
        return new SignupCycle.Position(processId, version, HttpStatusScan.status(response.body()));
    }
}
