package io.flowstate.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many idle SSE connections one instance holds per GiB of heap. Starts {@link BenchServer} in a child JVM,
 * opens K event streams over loopback ({@value #PROCESSES} processes, K / {@value #PROCESSES} streams each),
 * waits for each stream's snapshot, then asks the child for its heap after a full GC and its platform thread
 * count. Clients are bare NIO socket channels in this JVM, so they cost the server nothing but the connection.
 * The per-connection cost is (heap with K streams − heap with none) / K; connections per GiB is 1 GiB divided by
 * it (heap only: the kernel's socket buffers and the file descriptor limit are separate budgets).
 *
 * <p>Before it measures, it warms the server up with {@value #WARMUP_STREAMS} streams that the server ends itself
 * ({@code -Dbench.warmupStreams=N}; 0 measures a server that has served nothing, whose streams park in interpreted
 * code with larger frames).
 *
 * <p>Bounded: K defaults to 1000 and 4000 (needs about 2 K file descriptors on this machine). Run from the
 * repository root:
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -B -q -pl flowstate-bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
 * $JAVA_HOME/bin/java -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) \
 *     io.flowstate.bench.IdleConnectionsLoadDriver 1000 4000
 * </pre>
 */
public final class IdleConnectionsLoadDriver {

    static final int PROCESSES = 100;
    /** Streams opened and ended before measuring ({@code -Dbench.warmupStreams}). */
    static final int WARMUP_STREAMS = 20_000;

    private IdleConnectionsLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> counts = new ArrayList<>();
        for (String arg : args) {
            counts.add(Integer.parseInt(arg));
        }
        if (counts.isEmpty()) {
            counts = List.of(1000, 4000);
        }
        System.out.printf("%-12s %14s %14s %16s %18s %16s%n", "connections", "heap before MB", "heap after MB",
                "bytes/connection", "connections/GiB", "platform threads");
        for (int k : counts) {
            measure(k);
        }
    }

    static void measure(int connections) throws Exception {
        try (ServerProcess server = ServerProcess.start("idle", "-Xmx2g")) {
            List<SocketChannel> channels = new ArrayList<>();
            try {
                open(server, connections, channels);
            } finally {
                for (SocketChannel channel : channels) {
                    channel.close();
                }
            }
        }
    }

    private static void open(ServerProcess server, int connections, List<SocketChannel> channels) throws Exception {
        int port = server.port();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            ids.add(EventDeliveryLoadDriver.post(http, port, "/workflow/start", "{\"flow\": \"notes\"}"));
        }
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        warmUp(server, http, Integer.getInteger("bench.warmupStreams", WARMUP_STREAMS), buffer);
        long[] before = server.sample();
        for (int i = 0; i < connections; i++) {
            channels.add(openStream(port, ids.get(i % PROCESSES), buffer));
        }
        long[] after = server.sample();
        if (after[2] != connections) {
            System.out.printf("  (the server reports %d open streams, expected %d)%n", after[2], connections);
        }
        double perConnection = (after[0] - before[0]) / (double) connections;
        System.out.printf(Locale.ROOT, "%-12d %14.1f %14.1f %16.0f %18.0f %10d -> %d%n", connections,
                before[0] / 1048576.0, after[0] / 1048576.0, perConnection, (1L << 30) / perConnection,
                before[1], after[1]);
        // -Dbench.holdSeconds=N keeps the streams open N seconds more, to inspect the server (jcmd, say)
        Thread.sleep(Long.getLong("bench.holdSeconds", 0) * 1000);
    }

    /**
     * Opens {@code streams} event streams, {@value #PROCESSES} at a time on processes of their own, and cancels the
     * processes, so that the server ends every stream itself and the code an idle stream parks in runs compiled, as
     * it does in a server that has served for a while: a stream's parked frames keep the size they had when it
     * parked, and the interpreter's frames are several times larger than compiled ones.
     */
    private static void warmUp(ServerProcess server, HttpClient http, int streams, ByteBuffer buffer)
            throws Exception {
        int port = server.port();
        for (int done = 0; done < streams; done += PROCESSES) {
            List<String> ids = new ArrayList<>();
            List<SocketChannel> channels = new ArrayList<>();
            try {
                for (int i = 0; i < PROCESSES; i++) {
                    String id = EventDeliveryLoadDriver.post(http, port, "/workflow/start", "{\"flow\": \"notes\"}");
                    ids.add(id);
                    channels.add(openStream(port, id, buffer));
                }
                for (String id : ids) {
                    HttpResponse<Void> cancelled = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/process/" + id)).DELETE().build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (cancelled.statusCode() >= 300) {
                        throw new IOException("DELETE /process/" + id + " answered " + cancelled.statusCode());
                    }
                }
            } finally {
                for (SocketChannel channel : channels) {
                    channel.close();
                }
            }
        }
        for (int i = 0; i < 100 && server.sample()[2] > 0; i++) {
            Thread.sleep(100); // the last streams may still be writing their final event
        }
    }

    private static SocketChannel openStream(int port, String id, ByteBuffer buffer) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        channel.write(ByteBuffer.wrap(("GET /process/" + id + "/events HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
        awaitSnapshot(channel, buffer);
        return channel;
    }

    /** Reads until the first SSE event's blank line, so the stream is established and idle. */
    private static void awaitSnapshot(SocketChannel channel, ByteBuffer buffer) throws IOException {
        StringBuilder seen = new StringBuilder();
        // the body is chunked: the event's blank line is followed by the chunk's CRLF
        while (seen.indexOf("data:") < 0 || seen.indexOf("\n\n", seen.indexOf("data:")) < 0) {
            buffer.clear();
            if (channel.read(buffer) < 0) {
                throw new IOException("stream closed before its snapshot: " + seen);
            }
            buffer.flip();
            seen.append(StandardCharsets.UTF_8.decode(buffer));
            if (seen.length() > 64 * 1024) {
                throw new IOException("no snapshot in 64 KiB");
            }
        }
    }
}
