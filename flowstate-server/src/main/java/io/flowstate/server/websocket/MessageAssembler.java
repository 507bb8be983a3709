package io.flowstate.server.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reassembles a text message sent in fragments, refusing one larger than the limit before it is all buffered. */
final class MessageAssembler {

    /** The message grew over the limit; what was buffered is dropped. */
    static final class TooLarge extends Exception {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private final int maxBytes;
    private final StringBuilder partial = new StringBuilder();
    private int bytes;

    MessageAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Adds a fragment; the whole message when {@code last}, else empty. */
    Optional<String> add(String fragment, boolean last) throws TooLarge {
        bytes += fragment.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            reset();
            throw new TooLarge();
        }
        partial.append(fragment);
        if (!last) {
            return Optional.empty();
        }
        String message = partial.toString();
        reset();
        return Optional.of(message);
    }

    private void reset() {
        partial.setLength(0);
        bytes = 0;
    }
}
