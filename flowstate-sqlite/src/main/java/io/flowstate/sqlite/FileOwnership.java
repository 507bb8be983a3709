package io.flowstate.sqlite;

import io.flowstate.core.store.StoreUnavailableException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One store at a time owns an SQLite file: an exclusive lock on {@code flowstate.db.lock} beside it, held until
 * {@link #close}. Every write to the file then passes through the one owner, whose events (delivered in this JVM
 * only) and whose near cache of processes (docs/decisions/0007) see them all. A second server on the same data
 * directory, or a second store in this JVM, is refused at start rather than served stale. The operating system
 * drops the lock when the owning process dies, so a crash never leaves the file locked.
 */
final class FileOwnership implements AutoCloseable {

    /** The lock file's name inside the data directory. */
    static final String LOCK_FILE = SqliteOptions.FILE_NAME + ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private FileOwnership(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or fails at once when another store holds it. */
    static FileOwnership take(Path dataDir) {
        Path file = dataDir.resolve(LOCK_FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot open the lock file " + file, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreUnavailableException("cannot lock " + file + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new StoreUnavailableException("the SQLite store in " + dataDir + " is in use by another Flowstate"
                    + " server (it holds " + file + "); one server owns a data directory, and several instances"
                    + " share processes through Redis (store.kind = \"redis\")");
        }
        return new FileOwnership(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it as well
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held any more that a caller could act on
        }
    }
}
