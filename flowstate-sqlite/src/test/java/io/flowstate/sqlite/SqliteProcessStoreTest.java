package io.flowstate.sqlite;

import io.flowstate.core.store.ProcessStore;
import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.ProcessStoreContract;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store against the contract, with its default pool of read connections. */
class SqliteProcessStoreTest extends ProcessStoreContract {

    @TempDir
    Path dataDir;

    @Override
    protected ProcessStore newStore(MutableClock clock, int eventLogCapacity) {
        return new SqliteProcessStore(new SqliteOptions(dataDir, false, eventLogCapacity), clock);
    }

    @Override
    protected boolean storeIsEmpty(ProcessStore store) {
        return ((SqliteProcessStore) store).size() == 0;
    }

    @Override
    protected Optional<ProcessStore> reopen(MutableClock clock, int eventLogCapacity) {
        return Optional.of(newStore(clock, eventLogCapacity));
    }
}
