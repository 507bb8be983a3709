package io.flowstate.redis;

import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.ListingCursor;
import io.flowstate.core.store.ProcessPage;
import io.flowstate.core.store.ProcessQuery;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Listing on Redis. The scripts that write a process keep it in sorted sets scored by its {@code updatedAt} in
 * milliseconds (all processes, by flow, by owner; see {@link RedisKeys}); on a cluster there is one such set per slot,
 * so a page reads the chosen index of every slot (pipelined) and merges them. Entries are walked newest first by
 * {@link ListingCursor} key in batches; each candidate's record is then read and kept when it is live and matches the
 * query, judged on the record itself (status and waiting step are not indexed, and the record may have changed since
 * the index was read). The cursor is the key of the last index entry looked at, so the next page starts below it.
 */
final class RedisListing {

    private static final LuaScript FORGET = LuaScript.load("forget-listed");
    private static final byte[] EXPIRES = RedisKeys.bytes("x");
    private static final byte[] DATA = RedisKeys.bytes("d");

    private record Candidate(ListingCursor key, byte[] index) {
    }

    private final RedisStoreContext context;
    private final String[] bases;

    RedisListing(RedisStoreContext context) {
        this.context = context;
        this.bases = context.keys().listingBases(context.cluster());
    }

    static List<LuaScript> scripts() {
        return List.of(FORGET);
    }

    ProcessPage list(ProcessQuery query) {
        String suffix = query.owner() != null ? ":o:" + query.owner()
                : query.flow() != null ? ":f:" + query.flow() : ":a";
        int batch = Math.min(ProcessQuery.MAX_LIMIT, query.limit() * 2);
        ListingCursor bound = query.upperBound();
        List<ProcessInstance> page = new ArrayList<>();
        ListingCursor lastSeen = null;
        while (page.size() < query.limit()) {
            List<Candidate> candidates = candidates(suffix, bound, batch);
            List<CompletableFuture<List<KeyValue<byte[], byte[]>>>> reads = new ArrayList<>(candidates.size());
            for (Candidate candidate : candidates) {
                reads.add(context.commands().hmget(context.keys().process(candidate.key().processId()), EXPIRES, DATA)
                        .toCompletableFuture());
            }
            long now = context.clock().millis();
            for (int i = 0; i < candidates.size() && page.size() < query.limit(); i++) {
                Candidate candidate = candidates.get(i);
                lastSeen = candidate.key();
                List<KeyValue<byte[], byte[]>> fields = context.failures().await(reads.get(i));
                if (!fields.get(0).hasValue()) {
                    forget(candidate);
                    continue;
                }
                if (Long.parseLong(text(fields.get(0).getValue())) <= now || !fields.get(1).hasValue()) {
                    continue; // expired, not swept yet
                }
                ProcessInstance process = context.records().process(fields.get(1).getValue());
                if (query.matches(process)) {
                    page.add(process);
                }
            }
            if (candidates.size() < batch) {
                break; // the index has nothing more below the bound
            }
            bound = lastSeen;
        }
        return ProcessPage.of(page, query.limit(), lastSeen);
    }

    /** The {@code batch} newest index entries of every base strictly below {@code bound}, newest first. */
    private List<Candidate> candidates(String suffix, @Nullable ListingCursor bound, int batch) {
        Range<Double> scores = Range.create(Double.NEGATIVE_INFINITY,
                bound == null ? Double.POSITIVE_INFINITY : (double) bound.updatedAtMillis());
        List<byte[]> keys = new ArrayList<>(bases.length);
        List<CompletableFuture<List<ScoredValue<byte[]>>>> replies = new ArrayList<>(bases.length);
        for (String base : bases) {
            byte[] key = RedisKeys.bytes(base + suffix);
            keys.add(key);
            replies.add(context.commands().zrevrangebyscoreWithScores(key, scores, Limit.create(0, batch))
                    .toCompletableFuture());
        }
        List<Candidate> all = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            List<ScoredValue<byte[]>> entries = context.failures().await(replies.get(i));
            int below = 0;
            for (ScoredValue<byte[]> entry : entries) {
                ListingCursor key = new ListingCursor((long) entry.getScore(), text(entry.getValue()));
                if (bound == null || key.isBelow(bound)) {
                    all.add(new Candidate(key, keys.get(i)));
                    below++;
                }
            }
            if (entries.size() == batch && below < batch) {
                all.addAll(ties(keys.get(i), bound, batch, entries.size()));
            }
        }
        all.sort(Comparator.comparing(Candidate::key).reversed());
        return all.size() > batch ? all.subList(0, batch) : all;
    }

    /**
     * More entries of one index when its batch was cut short by entries at the bound's own millisecond (many
     * processes changed in one millisecond): reads on until {@code batch} entries lie strictly below the bound.
     */
    private List<Candidate> ties(byte[] key, @Nullable ListingCursor bound, int batch, int offset) {
        List<Candidate> more = new ArrayList<>();
        Range<Double> scores = Range.create(Double.NEGATIVE_INFINITY,
                bound == null ? Double.POSITIVE_INFINITY : (double) bound.updatedAtMillis());
        for (int skip = offset; more.size() < batch; skip += batch) {
            List<ScoredValue<byte[]>> entries = context.failures().await(context.commands()
                    .zrevrangebyscoreWithScores(key, scores, Limit.create(skip, batch)).toCompletableFuture());
            for (ScoredValue<byte[]> entry : entries) {
                ListingCursor candidate = new ListingCursor((long) entry.getScore(), text(entry.getValue()));
                if (bound == null || candidate.isBelow(bound)) {
                    more.add(new Candidate(candidate, key));
                }
            }
            if (entries.size() < batch) {
                break;
            }
        }
        return more;
    }

    /** Drops an entry whose process's keys are gone, in one script so a process created again keeps it. */
    private void forget(Candidate candidate) {
        byte[][] keys = {context.keys().process(candidate.key().processId()), candidate.index()};
        context.failures().await(FORGET.<Long>run(context.commands(), ScriptOutputType.INTEGER, keys,
                RedisKeys.bytes(candidate.key().processId())));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
