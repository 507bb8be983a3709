package io.flowstate.server.hybrid;

import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.ProcessStoreContract;

/** The near cache is a store: the contract holds for it, caching every process, over the memory store. */
class NearCacheOnMemoryStoreTest extends ProcessStoreContract {

    private MemoryProcessStore memory;

    /** Whether reads are answered from the cache; false in process mode, whose copies serve only the next change. */
    boolean servesReads() {
        return true;
    }

    @Override
    protected ProcessStore newStore(MutableClock clock, int eventLogCapacity) {
        memory = new MemoryProcessStore(clock, eventLogCapacity);
        return new NearCacheProcessStore(memory, process -> servesReads(), 1_000, clock);
    }

    @Override
    protected boolean storeIsEmpty(ProcessStore store) {
        return memory.size() == 0;
    }
}
