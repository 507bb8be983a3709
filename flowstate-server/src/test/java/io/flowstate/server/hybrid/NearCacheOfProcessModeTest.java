package io.flowstate.server.hybrid;

import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.ProcessStoreContract;

/**
 * The near cache is a store when it serves no process from the cache too (process mode, where it keeps copies only for
 * the engine's next change): the contract holds, over the memory store.
 */
class NearCacheOfProcessModeTest extends ProcessStoreContract {

    private MemoryProcessStore memory;

    @Override
    protected ProcessStore newStore(MutableClock clock, int eventLogCapacity) {
        memory = new MemoryProcessStore(clock, eventLogCapacity);
        return new NearCacheProcessStore(memory, process -> false, 1_000, clock);
    }

    @Override
    protected boolean storeIsEmpty(ProcessStore store) {
        return memory.size() == 0;
    }
}
