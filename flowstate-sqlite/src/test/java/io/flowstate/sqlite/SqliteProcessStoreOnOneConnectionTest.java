package io.flowstate.sqlite;

import io.flowstate.core.store.ProcessStore;
import io.flowstate.testkit.MutableClock;

/** The contract again with no read pool: reads share the writer connection and its lock. */
class SqliteProcessStoreOnOneConnectionTest extends SqliteProcessStoreTest {

    @Override
    protected ProcessStore newStore(MutableClock clock, int eventLogCapacity) {
        return new SqliteProcessStore(new SqliteOptions(dataDir, true, eventLogCapacity, 0,
                SqliteOptions.DEFAULT_BUSY_TIMEOUT), clock);
    }
}
