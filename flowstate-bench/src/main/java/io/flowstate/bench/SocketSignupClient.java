package io.flowstate.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@link SignupCycle.Client} speaking HTTP/1.1 itself over one blocking keep-alive socket on loopback: no
 * selector thread, no executor, no hand-offs. It is the cheapest client a request can have, so an HTTP
 * cycle measured with it minus the in-process cycle is what the server's HTTP layer costs, and the gap to
 * {@link JdkHttpSignupClient} is what the JDK client costs. Only what the server sends is understood:
 * {@code Content-Length} or chunked bodies. Not thread-safe: one per benchmark thread.
 */
public final class SocketSignupClient implements SignupCycle.Client, AutoCloseable {

    /** One parsed response: status code, the headers the cycle needs, the body. */
    private record Response(int status, @Nullable String location, @Nullable String etag, String body) {
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final StringBuilder line = new StringBuilder();

    public SocketSignupClient(int port) {
        try {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024); // one write per request
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public SignupCycle.Position start(byte[] body) {
        Response response = post("/workflow/start", body, null, 201);
        String location = required(response.location(), "Location");
        UUID processId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        return position(processId, response);
    }

    @Override
    public SignupCycle.Position submit(UUID processId, long version, byte[] body) {
        return position(processId, post("/process/" + processId + "/step", body, "\"" + version + "\"", 200));
    }

    /** Sends {@code GET path} (a read, {@code /health/live}); answers the body, or throws unless the status is 200. */
    public String get(String path) {
        return exchange("GET", path, null, null, null, 200).body();
    }

    /** Posts form fields as a browser does ({@code application/x-www-form-urlencoded}); answers the 200's body. */
    public String postForm(String path, String fields) {
        return exchange("POST", path, fields.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded",
                null, 200).body();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(@Nullable String header, String name) {
        if (header == null) {
            throw new IllegalStateException("the server answered without a " + name + " header");
        }
        return header;
    }

    private static SignupCycle.Position position(UUID processId, Response response) {
        String etag = required(response.etag(), "ETag");
        long version = Long.parseLong(etag.substring(1, etag.length() - 1));
        return new SignupCycle.Position(processId, version, HttpStatusScan.status(response.body()));
    }

    private Response post(String path, byte[] body, @Nullable String ifMatch, int expected) {
        return exchange("POST", path, body, "application/json", ifMatch, expected);
    }

    private Response exchange(String method, String path, byte @Nullable [] body, @Nullable String contentType,
                              @Nullable String ifMatch, int expected) {
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(socket.getPort()).append("\r\n");
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (ifMatch != null) {
            head.append("If-Match: ").append(ifMatch).append("\r\n");
        }
        head.append("\r\n");
        try {
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            Response response = read();
            if (response.status() != expected) {
                throw new IllegalStateException("expected " + expected + " from " + method + " " + path + ", got "
                        + response.status() + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response read() throws IOException {
        String statusLine = readLine();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        String location = null;
        String etag = null;
        int length = -1;
        boolean chunked = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "location" -> location = value;
                case "etag" -> etag = value;
                case "content-length" -> length = Integer.parseInt(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                default -> { }
            }
        }
        byte[] body = chunked ? readChunked() : readExactly(Math.max(length, 0));
        return new Response(status, location, etag, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(); size > 0; size = chunkSize()) {
            body.write(readExactly(size));
            readLine();
        }
        while (!readLine().isEmpty()) {
            // trailers: none expected, skipped
        }
        return body.toByteArray();
    }

    private int chunkSize() throws IOException {
        String size = readLine();
        int extension = size.indexOf(';');
        return Integer.parseInt(extension < 0 ? size.trim() : size.substring(0, extension).trim(), 16);
    }

    private byte[] readExactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException("connection closed inside a response body");
        }
        return bytes;
    }

    private String readLine() throws IOException {
        line.setLength(0);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
