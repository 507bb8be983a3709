package io.flowstate.redis;

import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.store.StoreUnavailableException;
import io.flowstate.core.store.Swept;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The expiry sweep. The index {@code prefix:expiry} maps each tag to a score at or before which it may
 * expire; one pass reads the tags that are due and runs {@code expire.lua} for each (pipelined). The
 * script re-reads the process's own expiry and deletes everything of the tag in one atomic step, so
 * exactly one sweeper gets a given process back, however many run at once. Tags that turn out to be
 * live are rescored; tags with nothing left are dropped from the index.
 */
final class RedisExpirySweep {
    private static final Logger LOG = LoggerFactory.getLogger(RedisExpirySweep.class);
    private static final LuaScript EXPIRE = LuaScript.load("expire");

    private final RedisStoreContext context;

    RedisExpirySweep(RedisStoreContext context) {
        this.context = context;
    }

    static List<LuaScript> scripts() {
        return List.of(EXPIRE);
    }

    Swept sweep(int limit) {
        if (limit < 1) {
            return Swept.NOTHING;
        }
        long now = context.clock().millis();
        byte[] index = context.keys().expiryIndex();
        List<byte[]> due = context.failures().await(context.commands().zrangebyscore(index,
                Range.from(Range.Boundary.unbounded(), Range.Boundary.including((double) now)),
                Limit.create(0, limit)).toCompletableFuture());
        List<CompletableFuture<List<Object>>> claims = new ArrayList<>(due.size());
        for (byte[] tag : due) {
            claims.add(EXPIRE.run(context.commands(), ScriptOutputType.MULTI,
                    context.processKeys(new String(tag, StandardCharsets.UTF_8)),
                    RedisIdempotency.number(now), tag,
                    context.keys().listing(new String(tag, StandardCharsets.UTF_8), context.cluster())));
        }
        List<ProcessInstance> expired = new ArrayList<>();
        int removed = 0;
        List<CompletableFuture<?>> indexUpdates = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (int i = 0; i < due.size(); i++) {
            try {
                List<Object> reply = context.failures().await(claims.get(i));
                removed += collect(due.get(i), reply, expired, indexUpdates) ? 1 : 0;
            } catch (RuntimeException e) {
                // keep going: processes claimed by the other scripts are already deleted and must be returned
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        for (CompletableFuture<?> update : indexUpdates) {
            try {
                context.failures().await(update);
            } catch (StoreUnavailableException e) {
                firstFailure = firstFailure == null ? e : firstFailure; // the next pass corrects the index
            }
        }
        if (firstFailure != null && removed == 0) {
            throw firstFailure;
        }
        if (firstFailure != null) {
            LOG.warn("expiry sweep partly failed; the rest is retried by the next pass", firstFailure);
        }
        return new Swept(removed, expired);
    }

    /** Handles one script's reply; true when it removed the process. */
    private boolean collect(byte[] tag, List<Object> reply, List<ProcessInstance> expired,
                            List<CompletableFuture<?>> indexUpdates) {
        long outcome = (Long) reply.getFirst();
        byte[] index = context.keys().expiryIndex();
        if (outcome == 1 && context.cluster()) {
            double score = Double.parseDouble(new String((byte[]) reply.get(1), StandardCharsets.UTF_8));
            indexUpdates.add(context.commands().zadd(index, ZAddArgs.Builder.xx(), score, tag).toCompletableFuture());
        } else if (outcome != 1 && context.cluster()) {
            indexUpdates.add(context.commands().zrem(index, tag).toCompletableFuture());
        }
        if (outcome != 2) {
            return false;
        }
        ProcessStatus status = ProcessStatus.fromWire(new String((byte[]) reply.get(1), StandardCharsets.UTF_8));
        if (status.isTerminal()) {
            return true; // ended and past its retention: removed silently
        }
        try {
            expired.add(context.records().process((byte[]) reply.get(2)));
        } catch (IllegalStateException e) {
            LOG.warn("removed expired process {} whose record could not be read; no process.expired event",
                    new String(tag, StandardCharsets.UTF_8), e);
        }
        return true;
    }
}
