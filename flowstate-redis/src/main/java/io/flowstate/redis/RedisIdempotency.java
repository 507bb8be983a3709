package io.flowstate.redis;

import io.flowstate.core.store.IdempotencyClaim;
import io.flowstate.core.store.StoredResponse;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import java.time.Instant;
import java.util.List;

/**
 * Idempotency records: one hash per tag, one field per key. Keys scoped to a process live under the
 * process's tag and go with it; keys of other scopes (starts, {@code flow:<id>}) get a tag of their own
 * and an expiry index entry so the sweeper removes them once they expire.
 */
final class RedisIdempotency {

    private static final LuaScript CLAIM = LuaScript.load("claim-idempotency");
    private static final LuaScript RENEW = LuaScript.load("renew-idempotency");
    private static final LuaScript COMPLETE = LuaScript.load("complete-idempotency");

    private final RedisStoreContext context;

    RedisIdempotency(RedisStoreContext context) {
        this.context = context;
    }

    static List<LuaScript> scripts() {
        return List.of(CLAIM, RENEW, COMPLETE);
    }

    /** KEYS of both scripts; in a cluster the expiry index lives on another slot and is updated outside them. */
    private byte[][] scriptKeys(String tag) {
        RedisKeys keys = context.keys();
        return context.cluster()
                ? new byte[][] {keys.idempotency(tag), keys.process(tag)}
                : new byte[][] {keys.idempotency(tag), keys.process(tag), keys.expiryIndex()};
    }

    IdempotencyClaim claim(String scope, String key, String fingerprint, Instant expiresAt) {
        String tag = RedisKeys.idempotencyTag(scope, key);
        RedisKeys keys = context.keys();
        long now = context.clock().millis();
        byte[][] scriptKeys = scriptKeys(tag);
        List<Object> reply = context.failures().await(CLAIM.run(context.commands(), ScriptOutputType.MULTI,
                scriptKeys, RedisKeys.bytes(key), StoredRecords.claim(expiresAt, fingerprint), number(now),
                number(Math.max(1, expiresAt.toEpochMilli() - now)), number(expiresAt.toEpochMilli()),
                RedisKeys.bytes(tag)));
        long outcome = (Long) reply.getFirst();
        if (outcome == 2) {
            StoredRecords.IdempotencyRecord record = StoredRecords.idempotency((byte[]) reply.get(1));
            return record.response() == null
                    ? new IdempotencyClaim.InFlight()
                    : new IdempotencyClaim.Completed(record.response(), record.fingerprint().equals(fingerprint));
        }
        if (outcome == 1) {
            context.failures().await(context.commands().zadd(keys.expiryIndex(), ZAddArgs.Builder.lt(),
                    (double) expiresAt.toEpochMilli(), RedisKeys.bytes(tag)).toCompletableFuture());
        }
        return new IdempotencyClaim.Claimed();
    }

    /** The sweeper reads a record's own expiry before removing it, so a renewal needs no index update. */
    boolean renew(String scope, String key, String fingerprint, Instant expiresAt) {
        String tag = RedisKeys.idempotencyTag(scope, key);
        long now = context.clock().millis();
        long renewed = context.failures().await(RENEW.<Long>run(context.commands(), ScriptOutputType.INTEGER,
                new byte[][] {context.keys().idempotency(tag), context.keys().process(tag)}, RedisKeys.bytes(key),
                StoredRecords.claim(expiresAt, fingerprint), number(now),
                number(Math.max(1, expiresAt.toEpochMilli() - now))));
        return renewed == 1;
    }

    void complete(String scope, String key, StoredResponse response, Instant expiresAt) {
        String tag = RedisKeys.idempotencyTag(scope, key);
        RedisKeys keys = context.keys();
        long now = context.clock().millis();
        byte[][] scriptKeys = scriptKeys(tag);
        long outcome = context.failures().await(COMPLETE.<Long>run(context.commands(), ScriptOutputType.INTEGER,
                scriptKeys, RedisKeys.bytes(key), number(expiresAt.toEpochMilli()), StoredRecords.response(response),
                number(Math.max(1, expiresAt.toEpochMilli() - now)), RedisKeys.bytes(tag)));
        if (outcome == 2) { // cluster: the index is on another slot
            context.failures().await(context.commands().zadd(keys.expiryIndex(), ZAddArgs.Builder.lt(),
                    (double) expiresAt.toEpochMilli(), RedisKeys.bytes(tag)).toCompletableFuture());
        }
    }

    void release(String scope, String key) {
        String tag = RedisKeys.idempotencyTag(scope, key);
        context.failures().await(context.commands()
                .hdel(context.keys().idempotency(tag), RedisKeys.bytes(key)).toCompletableFuture());
    }

    static byte[] number(long value) {
        return RedisKeys.bytes(Long.toString(value));
    }
}
