package io.flowstate.sqlite;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a {@link SqliteProcessStore} opens its file.
 *
 * @param dataDir           directory of {@code flowstate.db} (config {@code store.dataDir}); created if absent
 * @param strictDurability  {@code synchronous=FULL}, so a commit survives power loss (config
 *                          {@code store.durability = "strict"}); otherwise {@code NORMAL}, which in WAL mode
 *                          survives a crash of the process but may lose the last commits on power loss
 * @param eventLogCapacity  events kept per process (config {@code store.eventLogSize})
 * @param readConnections   connections that serve reads beside the one writer; 0 sends reads through the writer
 * @param busyTimeout       how long a write may wait in the writer's queue, a read for a read connection, or either
 *                          for a file locked by another program, before it fails with
 *                          {@link io.flowstate.core.store.StoreUnavailableException} (a write the writer has taken
 *                          is always waited for: it may already be committed)
 * @param owner             take ownership of the file ({@code flowstate.db.lock}, docs/decisions/0007), as a server
 *                          does; false for a tool that shares the file with its running owner and writes only
 *                          settings (the owner's near cache would not see a process written by anyone else)
 */
public record SqliteOptions(Path dataDir, boolean strictDurability, int eventLogCapacity, int readConnections,
                            Duration busyTimeout, boolean owner) {

    /** The file name inside {@link #dataDir}. */
    public static final String FILE_NAME = "flowstate.db";
    public static final int DEFAULT_READ_CONNECTIONS = 2;
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

    public SqliteOptions {
        if (dataDir == null) {
            throw new IllegalArgumentException("store.dataDir must be set");
        }
        if (eventLogCapacity < 1) {
            throw new IllegalArgumentException("store.eventLogSize must be at least 1, was " + eventLogCapacity);
        }
        if (readConnections < 0) {
            throw new IllegalArgumentException("readConnections must be 0 or more, was " + readConnections);
        }
        if (busyTimeout == null || busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busyTimeout must be between 0 and " + Integer.MAX_VALUE + " ms");
        }
    }

    /** Options of a store that owns its file. */
    public SqliteOptions(Path dataDir, boolean strictDurability, int eventLogCapacity, int readConnections,
                         Duration busyTimeout) {
        this(dataDir, strictDurability, eventLogCapacity, readConnections, busyTimeout, true);
    }

    /** Options of a store that owns its file, with the default read pool and busy timeout. */
    public SqliteOptions(Path dataDir, boolean strictDurability, int eventLogCapacity) {
        this(dataDir, strictDurability, eventLogCapacity, DEFAULT_READ_CONNECTIONS, DEFAULT_BUSY_TIMEOUT);
    }

    /** The same options for a tool beside the file's running owner: no ownership taken, settings only. */
    public SqliteOptions beside() {
        return new SqliteOptions(dataDir, strictDurability, eventLogCapacity, readConnections, busyTimeout, false);
    }

    /** The database file. */
    public Path file() {
        return dataDir.resolve(FILE_NAME);
    }
}
