package io.flowstate.server.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A Server-Sent Events client over a real socket: java.net.http with a streaming line body, parsed into messages
 * by a reader thread so tests can wait for each with a timeout.
 */
public final class SseClient implements AutoCloseable {

    /** One message: an event (id, event, data) or a comment line. */
    public record Message(@Nullable String id, @Nullable String event, @Nullable String data,
                          @Nullable String comment) {
        /** The data as JSON; fails the test when there is none or it is not JSON. */
        public JsonNode json() {
            if (data == null) {
                throw new AssertionError("the message has no data: " + this);
            }
            try {
                return Json.parse(data);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + data, e);
            }
        }

        public boolean isComment() {
            return comment != null;
        }

        public long version() {
            return Long.parseLong(id);
        }
    }

    private static final Message END = new Message(null, null, null, null);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<Stream<String>> response;
    private final LinkedBlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread.ofVirtual().name("sse-client").start(this::read);
    }

    /** Opens {@code path} with {@code Accept: text/event-stream} and the given header name/value pairs. */
    public static SseClient open(int port, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/event-stream");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return new SseClient(CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public HttpHeaders headers() {
        return response.headers();
    }

    public @Nullable String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private void read() {
        String id = null;
        String event = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null || id != null || event != null) {
                        messages.add(new Message(id, event, data == null ? null : data.toString(), null));
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    messages.add(new Message(null, null, null, line.substring(1).trim()));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5);
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
        } catch (RuntimeException e) {
            // the stream was closed by either side
        } finally {
            ended = true;
            messages.add(END);
        }
    }

    /** The next message, comments included; fails when none arrives within {@code timeout} or the stream ended. */
    public Message next(Duration timeout) {
        Message message = poll(timeout);
        if (message == null) {
            throw new AssertionError("no message within " + timeout);
        }
        return message;
    }

    /** The next event (comments skipped). */
    public Message nextEvent(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Message message = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (!message.isComment()) {
                return message;
            }
        }
    }

    /** The next {@code count} events. */
    public List<Message> nextEvents(int count, Duration timeout) {
        List<Message> events = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events.size() < count) {
            events.add(nextEvent(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))));
        }
        return events;
    }

    /** The next message or null; null also when the stream ended. */
    @SuppressWarnings("ReferenceEquality") // END is a sentinel: only that instance marks the end, not an equal one
    public @Nullable Message poll(Duration timeout) {
        try {
            Message message = messages.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (message == END) {
                messages.add(END);
                return null;
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** True when the server ended the stream within {@code timeout}, after any messages still queued. */
    public boolean endsWithin(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Message message = poll(Duration.ofMillis(50));
            if (message == null && ended) {
                return true;
            }
            if (message != null && !message.isComment()) {
                throw new AssertionError("expected the end of the stream, got " + message);
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (RuntimeException e) {
            // already closed
        }
    }
}
