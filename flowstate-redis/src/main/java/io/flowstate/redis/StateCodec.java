package io.flowstate.redis;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Turns serialised JSON into the blob stored in Redis and back. The first byte of a blob names its codec,
 * so the choice can change without migrating data: every reader understands every marker.
 * <ul>
 *   <li>{@code 'j'}: the JSON bytes as they are</li>
 *   <li>{@code 'z'}: 4-byte big-endian length of the JSON, then the JSON compressed with zlib (Deflate,
 *       level 1; the Adler-32 trailer catches corrupted blobs)</li>
 * </ul>
 * JSON shorter than the threshold is stored plain, and so is JSON that does not shrink. The threshold and
 * level were chosen with {@code StateCodecBenchmark} (see docs/redis.md).
 *
 * <p>Thread-safe.
 */
public final class StateCodec {

    public static final byte PLAIN = 'j';
    public static final byte DEFLATE = 'z';
    /** Level 1: most of the size reduction of the default level at a fraction of its cost. */
    public static final int DEFLATE_LEVEL = Deflater.BEST_SPEED;
    /** A blob never inflates past this, whatever its header says: a guard against corrupted data. */
    private static final int MAX_DECODED_BYTES = 256 << 20;

    private final int threshold;

    /** @param threshold JSON of at least this many bytes is compressed; {@link Integer#MAX_VALUE} never */
    public StateCodec(int threshold) {
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold must be >= 0, was " + threshold);
        }
        this.threshold = threshold;
    }

    public int threshold() {
        return threshold;
    }

    /** The blob for {@code json}: compressed when it is large enough and shrinks. */
    public byte[] encode(byte[] json) {
        if (json.length >= threshold) {
            byte[] compressed = deflate(json);
            if (compressed.length < json.length) {
                return compressed;
            }
        }
        return plain(json);
    }

    /** The JSON inside a blob written by any version of this codec. */
    public byte[] decode(byte[] blob) {
        if (blob.length == 0) {
            throw new IllegalArgumentException("empty blob");
        }
        return switch (blob[0]) {
            case PLAIN -> Arrays.copyOfRange(blob, 1, blob.length);
            case DEFLATE -> inflate(blob);
            default -> throw new IllegalArgumentException("unknown codec marker " + (char) blob[0]);
        };
    }

    static byte[] plain(byte[] json) {
        byte[] blob = new byte[json.length + 1];
        blob[0] = PLAIN;
        System.arraycopy(json, 0, blob, 1, json.length);
        return blob;
    }

    static byte[] deflate(byte[] json) {
        Deflater deflater = new Deflater(DEFLATE_LEVEL);
        try {
            deflater.setInput(json);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 3 + 16);
            out.write(DEFLATE);
            out.writeBytes(ByteBuffer.allocate(4).putInt(json.length).array());
            byte[] buffer = new byte[Math.min(64 * 1024, Math.max(256, json.length))];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] blob) {
        if (blob.length < 5) {
            throw new IllegalArgumentException("truncated deflate blob");
        }
        int length = ByteBuffer.wrap(blob, 1, 4).getInt();
        if (length < 0 || length > MAX_DECODED_BYTES) {
            throw new IllegalArgumentException("deflate blob claims " + length + " bytes");
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(blob, 5, blob.length - 5);
            byte[] json = new byte[length];
            byte[] overflow = new byte[1];
            int filled = 0;
            while (!inflater.finished()) {
                int n = filled < length
                        ? inflater.inflate(json, filled, length - filled)
                        : inflater.inflate(overflow); // only the zlib trailer may remain
                if (filled >= length && n > 0) {
                    throw new IllegalArgumentException("deflate blob is longer than its header says");
                }
                filled += filled < length ? n : 0;
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("truncated deflate blob");
                }
            }
            if (filled != length) {
                throw new IllegalArgumentException("deflate blob is shorter than its header says");
            }
            return json;
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("corrupted deflate blob: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
