package io.flowstate.server.events;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * How one live change looks on the wire, rendered by the first stream that sends it and reused by every other
 * stream of the process: a commit seen by a thousand subscribers is encoded once, not a thousand times. Two
 * streams racing to render it both compute the same bytes, so no lock is needed; the bytes are never modified.
 */
public final class Rendering {

    private volatile byte @Nullable [] sseFrame;

    /** The change as one complete SSE message ({@code id:}, {@code event:}, {@code data:}, blank line). */
    public byte[] sseFrame(Supplier<byte[]> render) {
        byte[] frame = sseFrame;
        if (frame == null) {
            frame = render.get();
            sseFrame = frame;
        }
        return frame;
    }
}
