package io.flowstate.core.store;

import io.flowstate.core.process.ProcessInstance;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.Objects;

/**
 * A position in a listing: the key {@code (updatedAt in epoch milliseconds, processId as text)} by which every store
 * orders processes, newest first (the larger key first). A page after a cursor holds only keys strictly below it.
 * On the wire it is opaque: {@link #encode()} and {@link #decode(String)} turn it into a URL-safe token.
 *
 * @param updatedAtMillis {@link ProcessInstance#updatedAt()} truncated to milliseconds
 * @param processId       the canonical lower-case text of the process id; the tie-break within one millisecond
 */
public record ListingCursor(long updatedAtMillis, String processId) implements Comparable<ListingCursor> {

    private static final String PREFIX = "c1.";
    private static final Comparator<ListingCursor> ORDER = Comparator.comparingLong(ListingCursor::updatedAtMillis)
            .thenComparing(ListingCursor::processId);

    public ListingCursor {
        Objects.requireNonNull(processId, "processId");
    }

    /** The key of a process. */
    public static ListingCursor of(ProcessInstance process) {
        return new ListingCursor(process.updatedAt().toEpochMilli(), process.processId().toString());
    }

    /** Orders keys ascending; listings walk them in reverse (newest first). */
    @Override
    public int compareTo(ListingCursor other) {
        return ORDER.compare(this, other);
    }

    /** True when this key sorts strictly before (is older than) {@code other}. */
    public boolean isBelow(ListingCursor other) {
        return compareTo(other) < 0;
    }

    /** The opaque wire form. */
    public String encode() {
        String plain = PREFIX + updatedAtMillis + "." + processId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor that {@link #encode()} wrote.
     *
     * @throws IllegalArgumentException when {@code text} is not such a cursor
     */
    public static ListingCursor decode(String text) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the cursor is not one this server issued", e);
        }
        int dot = plain.indexOf('.', PREFIX.length());
        if (!plain.startsWith(PREFIX) || dot < 0) {
            throw new IllegalArgumentException("the cursor is not one this server issued");
        }
        try {
            long millis = Long.parseLong(plain.substring(PREFIX.length(), dot));
            String id = plain.substring(dot + 1);
            if (!java.util.UUID.fromString(id).toString().equals(id)) {
                throw new IllegalArgumentException("the cursor is not one this server issued");
            }
            return new ListingCursor(millis, id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the cursor is not one this server issued", e);
        }
    }
}
