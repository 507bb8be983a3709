package io.flowstate.testkit;

import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.ForwardingProcessStore;
import io.flowstate.core.store.IdempotencyClaim;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.store.StoreUnavailableException;
import io.flowstate.core.store.StoredResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A store that fails on command, for tests of what clients see when the store does: armed faults fire on the next
 * calls of one operation — before the call reaches the store (nothing happened), after it did (the change is
 * made, the answer lost), or after a delay. Unarmed, it is the store it wraps and passes the contract suite.
 */
public final class FaultyProcessStore extends ForwardingProcessStore {

    /** The operations faults can be armed on. */
    public enum Operation { CREATE, GET, COMPARE_AND_SET, DELETE, CLAIM_IDEMPOTENCY, RENEW_IDEMPOTENCY,
        COMPLETE_IDEMPOTENCY }

    /** What an armed fault does. */
    public sealed interface Fault {
        /** Throws {@link StoreUnavailableException} without calling the store. */
        record BeforeWrite() implements Fault {
        }

        /** Calls the store, then throws {@link StoreUnavailableException}: the answer is lost, the change is not. */
        record AfterWrite() implements Fault {
        }

        /** Waits, then calls the store. */
        record Latency(Duration delay) implements Fault {
        }
    }

    private final ProcessStore store;
    private final Map<Operation, Armed> armed = new ConcurrentHashMap<>();

    private record Armed(Fault fault, int times) {
    }

    public FaultyProcessStore(ProcessStore store) {
        this.store = store;
    }

    /** The next {@code times} calls of {@code operation} meet {@code fault}. */
    public void arm(Operation operation, Fault fault, int times) {
        armed.put(operation, new Armed(fault, times));
    }

    /** No more faults. */
    public void disarm() {
        armed.clear();
    }

    @Override
    protected ProcessStore delegate() {
        return store;
    }

    @Override
    public boolean create(ProcessInstance process, Event event) {
        return call(Operation.CREATE, () -> super.create(process, event));
    }

    @Override
    public Optional<ProcessInstance> get(UUID processId) {
        return call(Operation.GET, () -> super.get(processId));
    }

    @Override
    public CasResult compareAndSet(long expectedVersion, ProcessInstance next, Event event) {
        return call(Operation.COMPARE_AND_SET, () -> super.compareAndSet(expectedVersion, next, event));
    }

    @Override
    public CasResult delete(UUID processId, long expectedVersion, Event event) {
        return call(Operation.DELETE, () -> super.delete(processId, expectedVersion, event));
    }

    @Override
    public IdempotencyClaim claimIdempotency(String scope, String key, String fingerprint, Instant expiresAt) {
        return call(Operation.CLAIM_IDEMPOTENCY, () -> super.claimIdempotency(scope, key, fingerprint, expiresAt));
    }

    @Override
    public boolean renewIdempotency(String scope, String key, String fingerprint, Instant expiresAt) {
        return call(Operation.RENEW_IDEMPOTENCY, () -> super.renewIdempotency(scope, key, fingerprint, expiresAt));
    }

    @Override
    public void completeIdempotency(String scope, String key, StoredResponse response, Instant expiresAt) {
        call(Operation.COMPLETE_IDEMPOTENCY, () -> {
            super.completeIdempotency(scope, key, response, expiresAt);
            return null;
        });
    }

    private <T> T call(Operation operation, Supplier<T> real) {
        Fault fault = fire(operation);
        if (fault == null) {
            return real.get();
        }
        return switch (fault) {
            case Fault.BeforeWrite ignored -> throw new StoreUnavailableException("injected: " + operation
                    + " failed before reaching the store");
            case Fault.AfterWrite ignored -> {
                T unused = real.get(); // the write happens; only its answer is lost
                throw new StoreUnavailableException("injected: " + operation + " reached the store, its answer was lost");
            }
            case Fault.Latency latency -> {
                sleep(latency.delay());
                yield real.get();
            }
        };
    }

    /** The fault armed on the operation, counting one use; null when none is. */
    private @Nullable Fault fire(Operation operation) {
        @Nullable Fault[] fired = new Fault[1];
        armed.computeIfPresent(operation, (op, a) -> {
            fired[0] = a.fault();
            return a.times() > 1 ? new Armed(a.fault(), a.times() - 1) : null;
        });
        return fired[0];
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while injecting latency");
        }
    }
}
