package io.flowstate.testkit;

import static io.flowstate.testkit.ProcessFixtures.advanced;
import static io.flowstate.testkit.ProcessFixtures.started;
import static io.flowstate.testkit.ProcessFixtures.startedEvent;
import static io.flowstate.testkit.ProcessFixtures.updatedEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.store.StoreUnavailableException;
import io.flowstate.testkit.FaultyProcessStore.Fault;
import io.flowstate.testkit.FaultyProcessStore.Operation;
import org.junit.jupiter.api.Test;

/** Unarmed, the faulty store is a store (the contract); armed, it fails as told and only as often as told. */
class FaultyProcessStoreTest extends ProcessStoreContract {

    private MemoryProcessStore memory;

    @Override
    protected ProcessStore newStore(MutableClock clock, int eventLogCapacity) {
        memory = new MemoryProcessStore(clock, eventLogCapacity);
        return new FaultyProcessStore(memory);
    }

    @Override
    protected boolean storeIsEmpty(ProcessStore store) {
        return memory.size() == 0;
    }

    @Test
    void aFaultBeforeTheWriteChangesNothingAndAFaultAfterItLosesOnlyTheAnswer() {
        FaultyProcessStore faulty = (FaultyProcessStore) store();
        ProcessInstance v1 = started(clock());
        faulty.create(v1, startedEvent(v1));
        ProcessInstance v2 = advanced(v1, clock());

        faulty.arm(Operation.COMPARE_AND_SET, new Fault.BeforeWrite(), 1);
        assertThatThrownBy(() -> faulty.compareAndSet(1, v2, updatedEvent(v2)))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(faulty.get(v1.processId())).contains(v1);

        faulty.arm(Operation.COMPARE_AND_SET, new Fault.AfterWrite(), 1);
        assertThatThrownBy(() -> faulty.compareAndSet(1, v2, updatedEvent(v2)))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(faulty.get(v1.processId())).contains(v2);
        assertThat(faulty.compareAndSet(1, v2, updatedEvent(v2))).isInstanceOf(CasResult.Conflict.class);
    }
}
