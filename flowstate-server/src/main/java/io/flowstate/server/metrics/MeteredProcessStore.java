package io.flowstate.server.metrics;

import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.EventLog;
import io.flowstate.core.store.ForwardingProcessStore;
import io.flowstate.core.store.IdempotencyClaim;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.store.StoredResponse;
import io.flowstate.core.store.Swept;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A store decorator that times every operation ({@code flowstate_store_operation_duration_seconds}), counts the
 * operations that threw ({@code flowstate_store_errors_total}) and the compare-and-sets that lost to another
 * writer ({@code flowstate_store_conflicts_total}), labelled with the store's kind and the operation. Subscribing,
 * publishing and closing pass through untimed. Like every decorator it runs the store contract
 * ({@code MeteredStoreOnMemoryTest}).
 */
public final class MeteredProcessStore extends ForwardingProcessStore {

    private final ProcessStore delegate;
    private final String store;
    private final MeterRegistry registry;
    /** By operation: registering through the builder on every call cost a step two store timings' worth. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /**
     * @param store the {@code store} label: memory, sqlite or redis
     */
    public MeteredProcessStore(ProcessStore delegate, String store, MeterRegistry registry) {
        this.delegate = delegate;
        this.store = store;
        this.registry = registry;
    }

    @Override
    protected ProcessStore delegate() {
        return delegate;
    }

    @Override
    public boolean create(ProcessInstance process, Event event) {
        return timed("create", () -> delegate.create(process, event));
    }

    @Override
    public Optional<ProcessInstance> get(UUID processId) {
        return timed("get", () -> delegate.get(processId));
    }

    @Override
    public CasResult compareAndSet(long expectedVersion, ProcessInstance next, Event event) {
        return conflicts("compare_and_set", timed("compare_and_set",
                () -> delegate.compareAndSet(expectedVersion, next, event)));
    }

    @Override
    public CasResult delete(UUID processId, long expectedVersion, Event event) {
        return conflicts("delete", timed("delete", () -> delegate.delete(processId, expectedVersion, event)));
    }

    @Override
    public EventLog eventsSince(UUID processId, long afterVersion) {
        return timed("events_since", () -> delegate.eventsSince(processId, afterVersion));
    }

    @Override
    public IdempotencyClaim claimIdempotency(String scope, String key, String fingerprint, Instant expiresAt) {
        return timed("claim_idempotency", () -> delegate.claimIdempotency(scope, key, fingerprint, expiresAt));
    }

    @Override
    public boolean renewIdempotency(String scope, String key, String fingerprint, Instant expiresAt) {
        return timed("renew_idempotency", () -> delegate.renewIdempotency(scope, key, fingerprint, expiresAt));
    }

    @Override
    public void completeIdempotency(String scope, String key, StoredResponse response, Instant expiresAt) {
        timed("complete_idempotency", () -> {
            delegate.completeIdempotency(scope, key, response, expiresAt);
            return null;
        });
    }

    @Override
    public void releaseIdempotency(String scope, String key) {
        timed("release_idempotency", () -> {
            delegate.releaseIdempotency(scope, key);
            return null;
        });
    }

    @Override
    public Swept sweepExpired(int limit) {
        return timed("sweep_expired", () -> delegate.sweepExpired(limit));
    }

    @Override
    public void ping() {
        timed("ping", () -> {
            delegate.ping();
            return null;
        });
    }

    private <T> T timed(String operation, Supplier<T> call) {
        long began = System.nanoTime();
        try {
            return call.get();
        } catch (RuntimeException e) {
            Counter.builder("flowstate.store.errors").description("Store operations that failed, by store and operation")
                    .tags("store", store, "operation", operation).register(registry).increment();
            throw e;
        } finally {
            timers.computeIfAbsent(operation, op -> Timer.builder("flowstate.store.operation.duration")
                    .description("Latency of store operations, by store and operation")
                    .tags("store", store, "operation", op)
                    .serviceLevelObjectives(FlowstateMetrics.LATENCY_BUCKETS)
                    .register(registry)).record(System.nanoTime() - began, TimeUnit.NANOSECONDS);
        }
    }

    private CasResult conflicts(String operation, CasResult result) {
        if (result instanceof CasResult.Conflict) {
            Counter.builder("flowstate.store.conflicts")
                    .description("Compare-and-sets that lost to another writer, by store and operation")
                    .tags("store", store, "operation", operation).register(registry).increment();
        }
        return result;
    }
}
