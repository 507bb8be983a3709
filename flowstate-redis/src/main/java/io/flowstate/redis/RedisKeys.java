package io.flowstate.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The key layout (docs/redis.md). Everything kept for one process shares the hash tag {@code {<id>}} so
 * one script can change it atomically and Redis Cluster keeps it on one slot:
 * <pre>
 *   prefix:{id}:p   hash   v version, x expiresAt ms, ix expiry-index score, s status, d process blob
 *   prefix:{id}:e   stream one entry per event, id "version-0", field e = event blob; MAXLEN capacity
 *   prefix:{id}:i   hash   idempotency key → "expiresAt-ms json" record (scope = the process)
 *   prefix:{i:h}:i  hash   the same for a scope that is not a process ("flow:signup"), h = digest of scope+key
 *   prefix:expiry   zset   tag → score at or before which the sweeper looks at it (global, not tagged)
 *   B:a, B:f:flow, B:o:owner  zset  process id → updatedAt ms: the listing indexes (all, by flow, by owner),
 *                   where B is prefix:{slot tag}:l on a cluster (one set per slot, see SlotTags), prefix:l otherwise
 *   prefix:events   pub/sub channel carrying event blobs
 * </pre>
 * A "tag" is what stands between the braces; it is also the expiry index member.
 */
final class RedisKeys {

    private final String prefix;
    private final byte[] expiryIndex;
    private final byte[] channel;

    RedisKeys(String prefix) {
        this.prefix = prefix;
        this.expiryIndex = bytes(prefix + ":expiry");
        this.channel = bytes(prefix + ":events");
    }

    static String tag(UUID processId) {
        return processId.toString();
    }

    /**
     * The tag of an idempotency scope: the process's own tag when the scope is a process id (so the records
     * go with the process), otherwise a digest of scope and key, which spreads start keys over the slots.
     */
    static String idempotencyTag(String scope, String key) {
        if (isProcessId(scope)) {
            return scope;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes(scope));
            sha.update((byte) '\n');
            sha.update(bytes(key));
            return "i:" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    byte[] process(String tag) {
        return key(tag, "p");
    }

    byte[] events(String tag) {
        return key(tag, "e");
    }

    byte[] idempotency(String tag) {
        return key(tag, "i");
    }

    byte[] expiryIndex() {
        return expiryIndex;
    }

    /** The listing index base (see the class comment) of the process with {@code tag}. */
    byte[] listing(String tag, boolean cluster) {
        return bytes(cluster ? prefix + ":{" + SlotTags.sameSlotAs(tag) + "}:l" : prefix + ":l");
    }

    /** Every listing index base: one per slot on a cluster, one otherwise. */
    String[] listingBases(boolean cluster) {
        if (!cluster) {
            return new String[] {prefix + ":l"};
        }
        String[] bases = new String[io.lettuce.core.cluster.SlotHash.SLOT_COUNT];
        for (int slot = 0; slot < bases.length; slot++) {
            bases[slot] = prefix + ":{" + SlotTags.ofSlot(slot) + "}:l";
        }
        return bases;
    }

    byte[] channel() {
        return channel;
    }

    /** The pattern that matches every key of this prefix (for tests of the store-is-empty invariant). */
    String pattern() {
        return prefix + ":*";
    }

    private byte[] key(String tag, String suffix) {
        return bytes(prefix + ":{" + tag + "}:" + suffix);
    }

    private static boolean isProcessId(String scope) {
        if (scope.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(scope).toString().equals(scope);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
