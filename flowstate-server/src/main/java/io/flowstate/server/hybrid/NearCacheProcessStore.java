package io.flowstate.server.hybrid;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.EventType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.ForwardingProcessStore;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.store.Swept;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Hybrid mode: a {@link ProcessStore} that keeps this instance's copy of the processes of hybrid flows in a
 * Caffeine near cache, in front of the shared store. A {@link #get} that hits costs no store round trip; a
 * {@link #compareAndSet} is still exactly one round trip to the store (the store decides, the cache only
 * remembers), and its answer refreshes the cache: a {@code Conflict} carries the newer process, so the engine's
 * retry reads a current copy without another round trip.
 *
 * <p>Processes of other flows ({@code cacheable} is false) are read from the store every time, so one engine serves
 * both modes; the cache still remembers them, but only as the engine's starting point for a change ({@link #recent}):
 * a step that computes from a current copy and commits needs no read, and one whose copy was stale loses the
 * compare-and-set, which refreshes the entry, and is decided again on a read. On SQLite, whose file one instance
 * owns, every process is cacheable (docs/decisions/0007). The cache stays current through {@link #apply(Event)},
 * which the instance's event hub calls for every event from any instance: a newer version replaces the entry, {@code process.cancelled} and
 * {@code process.expired} leave a tombstone so that an older event arriving late cannot bring the process back.
 * Only entries already cached are updated, so the cache holds what this instance serves.
 *
 * <p>Staleness: an entry is never newer than the store; it can be older when an event from another instance has
 * not arrived yet (pub/sub is not durable). A write that fails leaves no entry behind, since the store may
 * still have committed it. Writes are never affected (the compare-and-set runs against the
 * store); reads that must see a write made elsewhere ask for {@code minVersion}.
 */
public final class NearCacheProcessStore extends ForwardingProcessStore {

    /**
     * A cached process, or the version at which it was removed; {@code served} when {@link #get} answers from it (a
     * process of a cacheable flow), otherwise it is only the engine's guess ({@link #recent}).
     */
    private record Entry(@Nullable ProcessInstance process, long removedAt, boolean served) {
        long version() {
            return process != null ? process.version() : removedAt;
        }
    }

    private final ProcessStore store;
    private final Predicate<ProcessInstance> cacheable;
    private final Clock clock;
    private final Cache<UUID, Entry> cache;

    /**
     * A cache of at most {@code maximumSize} processes that also holds no more than an eighth of the heap.
     *
     * @param store       the shared store; closed with this one
     * @param cacheable   which processes to cache (those of hybrid flows)
     * @param maximumSize entries kept, least recently used first out
     * @param clock       the store's clock: an expired process is never answered from the cache
     */
    public NearCacheProcessStore(ProcessStore store, Predicate<ProcessInstance> cacheable, int maximumSize,
                                 Clock clock) {
        this(store, cacheable, maximumSize, Runtime.getRuntime().maxMemory() / 8, clock);
    }

    /**
     * A cache bounded by count and by the estimated bytes of its processes ({@link ProcessWeight}): every entry
     * weighs at least {@code maximumBytes / maximumSize}, so small processes are bounded by the count, and large
     * ones by the bytes (a state may be up to a mebibyte).
     */
    NearCacheProcessStore(ProcessStore store, Predicate<ProcessInstance> cacheable, int maximumSize,
                          long maximumBytes, Clock clock) {
        this.store = store;
        this.cacheable = cacheable;
        this.clock = clock;
        long least = Math.max(1, maximumBytes / maximumSize);
        this.cache = Caffeine.newBuilder().maximumWeight(maximumBytes)
                .<UUID, Entry>weigher((id, entry) -> weight(entry, least)).build();
    }

    /** Applies an event from any instance: newer versions replace, removals leave a tombstone. */
    public void apply(Event event) {
        if (event.type() == EventType.PROCESS_CANCELLED || event.type() == EventType.PROCESS_EXPIRED) {
            cache.asMap().computeIfPresent(event.processId(), (id, old) ->
                    old.version() < event.version() ? new Entry(null, event.version(), old.served()) : old);
            return;
        }
        cache.asMap().computeIfPresent(event.processId(), (id, old) ->
                old.version() < event.version() ? entry(event.process()) : old);
    }

    private static int weight(Entry entry, long least) {
        ProcessInstance process = entry.process();
        long bytes = process == null ? 0 : ProcessWeight.of(process);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(least, bytes));
    }

    /** Entries held, after pending evictions; for tests. */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** True when the cache holds a copy (or a tombstone) of the process; for tests and metrics. */
    public boolean holds(UUID processId) {
        return cache.getIfPresent(processId) != null;
    }

    @Override
    protected ProcessStore delegate() {
        return store;
    }

    @Override
    public boolean create(ProcessInstance process, Event event) {
        boolean created = forgetOnFailure(process.processId(), () -> store.create(process, event));
        if (created) {
            rememberCreated(process);
        }
        return created;
    }

    @Override
    public Optional<ProcessInstance> get(UUID processId) {
        Entry entry = cache.getIfPresent(processId);
        if (entry != null && entry.served()) {
            if (entry.process() == null) {
                return Optional.empty();
            }
            if (!entry.process().isExpiredAt(clock.instant())) {
                return Optional.of(entry.process());
            }
            cache.invalidate(processId);
            return Optional.empty();
        }
        Optional<ProcessInstance> found = store.get(processId);
        if (found.isPresent()) {
            remember(found.get());
        } else if (entry != null) {
            cache.asMap().remove(processId, entry);
        }
        return found;
    }

    /** The copy of a process whose reads ask the store, when this instance holds one that has not expired. */
    @Override
    public Optional<ProcessInstance> recent(UUID processId) {
        Entry entry = cache.getIfPresent(processId);
        if (entry == null || entry.served() || entry.process() == null
                || entry.process().isExpiredAt(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(entry.process());
    }

    @Override
    public CasResult compareAndSet(long expectedVersion, ProcessInstance next, Event event) {
        CasResult result = forgetOnFailure(next.processId(), () -> store.compareAndSet(expectedVersion, next, event));
        switch (result) {
            case CasResult.Committed committed -> remember(committed.process());
            case CasResult.Conflict conflict -> remember(conflict.current());
            case CasResult.NotFound ignored -> cache.invalidate(next.processId());
        }
        return result;
    }

    @Override
    public CasResult delete(UUID processId, long expectedVersion, Event event) {
        CasResult result = forgetOnFailure(processId, () -> store.delete(processId, expectedVersion, event));
        switch (result) {
            case CasResult.Committed ignored -> cache.put(processId, new Entry(null, event.version(),
                    cacheable.test(event.process())));
            case CasResult.Conflict conflict -> remember(conflict.current());
            case CasResult.NotFound ignored -> cache.invalidate(processId);
        }
        return result;
    }

    @Override
    public Swept sweepExpired(int limit) {
        Swept swept = store.sweepExpired(limit);
        swept.unfinished().forEach(process -> cache.invalidate(process.processId()));
        return swept;
    }

    @Override
    public void close() {
        cache.invalidateAll();
        store.close();
    }

    /**
     * Runs a write whose failure leaves its outcome unknown (a store that timed out may still commit it): the
     * entry goes, so the next read asks the store; a commit that lands later still reaches the cache as an event.
     */
    private <T> T forgetOnFailure(UUID processId, Supplier<T> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            cache.invalidate(processId);
            throw e;
        }
    }

    /**
     * The store has just taken a new process, so no live process had its id: an entry this cache holds for the id
     * is a tombstone or a copy of an earlier life (deleted, or expired before the sweeper came), and goes. Only a
     * newer version of this same life, which an event may have brought in first, is kept.
     */
    private void rememberCreated(ProcessInstance process) {
        cache.asMap().merge(process.processId(), entry(process), (old, fresh) ->
                sameLife(old, process) && old.version() >= fresh.version() ? old : fresh);
    }

    private static boolean sameLife(Entry entry, ProcessInstance process) {
        return entry.process() != null && entry.process().createdAt().equals(process.createdAt());
    }

    private void remember(ProcessInstance process) {
        cache.asMap().merge(process.processId(), entry(process),
                (old, fresh) -> old.version() < fresh.version() ? fresh : old);
    }

    private Entry entry(ProcessInstance process) {
        return new Entry(process, 0, cacheable.test(process));
    }
}
