package io.flowstate.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Many SSE subscribers on raw sockets, read by one platform thread per core, each through its own selector: for
 * every {@code data:} line after the first {@code skip} of a stream, the microseconds since the event's {@code at}
 * (taken as the line is read). A few readers for all keep the subscribers' own cost per delivery (one {@code read}
 * per ready socket, no thread wake-up each) small beside the server's on a machine whose cores they share.
 */
final class SseSubscribers implements AutoCloseable {

    private final List<Selector> selectors = new ArrayList<>();
    private final List<SocketChannel> channels = new ArrayList<>();
    private final CountDownLatch first;

    private SseSubscribers(int count) {
        this.first = new CountDownLatch(count);
    }

    /** Opens {@code count} streams of {@code path} and starts reading them. */
    static SseSubscribers open(int port, String path, int count, int skip, Queue<Long> latenciesMicros)
            throws IOException {
        SseSubscribers subscribers = new SseSubscribers(count);
        int readers = Math.min(count, Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < readers; i++) {
            subscribers.selectors.add(Selector.open());
        }
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.write(ByteBuffer.wrap(request));
            channel.configureBlocking(false);
            channel.register(subscribers.selectors.get(i % readers), SelectionKey.OP_READ,
                    new Stream(skip, latenciesMicros));
            subscribers.channels.add(channel);
        }
        for (Selector selector : subscribers.selectors) {
            Thread reader = new Thread(() -> subscribers.readAll(selector), "sse-subscribers");
            reader.setDaemon(true);
            reader.start();
        }
        return subscribers;
    }

    void awaitFirstEvents(Duration timeout) throws InterruptedException {
        if (!first.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(first.getCount() + " streams sent no snapshot within " + timeout);
        }
    }

    private void readAll(Selector selector) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        try {
            while (selector.isOpen()) {
                selector.select(key -> {
                    buffer.clear();
                    try {
                        if (((SocketChannel) key.channel()).read(buffer) < 0) {
                            key.cancel();
                            return;
                        }
                    } catch (IOException e) {
                        key.cancel();
                        return;
                    }
                    buffer.flip();
                    ((Stream) key.attachment()).accept(buffer, first);
                });
            }
        } catch (IOException | RuntimeException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        for (Selector selector : selectors) {
            selector.close();
        }
        for (SocketChannel channel : channels) {
            channel.close();
        }
    }

    /** One stream's partial line and count of events seen; lines are scanned as bytes, the {@code at} parsed by hand. */
    private static final class Stream {
        private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] AT = "\"at\":\"".getBytes(StandardCharsets.US_ASCII);

        private final int skip;
        private final Queue<Long> latenciesMicros;
        private byte[] line = new byte[1024];
        private int length;
        private int seen;

        Stream(int skip, Queue<Long> latenciesMicros) {
            this.skip = skip;
            this.latenciesMicros = latenciesMicros;
        }

        void accept(ByteBuffer bytes, CountDownLatch first) {
            while (bytes.hasRemaining()) {
                byte b = bytes.get();
                if (b != '\n') {
                    if (length == line.length) {
                        line = Arrays.copyOf(line, line.length * 2);
                    }
                    line[length++] = b;
                    continue;
                }
                if (startsWith(DATA, 0)) {
                    long micros = micros(Instant.now()) - atMicros();
                    if (seen++ == 0) {
                        first.countDown();
                    }
                    if (seen > skip) {
                        latenciesMicros.add(micros);
                    }
                }
                length = 0;
            }
        }

        private long atMicros() {
            for (int i = 0; i + AT.length <= length; i++) {
                if (startsWith(AT, i)) {
                    return IsoInstants.micros(line, i + AT.length);
                }
            }
            throw new IllegalStateException("an event without \"at\"");
        }

        private boolean startsWith(byte[] prefix, int at) {
            if (at + prefix.length > length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (line[at + i] != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        private static long micros(Instant instant) {
            return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
        }
    }
}
