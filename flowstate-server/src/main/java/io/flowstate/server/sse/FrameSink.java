package io.flowstate.server.sse;

import io.helidon.common.GenericType;
import io.helidon.webserver.http.spi.Sink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * An event stream's response body, written as finished SSE messages: each {@link #emit} is one array, written
 * and flushed at once. Opened like Helidon's own SSE sink (status and headers leave before the first message,
 * whatever the request's body), but without re-encoding every field of every message for every stream.
 */
final class FrameSink implements Sink<byte[]> {

    static final GenericType<FrameSink> TYPE = GenericType.create(FrameSink.class);

    private final OutputStream out;
    private final Runnable onClose;

    FrameSink(OutputStream out, Runnable onClose) {
        this.out = out;
        this.onClose = onClose;
    }

    @Override
    public FrameSink emit(byte[] message) {
        try {
            out.write(message);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            onClose.run();
        }
    }
}
