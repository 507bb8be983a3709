package io.flowstate.testkit.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A minimal blocking RESP2 client for probing a Redis the harness started: PING, INFO, CLUSTER INFO, KEYS,
 * MONITOR. It exists so the harness needs no client library; it is not meant for application traffic.
 *
 * <p>Replies map to Java as: simple and bulk strings to {@link String} (UTF-8), integers to {@link Long},
 * arrays to {@link List}, nil to null; an error reply throws {@link RespErrorReply}. I/O failures throw
 * {@link UncheckedIOException}.
 */
public final class RespConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code host:port}; {@code timeout} bounds the connect and every read. */
    public static RespConnection open(String host, int port, Duration timeout) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            return new RespConnection(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("cannot connect to Redis at " + host + ":" + port, e);
        }
    }

    /** Sends one command and returns its reply. */
    public @Nullable Object call(String... args) {
        send(args);
        return read();
    }

    /** Sends one command without reading its reply (for MONITOR and SUBSCRIBE style streams). */
    public void send(String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        write(buffer, "*" + args.length + "\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            write(buffer, "$" + bytes.length + "\r\n");
            buffer.writeBytes(bytes);
            write(buffer, "\r\n");
        }
        try {
            out.write(buffer.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the next reply from the stream. */
    public @Nullable Object read() {
        try {
            int type = in.read();
            if (type < 0) {
                throw new IOException("connection closed by Redis");
            }
            String line = readLine();
            return switch (type) {
                case '+' -> line;
                case '-' -> throw new RespErrorReply(line);
                case ':' -> Long.parseLong(line);
                case '$' -> readBulk(Integer.parseInt(line));
                case '*' -> readArray(Integer.parseInt(line));
                default -> throw new IOException("unexpected RESP type byte " + type);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes the read timeout; zero waits forever (for a MONITOR reader that is stopped by close). */
    public void readTimeout(Duration timeout) {
        try {
            socket.setSoTimeout((int) timeout.toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private @Nullable String readBulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length + 2);
        if (bytes.length < length + 2) {
            throw new IOException("connection closed inside a bulk reply");
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private @Nullable List<@Nullable Object> readArray(int count) {
        if (count < 0) {
            return null;
        }
        List<@Nullable Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(read());
        }
        return items;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a reply line");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }

    private static void write(ByteArrayOutputStream buffer, String text) {
        buffer.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
