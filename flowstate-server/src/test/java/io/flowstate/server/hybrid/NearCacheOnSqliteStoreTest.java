package io.flowstate.server.hybrid;

import io.flowstate.core.store.ProcessStore;
import io.flowstate.sqlite.SqliteOptions;
import io.flowstate.sqlite.SqliteProcessStore;
import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.ProcessStoreContract;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/**
 * The near cache is a store: the contract holds for it over SQLite, caching every process as the server does on
 * SQLite (docs/decisions/0007), restart included.
 */
class NearCacheOnSqliteStoreTest extends ProcessStoreContract {

    @TempDir
    Path dataDir;
    private SqliteProcessStore sqlite;

    @Override
    protected ProcessStore newStore(MutableClock clock, int eventLogCapacity) {
        sqlite = new SqliteProcessStore(new SqliteOptions(dataDir, false, eventLogCapacity), clock);
        return new NearCacheProcessStore(sqlite, process -> true, 1_000, clock);
    }

    @Override
    protected boolean storeIsEmpty(ProcessStore store) {
        return sqlite.size() == 0;
    }

    @Override
    protected Optional<ProcessStore> reopen(MutableClock clock, int eventLogCapacity) {
        return Optional.of(newStore(clock, eventLogCapacity));
    }
}
