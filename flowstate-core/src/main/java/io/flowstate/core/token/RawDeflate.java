package io.flowstate.core.token;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Raw DEFLATE (RFC 1951, what {@code zip=DEF} means in RFC 7516) for token payloads. It replaces the JOSE library's
 * own compression, which builds a new compressor at level 8 and copies through 512-byte stream buffers for every
 * token: here the level is {@link #LEVEL}, each call fills one buffer, and compressors and decompressors are kept in
 * small pools instead of allocating zlib's state (a few hundred KiB for a compressor) per token.
 */
final class RawDeflate {

    /**
     * Level 3: on 4 KiB of form-state JSON it took 18 µs against 31 µs at level 8 (the JOSE library's) and 28 µs
     * at level 6, for output 7 % larger than level 8's; levels 1 and 2 were no faster (see docs/token-mode.md,
     * "Sizes and timings").
     */
    static final int LEVEL = 3;
    /** The JOSE library's limit too: a token of at most 30 KiB cannot honestly inflate to more than this. */
    static final int MAX_INFLATED_BYTES = 1_000_000;
    private static final int POOLED = 8;
    private static final ArrayBlockingQueue<Deflater> DEFLATERS = new ArrayBlockingQueue<>(POOLED);
    private static final ArrayBlockingQueue<Inflater> INFLATERS = new ArrayBlockingQueue<>(POOLED);

    private RawDeflate() {
    }

    static byte[] compress(byte[] input) {
        Deflater deflater = DEFLATERS.poll();
        if (deflater == null) {
            deflater = new Deflater(LEVEL, true);
        }
        try {
            deflater.setInput(input);
            deflater.finish();
            // incompressible input grows by 5 bytes per 16 KiB block of stored data, plus a little
            byte[] out = new byte[input.length + input.length / 1000 + 64];
            int length = 0;
            while (!deflater.finished()) {
                if (length == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                length += deflater.deflate(out, length, out.length - length);
            }
            return Arrays.copyOf(out, length);
        } finally {
            deflater.reset();
            if (!DEFLATERS.offer(deflater)) {
                deflater.end();
            }
        }
    }

    /** @throws TokenRejectedException when the data is not raw DEFLATE or inflates past the limit */
    static byte[] decompress(byte[] input) throws TokenRejectedException {
        Inflater inflater = INFLATERS.poll();
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        try {
            inflater.setInput(input);
            byte[] out = new byte[Math.min(MAX_INFLATED_BYTES, Math.max(256, input.length * 4))];
            int length = 0;
            while (!inflater.finished()) {
                if (length == out.length) {
                    if (out.length == MAX_INFLATED_BYTES) {
                        throw new TokenRejectedException("payload inflates past " + MAX_INFLATED_BYTES + " bytes");
                    }
                    out = Arrays.copyOf(out, Math.min(MAX_INFLATED_BYTES, out.length * 2));
                }
                int inflated = inflater.inflate(out, length, out.length - length);
                if (inflated == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new TokenRejectedException("payload is truncated DEFLATE data");
                }
                length += inflated;
            }
            return length == out.length ? out : Arrays.copyOf(out, length);
        } catch (DataFormatException e) {
            throw new TokenRejectedException("payload is not DEFLATE data");
        } finally {
            inflater.reset();
            if (!INFLATERS.offer(inflater)) {
                inflater.end();
            }
        }
    }
}
