package io.flowstate.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A minimal SSE subscriber on a raw socket, read by one virtual thread: it records, for every {@code data:}
 * line after the first {@code skip} events, the microseconds since the event's {@code at}.
 */
final class SseReader implements AutoCloseable {

    private final Socket socket;
    private final CountDownLatch first = new CountDownLatch(1);

    private SseReader(Socket socket) {
        this.socket = socket;
    }

    static SseReader open(int port, String path, int skip, Queue<Long> latenciesMicros) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        SseReader reader = new SseReader(socket);
        Thread.ofVirtual().start(() -> reader.read(skip, latenciesMicros));
        return reader;
    }

    private void read(int skip, Queue<Long> latenciesMicros) {
        int seen = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("data:")) {
                    long micros = EventDeliveryLoadDriver.sinceAt(line);
                    seen++;
                    first.countDown();
                    if (seen > skip) {
                        latenciesMicros.add(micros);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // closed
        }
    }

    void awaitFirstEvent(Duration timeout) throws InterruptedException {
        if (!first.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("no snapshot within " + timeout);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
