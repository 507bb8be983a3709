package io.flowstate.server;

import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.EventLog;
import io.flowstate.core.store.ForwardingProcessStore;
import io.flowstate.core.store.IdempotencyClaim;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.store.StoredResponse;
import io.flowstate.core.store.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A real store with a call counter in front: every call that would be a round trip to a remote store (Redis)
 * is counted by method name, so a test can say how many round trips a request costs on any store. The
 * sweeper's background calls ({@code sweepExpired}) are not requests and are not counted.
 */
public final class CountingProcessStore extends ForwardingProcessStore {

    private final ProcessStore store;
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

    public CountingProcessStore(ProcessStore store) {
        this.store = store;
    }

    @Override
    protected ProcessStore delegate() {
        return store;
    }

    /** Calls per method since the last {@link #reset}, in name order; methods never called are absent. */
    public Map<String, Long> calls() {
        Map<String, Long> snapshot = new TreeMap<>();
        calls.forEach((name, count) -> {
            if (count.get() > 0) {
                snapshot.put(name, count.get());
            }
        });
        return snapshot;
    }

    /** Round trips of the process data itself (get, create, compareAndSet, delete, eventsSince). */
    long processCalls() {
        return calls().entrySet().stream()
                .filter(e -> List.of("get", "create", "compareAndSet", "delete", "eventsSince").contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    public void reset() {
        calls.clear();
    }

    private void count(String method) {
        calls.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public boolean create(ProcessInstance process, Event event) {
        count("create");
        return super.create(process, event);
    }

    @Override
    public Optional<ProcessInstance> get(UUID processId) {
        count("get");
        return super.get(processId);
    }

    @Override
    public CasResult compareAndSet(long expectedVersion, ProcessInstance next, Event event) {
        count("compareAndSet");
        return super.compareAndSet(expectedVersion, next, event);
    }

    @Override
    public CasResult delete(UUID processId, long expectedVersion, Event event) {
        count("delete");
        return super.delete(processId, expectedVersion, event);
    }

    @Override
    public EventLog eventsSince(UUID processId, long afterVersion) {
        count("eventsSince");
        return super.eventsSince(processId, afterVersion);
    }

    @Override
    public IdempotencyClaim claimIdempotency(String scope, String key, String fingerprint, Instant expiresAt) {
        count("claimIdempotency");
        return super.claimIdempotency(scope, key, fingerprint, expiresAt);
    }

    @Override
    public boolean renewIdempotency(String scope, String key, String fingerprint, Instant expiresAt) {
        count("renewIdempotency");
        return super.renewIdempotency(scope, key, fingerprint, expiresAt);
    }

    @Override
    public void completeIdempotency(String scope, String key, StoredResponse response, Instant expiresAt) {
        count("completeIdempotency");
        super.completeIdempotency(scope, key, response, expiresAt);
    }

    @Override
    public void releaseIdempotency(String scope, String key) {
        count("releaseIdempotency");
        super.releaseIdempotency(scope, key);
    }

    @Override
    public Subscription subscribe(Consumer<Event> listener) {
        count("subscribe");
        return super.subscribe(listener);
    }

    @Override
    public void publish(Event event) {
        count("publish");
        super.publish(event);
    }

    @Override
    public void ping() {
        count("ping");
        super.ping();
    }
}
