package io.flowstate.server.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/** A WebSocket client over a real socket (java.net.http): collects text frames and the close code. */
public final class WsClient implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private @Nullable WebSocket socket; // set by connect, once the handshake succeeded

    /** Connects to {@code path}; header name/value pairs are added to the handshake. */
    public static WsClient connect(int port, String path, String... headers) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path), client.listener())
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new Refused(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
        return client;
    }

    /** The handshake was refused; {@link #status()} is the HTTP status the server answered. */
    public static final class Refused extends RuntimeException {
        Refused(@Nullable Throwable cause) {
            super(cause);
        }

        public int status() {
            Throwable cause = getCause() instanceof CompletionException c ? c.getCause() : getCause();
            if (cause instanceof WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
            throw new AssertionError("not a refused handshake", cause);
        }

        public String body() {
            Throwable cause = getCause() instanceof CompletionException c ? c.getCause() : getCause();
            if (!(cause instanceof WebSocketHandshakeException handshake)) {
                throw new AssertionError("not a refused handshake", cause);
            }
            Object body = handshake.getResponse().body();
            return body == null ? "" : body.toString();
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            @Override
            public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closeCode.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closeCode.completeExceptionally(error);
            }
        };
    }

    public void send(String text) {
        socket().sendText(text, true).join();
    }

    /** Sends a message and waits until it is written; false when the connection is already closed. */
    public boolean trySend(String text) {
        try {
            socket().sendText(text, true).join();
            return true;
        } catch (CompletionException e) {
            return false;
        }
    }

    /** Sends a message and returns immediately (for one large message). */
    public CompletableFuture<WebSocket> sendAsync(String text) {
        return socket().sendText(text, true);
    }

    /** The next text frame as JSON; fails when none arrives in time. */
    public JsonNode next(Duration timeout) {
        try {
            String frame = frames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + timeout);
            }
            return Json.parse(frame);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The next frame of the given {@code type} (others skipped). */
    public JsonNode next(String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode frame = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (frame.path("type").asText().equals(type)) {
                return frame;
            }
        }
    }

    /** The next text frame as JSON, or null when none arrives within {@code timeout}. */
    public @Nullable JsonNode poll(Duration timeout) {
        try {
            String frame = frames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return frame == null ? null : Json.parse(frame);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** True once the connection is closed (by either side, or by an error). */
    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** The close code the server sent, waiting up to {@code timeout}. */
    public int closeCode(Duration timeout) {
        try {
            return closeCode.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no close frame within " + timeout, e);
        }
    }

    @Override
    public void close() {
        WebSocket open = socket();
        if (!open.isOutputClosed()) {
            open.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        open.abort();
    }

    private WebSocket socket() {
        WebSocket open = socket;
        if (open == null) {
            throw new IllegalStateException("not connected");
        }
        return open;
    }
}
