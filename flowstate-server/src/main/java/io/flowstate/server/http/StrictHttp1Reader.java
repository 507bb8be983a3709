package io.flowstate.server.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.DirectTransportRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One connection's bytes as Helidon's HTTP/1.1 parser reads them, with the parser's gaps closed where the bytes are
 * still raw (Helidon 4.5.0 offers no other hook that sees them: its receive listeners are never given the data):
 * <ul>
 *   <li>a method with a lower-case letter is refused (405 with {@code Allow}, or 404 on an unknown path, as
 *       {@link AllowedMethods} answers an unknown method), because the parser upper-cases it and {@code delete} would
 *       otherwise delete: methods are case-sensitive (RFC 9110 §9.1);</li>
 *   <li>an {@code HTTP/1.0} request is read as HTTP/1.1 (the parser answers 505 to any) and its connection closed
 *       after the answer, which is what an HTTP/1.0 client expects; the streams stay HTTP/1.1 only, since they need
 *       chunked framing or an upgrade;</li>
 *   <li>a chunk extension ({@code 24;a=b}, RFC 9112 §7.1.1) is checked and ignored instead of failing the size;</li>
 *   <li>a chunk not followed by CRLF is 400 instead of two bytes skipped whatever they are;</li>
 *   <li>it tells how long the client has kept the connection waiting for bytes ({@link #silentFor()}) and can end
 *       that wait ({@link #cutOff()}): a server socket's read timeout does not apply to the channel Helidon reads
 *       from, and Helidon's own idle check interrupts only a connection waiting for a request line.</li>
 * </ul>
 * It relies on how Helidon 4.5's {@code Http1Connection}, {@code Http1Prologue} and {@code Http1HeadersParser} call a
 * {@link DataReader}: the request line is the first {@link #readBytes} after the blank line that ends the headers (or
 * at the start), chunk-size and trailer lines are the only {@link #readLine}s, and a chunk's data is one
 * {@link #readBuffer(int)} followed by {@code skip(2)}. {@code FuzzFindingsIT} pins each of these; a Helidon upgrade
 * that changes them fails it there.
 */
final class StrictHttp1Reader extends DataReader {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HTTP_1_0 = "HTTP/1.0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HTTP_1_1 = "HTTP/1.1".getBytes(StandardCharsets.US_ASCII);

    /** The next {@link #readBytes} is a request line: at the start and after each request's headers. */
    private boolean requestLineNext = true;
    /** The reader of the connection whose request this thread is reading and answering. */
    private static final ThreadLocal<StrictHttp1Reader> CURRENT = new ThreadLocal<>();

    /** The last request was HTTP/1.0: the connection closes instead of reading another. */
    private boolean http10;
    /** The last request asked for {@code Connection: close}: the same. */
    private volatile boolean closeAfterAnswer;
    /** The last line read was the size of a chunk with data: the next {@link #readBuffer(int)} is that data. */
    private boolean chunkDataNext;
    /** A chunk's data was just read: the next {@link #skip} must pass over CRLF. */
    private boolean chunkCrlfNext;

    private final Source source;

    StrictHttp1Reader(DataReader connection) {
        this(new Source(connection));
    }

    private StrictHttp1Reader(Source source) {
        super(source);
        this.source = source;
    }

    /** Pulls the connection's bytes, noting how long it waits for them. */
    private static final class Source implements Supplier<byte[]> {
        private final DataReader connection;
        /** The connection's thread while it waits for bytes, else null. */
        private volatile @Nullable Thread waiting;
        /** Since when it waits ({@link System#nanoTime()}). */
        private volatile long waitingSince;
        /** Set when {@link #cutOff()} interrupted the wait. */
        private volatile boolean cutOff;

        Source(DataReader connection) {
            this.connection = connection;
        }

        @Override
        public byte[] get() {
            if (connection.available() == 0) {
                waitingSince = System.nanoTime();
                waiting = Thread.currentThread();
                try {
                    connection.pullData();
                } catch (RuntimeException e) {
                    if (cutOff) {
                        throw new CloseConnectionException("silent for longer than server.readTimeout", e);
                    }
                    throw e;
                } finally {
                    waiting = null;
                }
            }
            return connection.readBytes(connection.available());
        }
    }

    /** How long the connection has waited for the client's next bytes; zero while it is not waiting. */
    Duration silentFor() {
        return source.waiting == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - source.waitingSince);
    }

    /** Ends a wait for the client's bytes (the connection then closes); nothing when it is not waiting. */
    void cutOff() {
        Thread thread = source.waiting;
        if (thread != null) {
            source.cutOff = true;
            thread.interrupt();
        }
    }

    @Override
    public int findNewLine(int max) throws IncorrectNewLineException {
        if (http10 && requestLineNext) {
            throw new CloseConnectionException("an HTTP/1.0 connection ends after its answer");
        }
        if (closeAfterAnswer && requestLineNext) {
            throw new CloseConnectionException("the client asked for Connection: close");
        }
        return super.findNewLine(max);
    }

    @Override
    public byte[] readBytes(int length) {
        byte[] bytes = super.readBytes(length);
        if (requestLineNext) {
            requestLineNext = false;
            requestLine(bytes);
        }
        return bytes;
    }

    @Override
    public boolean startsWithNewLine() {
        boolean headersEnd = super.startsWithNewLine();
        if (headersEnd) {
            requestLineNext = true;
        }
        return headersEnd;
    }

    @Override
    public String readLine() throws IncorrectNewLineException {
        String line = super.readLine();
        String size = ChunkLines.size(line);
        if (size == null) {
            throw badRequest("A chunk extension does not parse");
        }
        chunkDataNext = ChunkLines.hasData(size);
        return size;
    }

    @Override
    public BufferData readBuffer(int length) {
        BufferData data = super.readBuffer(length);
        chunkCrlfNext = chunkDataNext;
        chunkDataNext = false;
        return data;
    }

    @Override
    public void skip(int length) {
        if (chunkCrlfNext) {
            chunkCrlfNext = false;
            if (length != 2 || !startsWith(CRLF)) {
                throw badRequest("A chunk's data is not followed by CRLF");
            }
        }
        super.skip(length);
    }

    /**
     * Closes the connection of the request this thread is answering once the answer is out, instead of reading another
     * request on it ({@code Connection: close}, RFC 9112 §9.6); nothing on a thread that reads no connection.
     */
    static void closeAfterThisAnswer() {
        StrictHttp1Reader reader = CURRENT.get();
        if (reader != null) {
            reader.closeAfterAnswer = true;
        }
    }

    /** Checks the method and makes HTTP/1.0 read as HTTP/1.1 ({@code line} is the parser's own copy). */
    private void requestLine(byte[] line) {
        CURRENT.set(this);
        int methodEnd = indexOf(line, 0, (byte) ' ');
        if (methodEnd < 0) {
            return; // the parser refuses it
        }
        int targetEnd = indexOf(line, methodEnd + 1, (byte) ' ');
        String target = targetEnd < 0 ? "" : new String(line, methodEnd + 1, targetEnd - methodEnd - 1,
                StandardCharsets.US_ASCII);
        String path = target.indexOf('?') < 0 ? target : target.substring(0, target.indexOf('?'));
        for (int i = 0; i < methodEnd; i++) {
            if (line[i] >= 'a' && line[i] <= 'z') {
                throw unknownMethod(new String(line, 0, methodEnd, StandardCharsets.US_ASCII), target, path);
            }
        }
        http10 = targetEnd >= 0 && line.length - targetEnd - 1 == HTTP_1_0.length
                && endsWith(line, HTTP_1_0) && !AllowedMethods.isStream(path);
        if (http10) {
            System.arraycopy(HTTP_1_1, 0, line, line.length - HTTP_1_1.length, HTTP_1_1.length);
        }
    }

    private static RequestException unknownMethod(String method, String target, String path) {
        Optional<List<String>> allowed = AllowedMethods.of(path);
        RequestException.Builder refusal = RequestException.builder()
                .type(DirectHandler.EventType.OTHER)
                .request(DirectTransportRequest.create("HTTP/1.1", method, target))
                .safeMessage(true)
                .setKeepAlive(false);
        if (allowed.isEmpty()) {
            return refusal.status(Status.NOT_FOUND_404).message("No route for " + method + " " + path).build();
        }
        String allow = String.join(", ", allowed.get());
        return refusal.status(Status.METHOD_NOT_ALLOWED_405)
                .header(HeaderValues.create(HeaderNames.ALLOW, allow))
                .message(method + " is not served on " + path + " (methods are case-sensitive); it serves " + allow)
                .build();
    }

    private static RequestException badRequest(String message) {
        return RequestException.builder()
                .type(DirectHandler.EventType.BAD_REQUEST)
                .status(Status.BAD_REQUEST_400)
                .message(message)
                .safeMessage(true)
                .setKeepAlive(false)
                .build();
    }

    private static int indexOf(byte[] bytes, int from, byte wanted) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean endsWith(byte[] bytes, byte[] suffix) {
        int offset = bytes.length - suffix.length;
        for (int i = 0; i < suffix.length; i++) {
            if (bytes[offset + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }
}
