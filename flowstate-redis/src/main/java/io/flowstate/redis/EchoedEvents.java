package io.flowstate.redis;

import io.flowstate.core.process.Event;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The events this instance is about to publish, by their exact bytes, so that when one comes back on the channel (every
 * commit does: the instance subscribes to its own events) it is delivered without being decoded again. Decoding its
 * own events was about a sixth of a hybrid step's CPU, on another thread of the same two cores (JFR,
 * docs/benchmarks.md "Step cost"). Equal bytes decode to an equal event, so which instance published them does not
 * matter. Bounded: a commit that lost its compare-and-set never comes back, and its entry is pushed out by newer ones;
 * large blobs are not kept at all.
 */
final class EchoedEvents {

    static final int CAPACITY = 64;
    static final int MAX_BLOB_BYTES = 16 * 1024;

    private final Map<Blob, Event> sent = new LinkedHashMap<>(CAPACITY * 2) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Blob, Event> eldest) {
            return size() > CAPACITY;
        }
    };

    /** {@code blob}, the encoding of {@code event}, is about to be published. */
    void sending(byte[] blob, Event event) {
        if (blob.length <= MAX_BLOB_BYTES) {
            synchronized (sent) {
                sent.put(new Blob(blob), event);
            }
        }
    }

    /** The event that {@code message} encodes, if this instance sent exactly these bytes and they did not come back yet. */
    @Nullable Event received(byte[] message) {
        if (message.length > MAX_BLOB_BYTES) {
            return null;
        }
        Blob key = new Blob(message);
        synchronized (sent) {
            return sent.remove(key);
        }
    }

    /** Bytes compared by content. */
    private static final class Blob {
        private final byte[] bytes;
        private final int hash;

        Blob(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Blob that && that.hash == hash && Arrays.equals(that.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
