package io.flowstate.testkit;

import io.flowstate.core.store.ProcessStore;
import java.util.Optional;

/** What the contract's test interfaces need from the running test: the store, its clock and hooks. */
interface StoreUnderTest {

    ProcessStore store();

    MutableClock clock();

    /** Events the store keeps per process. */
    int eventLogCapacity();

    /** True when the store keeps nothing at all: no process, event or idempotency record. */
    boolean storeIsEmpty();

    /** Closes the store and opens it again over the same data; empty for stores that forget on close. */
    Optional<ProcessStore> restartStore();
}
