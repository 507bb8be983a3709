package io.flowstate.server.sse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Server-Sent Events messages as the bytes a stream writes: one message is one array, written and flushed in
 * one call, so it leaves in one chunk and one write to the socket.
 */
final class SseFrames {

    /** A comment line, ignored by clients, that keeps proxies from closing an idle stream. */
    static final byte[] HEARTBEAT = ":heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

    private static final byte[] DATA = "data:".getBytes(StandardCharsets.UTF_8);

    private SseFrames() {
    }

    /**
     * {@code id:}, {@code event:} and {@code data:} lines and the blank line that ends the message; a line break
     * inside {@code data} (never in compact JSON, but allowed) starts another {@code data:} line.
     */
    static byte[] message(long id, String event, String data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length() + event.length() + 40);
        out.writeBytes(("id:" + id + "\nevent:" + event + "\n").getBytes(StandardCharsets.UTF_8));
        for (String line : data.split("\r\n|\r|\n", -1)) {
            out.writeBytes(DATA);
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        out.write('\n');
        return out.toByteArray();
    }

}
