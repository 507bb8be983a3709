package io.flowstate.server.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends bytes exactly as given over a fresh connection and reads one response: what a fuzzer needs and an HTTP
 * client refuses to do (malformed headers, odd methods, broken chunking). An event stream's head is enough: the
 * connection is closed as soon as it arrives.
 */
final class RawHttp {

    record Response(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    int port() {
        return port;
    }

    Response send(byte[] request, boolean head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return read(socket.getInputStream(), head);
        }
    }

    /**
     * Sends bytes holding several requests (pipelined) and reads {@code count} responses, then whether the server
     * closed the connection after them (end of stream within the socket timeout).
     */
    Exchange sendPipelined(byte[] requests, int count) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(requests);
            out.flush();
            InputStream in = socket.getInputStream();
            List<Response> responses = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                responses.add(read(in, false));
            }
            socket.setSoTimeout(2_000);
            boolean closed;
            try {
                closed = in.read() == -1;
            } catch (SocketTimeoutException e) {
                closed = false;
            }
            return new Exchange(responses, closed);
        }
    }

    /** Responses read from one connection, and whether the server closed it after them. */
    record Exchange(List<Response> responses, boolean closed) {
    }

    /** Reads one response; an IOException when the connection ends before its status line. */
    static Response read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("the server closed the connection without an answer");
        }
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        String type = headers.getOrDefault("content-type", "");
        if (head || status == 204 || status == 304 || status == 101 || type.startsWith("text/event-stream")) {
            return new Response(status, headers, new byte[0]);
        }
        String length = headers.get("content-length");
        byte[] body = length != null ? in.readNBytes(Integer.parseInt(length)) : readToEnd(in);
        return new Response(status, headers, body);
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            in.transferTo(out);
        } catch (SocketTimeoutException e) {
            // an answer without a length that the server kept open: what arrived is the body
        }
        return out.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = out.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            out.write(b);
        }
        return out.size() == 0 ? null : out.toString(StandardCharsets.ISO_8859_1);
    }
}
