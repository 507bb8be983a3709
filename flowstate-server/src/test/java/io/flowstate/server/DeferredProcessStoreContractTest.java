package io.flowstate.server;

import static org.awaitility.Awaitility.await;

import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.store.StoreUnavailableException;
import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.ProcessStoreContract;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deferred store, once its store has opened, is that store: the contract holds for it. The opener fails twice
 * first, as a Redis that is not up yet would.
 */
class DeferredProcessStoreContractTest extends ProcessStoreContract {

    private MemoryProcessStore memory;

    @Override
    protected ProcessStore newStore(MutableClock clock, int eventLogCapacity) {
        memory = new MemoryProcessStore(clock, eventLogCapacity);
        AtomicInteger attempts = new AtomicInteger();
        DeferredProcessStore deferred = new DeferredProcessStore(() -> {
            if (attempts.incrementAndGet() < 2) {
                throw new StoreUnavailableException("not up yet");
            }
            return memory;
        }, "a memory store", "not up yet", Duration.ofMillis(1), Duration.ofMillis(5));
        await().atMost(Duration.ofSeconds(5)).until(deferred::isOpen);
        return deferred;
    }

    @Override
    protected boolean storeIsEmpty(ProcessStore store) {
        return memory.size() == 0;
    }
}
