package io.flowstate.redis;

import io.lettuce.core.cluster.SlotHash;

/**
 * For each of Redis Cluster's 16,384 hash slots, a short hash tag that lands on it. A key tagged with the tag of a
 * process's slot lives on the same slot as the process's own keys, so a script that writes the process can write
 * that key too: this is how the listing indexes stay cluster-safe (one index per slot, kept by the same scripts).
 */
final class SlotTags {

    private static final String[] TAGS = computeTags();

    private SlotTags() {
    }

    /** The tag that hashes to the same slot as {@code key} (itself a hash tag, such as a process id). */
    static String sameSlotAs(String tag) {
        return TAGS[SlotHash.getSlot(tag)];
    }

    /** The tag of slot {@code slot}. */
    static String ofSlot(int slot) {
        return TAGS[slot];
    }

    private static String[] computeTags() {
        String[] tags = new String[SlotHash.SLOT_COUNT];
        int found = 0;
        for (int i = 0; found < tags.length; i++) {
            String candidate = "s" + Integer.toString(i, 36);
            int slot = SlotHash.getSlot(candidate);
            if (tags[slot] == null) {
                tags[slot] = candidate;
                found++;
            }
        }
        return tags;
    }
}
