package io.flowstate.testkit;

import io.flowstate.core.store.ProcessStore;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The behaviour every {@link ProcessStore} must show, as JUnit tests. Extend it once per store:
 *
 * <pre>{@code
 * class MyProcessStoreTest extends ProcessStoreContract {
 *     protected ProcessStore newStore(MutableClock clock, int eventLogCapacity) {
 *         return new MyProcessStore(clock, eventLogCapacity);
 *     }
 *     protected boolean storeIsEmpty(ProcessStore store) {
 *         return ((MyProcessStore) store).size() == 0;
 *     }
 * }
 * }</pre>
 *
 * Each test gets a fresh store whose clock starts at {@link #START} and only moves when the test moves it.
 * The tests live in the package's contract interfaces (create and delete, compare-and-set, expiry,
 * event log and subscriptions, idempotency, concurrency, restart, listing), grouped by the SPI methods they prove.
 */
public abstract class ProcessStoreContract implements LifecycleContract, CompareAndSetContract, ExpiryContract,
        EventLogContract, IdempotencyContract, ConcurrencyContract, RestartContract, SettingsContract,
        ListingContract {

    /** Where every test's clock starts: a whole millisecond, so stores may keep expiry in milliseconds. */
    public static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    /** The event log capacity every store under test is built with; small so tests can exceed it. */
    public static final int EVENT_LOG_CAPACITY = 5;

    private MutableClock clock;
    private ProcessStore store;

    /** A new, empty store that reads time from {@code clock} and keeps {@code eventLogCapacity} events. */
    protected abstract ProcessStore newStore(MutableClock clock, int eventLogCapacity);

    /**
     * True when {@code store} keeps nothing at all: no process, event log entry or idempotency record, expired
     * or not. Backs the invariant tests (the store is empty after every process is deleted or swept).
     */
    protected abstract boolean storeIsEmpty(ProcessStore store);

    /**
     * Opens the store again over the data of the store the contract just closed, as after a restart.
     * Durable stores override this; the default (nothing survives) skips the restart test.
     */
    protected Optional<ProcessStore> reopen(MutableClock clock, int eventLogCapacity) {
        return Optional.empty();
    }

    @BeforeEach
    final void openStore() {
        clock = new MutableClock(START);
        store = newStore(clock, EVENT_LOG_CAPACITY);
    }

    @AfterEach
    final void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    public final ProcessStore store() {
        return store;
    }

    @Override
    public final MutableClock clock() {
        return clock;
    }

    @Override
    public final int eventLogCapacity() {
        return EVENT_LOG_CAPACITY;
    }

    @Override
    public final boolean storeIsEmpty() {
        return storeIsEmpty(store);
    }

    @Override
    public final Optional<ProcessStore> restartStore() {
        store.close();
        Optional<ProcessStore> reopened = reopen(clock, EVENT_LOG_CAPACITY);
        reopened.ifPresent(next -> store = next);
        return reopened;
    }
}
