package io.flowstate.sqlite;

import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.EventLog;
import io.flowstate.core.store.IdempotencyClaim;
import io.flowstate.core.store.ListingCursor;
import io.flowstate.core.store.LocalEventBus;
import io.flowstate.core.store.ProcessCodec;
import io.flowstate.core.store.ProcessPage;
import io.flowstate.core.store.ProcessQuery;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.store.StoreUnavailableException;
import io.flowstate.core.store.StoredResponse;
import io.flowstate.core.store.Subscription;
import io.flowstate.core.store.Swept;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The embedded default store: one SQLite file in WAL mode under a data directory, written by one writer
 * thread and read by a small pool. Every write is atomic (its own savepoint in a transaction that the writer
 * commits for every write queued meanwhile, docs/sqlite.md), so a compare-and-set checks the version, replaces
 * the row, appends and trims the event log and refreshes expiries at once, and a write is answered only after
 * its commit; data survives restarts. Events reach subscribers of this JVM only, in commit order, on the thread
 * that committed them, right after the commit (so listeners must return quickly, as {@link #subscribe} asks).
 *
 * <p>Expiry is kept in epoch milliseconds and compared with "now" truncated to milliseconds, so a process
 * may read as expired up to one millisecond early, never late.
 */
public final class SqliteProcessStore implements ProcessStore {

    private static final String UPDATE_PROCESS = "UPDATE processes SET flow_id = ?, version = ?, status = ?,"
            + " expires_at = ?, record = ?, updated_at = ?, owner = ?, current_step = ?"
            + " WHERE id = ? AND version = ? AND expires_at > ?";

    private final Clock clock;
    private final int eventLogCapacity;
    private final SqliteConnections connections;
    private final IdempotencyRecords idempotency;
    private final SqliteSettings settings;
    private final LocalEventBus bus = new LocalEventBus();
    private volatile boolean closed;

    /**
     * Opens (and creates or migrates) {@code <dataDir>/flowstate.db}.
     *
     * @throws StoreUnavailableException when the directory or file cannot be opened, or the file was written
     *                                   by a newer release
     */
    public SqliteProcessStore(SqliteOptions options, Clock clock) {
        this.clock = clock;
        this.eventLogCapacity = options.eventLogCapacity();
        this.connections = new SqliteConnections(options);
        this.idempotency = new IdempotencyRecords(connections, clock);
        this.settings = new SqliteSettings(connections);
    }

    @Override
    public boolean create(ProcessInstance process, Event event) {
        String id = process.processId().toString();
        // encoded on the caller's thread: the writer thread is shared by every write, the callers are not
        String record = ProcessCodec.encode(process);
        String eventPayload = ProcessCodec.encode(event, process, record);
        return connections.write(session -> {
            Optional<Long> expiresAt = expiresAt(session, id);
            if (expiresAt.isPresent() && expiresAt.get() > nowMillis()) {
                return false;
            }
            if (expiresAt.isPresent()) {
                // An expired process the sweeper has not reached yet: its id is free, its leftovers must go.
                purge(session, id);
            }
            PreparedStatement insert = session.prepare("INSERT INTO processes (flow_id, version, status,"
                    + " expires_at, record, updated_at, owner, current_step, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            bindProcess(insert, process, record);
            insert.executeUpdate();
            appendEvent(session, event, eventPayload);
            return true;
        }, created -> {
            if (created) {
                deliver(event);
            }
        });
    }

    @Override
    public Optional<ProcessInstance> get(UUID processId) {
        return connections.read(session -> {
            PreparedStatement select = session.prepare(
                    "SELECT record FROM processes WHERE id = ? AND expires_at > ?");
            select.setString(1, processId.toString());
            select.setLong(2, nowMillis());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(decodeProcess(row.getString(1))) : Optional.empty();
            }
        });
    }

    @Override
    public CasResult compareAndSet(long expectedVersion, ProcessInstance next, Event event) {
        if (next.version() != expectedVersion + 1 || event.version() != next.version()
                || !event.processId().equals(next.processId())) {
            throw new IllegalArgumentException("compareAndSet from version " + expectedVersion + " needs a process"
                    + " and event at version " + (expectedVersion + 1) + ", got " + next.version() + " and "
                    + event.version());
        }
        String id = next.processId().toString();
        String record = ProcessCodec.encode(next);
        String eventPayload = ProcessCodec.encode(event, next, record);
        return connections.write(session -> {
            long now = nowMillis();
            Optional<CasResult> refused = replace(session, expectedVersion, next, record, now);
            if (refused.isPresent()) {
                return refused.get();
            }
            appendEvent(session, event, eventPayload);
            if (next.version() > eventLogCapacity) { // before that, the log holds every event of the process
                PreparedStatement trim = session.prepare("DELETE FROM events WHERE process_id = ? AND version <= ?");
                trim.setString(1, id);
                trim.setLong(2, next.version() - eventLogCapacity);
                trim.executeUpdate();
            }
            idempotency.refreshCompleted(session, id, next.expiresAt());
            return new CasResult.Committed(next);
        }, result -> deliverIfCommitted(result, event));
    }

    @Override
    public CasResult delete(UUID processId, long expectedVersion, Event event) {
        String id = processId.toString();
        return connections.write(session -> {
            Optional<CasResult> refused = checkVersion(session, id, expectedVersion, nowMillis());
            if (refused.isPresent()) {
                return refused.get();
            }
            ProcessInstance removed = liveRecord(session, id).orElseThrow();
            purge(session, id);
            return new CasResult.Committed(removed);
        }, result -> deliverIfCommitted(result, event));
    }

    @Override
    public EventLog eventsSince(UUID processId, long afterVersion) {
        // One statement, so the process row and its events come from the same snapshot.
        return connections.read(session -> {
            PreparedStatement select = session.prepare("SELECT p.version,"
                    + " (SELECT MIN(version) FROM events WHERE process_id = p.id), e.payload"
                    + " FROM processes p LEFT JOIN events e ON e.process_id = p.id AND e.version > ?"
                    + " WHERE p.id = ? AND p.expires_at > ? ORDER BY e.version");
            select.setLong(1, afterVersion);
            select.setString(2, processId.toString());
            select.setLong(3, nowMillis());
            long version = 0;
            long oldest = Long.MAX_VALUE;
            List<Event> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return new EventLog(List.of(), false);
                }
                do {
                    version = rows.getLong(1);
                    long oldestRetained = rows.getLong(2);
                    oldest = rows.wasNull() ? Long.MAX_VALUE : oldestRetained;
                    String payload = rows.getString(3);
                    if (payload != null) {
                        events.add(decodeEvent(payload));
                    }
                } while (rows.next());
            }
            return EventLog.after(events, oldest, afterVersion, version);
        });
    }

    @Override
    public IdempotencyClaim claimIdempotency(String scope, String key, String fingerprint, Instant expiresAt) {
        return idempotency.claim(scope, key, fingerprint, expiresAt);
    }

    @Override
    public boolean renewIdempotency(String scope, String key, String fingerprint, Instant expiresAt) {
        return idempotency.renew(scope, key, fingerprint, expiresAt);
    }

    @Override
    public void completeIdempotency(String scope, String key, StoredResponse response, Instant expiresAt) {
        idempotency.complete(scope, key, response, expiresAt);
    }

    @Override
    public void releaseIdempotency(String scope, String key) {
        idempotency.release(scope, key);
    }

    @Override
    public Optional<String> setting(String name) {
        return settings.get(name);
    }

    @Override
    public void putSetting(String name, @Nullable String value) {
        settings.put(name, value);
    }

    @Override
    public String putSettingIfAbsent(String name, String value) {
        return settings.putIfAbsent(name, value);
    }

    @Override
    public Swept sweepExpired(int limit) {
        if (limit < 1) {
            return Swept.NOTHING;
        }
        return connections.write(session -> {
            long now = nowMillis();
            PreparedStatement select = session.prepare("SELECT id, status, record FROM processes"
                    + " WHERE expires_at <= ? ORDER BY expires_at LIMIT ?");
            select.setLong(1, now);
            select.setInt(2, limit);
            List<String> ids = new ArrayList<>();
            List<ProcessInstance> unfinished = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                    if (!ProcessStatus.fromWire(rows.getString(2)).isTerminal()) {
                        unfinished.add(decodeProcess(rows.getString(3)));
                    }
                }
            }
            for (String id : ids) {
                purge(session, id);
            }
            idempotency.deleteExpired(session, now);
            return new Swept(ids.size(), unfinished);
        });
    }

    @Override
    public ProcessPage list(ProcessQuery query) {
        SqliteListing listing = SqliteListing.of(query, nowMillis());
        return connections.read(session -> {
            PreparedStatement select = session.prepare(listing.sql());
            listing.bind(select);
            List<ProcessInstance> page = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    page.add(decodeProcess(rows.getString(1)));
                }
            }
            return ProcessPage.of(page, query.limit(), page.isEmpty() ? null : ListingCursor.of(page.getLast()));
        });
    }

    @Override
    public Subscription subscribe(Consumer<Event> listener) {
        return bus.subscribe(listener);
    }

    @Override
    public void publish(Event event) {
        if (closed) {
            throw new StoreUnavailableException("the SQLite store is closed");
        }
        bus.publish(event);
    }

    @Override
    public void ping() {
        connections.read(session -> {
            try (ResultSet row = session.prepare("SELECT 1").executeQuery()) {
                return row.next();
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        connections.close();
    }

    /** Rows held: processes, retained events and idempotency records, expired or not (for invariant tests). */
    public long size() {
        return connections.read(session -> {
            try (ResultSet row = session.prepare("SELECT (SELECT COUNT(*) FROM processes)"
                    + " + (SELECT COUNT(*) FROM events) + (SELECT COUNT(*) FROM idempotency)").executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    /**
     * Replaces the live row at {@code expectedVersion} (never {@link #ANY_VERSION}: {@code next} is one version past
     * it) with {@code next}, in one statement that checks the version and expiry itself; Conflict or NotFound, with
     * nothing changed, when the row is not there to replace.
     */
    private Optional<CasResult> replace(SqliteSession session, long expectedVersion, ProcessInstance next,
                                        String record, long now) throws SQLException {
        PreparedStatement update = session.prepare(UPDATE_PROCESS);
        bindProcess(update, next, record);
        update.setLong(10, expectedVersion);
        update.setLong(11, now);
        if (update.executeUpdate() == 1) {
            return Optional.empty();
        }
        return Optional.of(checkVersion(session, next.processId().toString(), expectedVersion, now)
                .orElseThrow(() -> new IllegalStateException("the row of " + next.processId() + " at version "
                        + expectedVersion + " was not updated")));
    }

    /** Conflict or NotFound when the live row is not at {@code expectedVersion}; empty when the write may go on. */
    private Optional<CasResult> checkVersion(SqliteSession session, String id, long expectedVersion, long now)
            throws SQLException {
        PreparedStatement select = session.prepare("SELECT version, expires_at FROM processes WHERE id = ?");
        select.setString(1, id);
        try (ResultSet row = select.executeQuery()) {
            if (!row.next() || row.getLong(2) <= now) {
                return Optional.of(new CasResult.NotFound());
            }
            if (expectedVersion == ANY_VERSION || row.getLong(1) == expectedVersion) {
                return Optional.empty();
            }
        }
        return Optional.of(new CasResult.Conflict(liveRecord(session, id).orElseThrow()));
    }

    private Optional<ProcessInstance> liveRecord(SqliteSession session, String id) throws SQLException {
        PreparedStatement select = session.prepare("SELECT record FROM processes WHERE id = ?");
        select.setString(1, id);
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(decodeProcess(row.getString(1))) : Optional.empty();
        }
    }

    private static Optional<Long> expiresAt(SqliteSession session, String id) throws SQLException {
        PreparedStatement select = session.prepare("SELECT expires_at FROM processes WHERE id = ?");
        select.setString(1, id);
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
        }
    }

    private void purge(SqliteSession session, String id) throws SQLException {
        for (String sql : List.of("DELETE FROM processes WHERE id = ?", "DELETE FROM events WHERE process_id = ?")) {
            PreparedStatement delete = session.prepare(sql);
            delete.setString(1, id);
            delete.executeUpdate();
        }
        idempotency.deleteScope(session, id);
    }

    /**
     * Binds (flow_id, version, status, expires_at, record, updated_at, owner, current_step, id), the order of the
     * INSERT and the UPDATE.
     */
    private static void bindProcess(PreparedStatement statement, ProcessInstance process, String record)
            throws SQLException {
        statement.setString(1, process.flowId());
        statement.setLong(2, process.version());
        statement.setString(3, process.status().wireName());
        statement.setLong(4, Millis.of(process.expiresAt()));
        statement.setString(5, record);
        statement.setLong(6, process.updatedAt().toEpochMilli());
        statement.setString(7, process.owner());
        statement.setString(8, process.currentStep());
        statement.setString(9, process.processId().toString());
    }

    private static void appendEvent(SqliteSession session, Event event, String payload) throws SQLException {
        PreparedStatement insert = session.prepare(
                "INSERT INTO events (process_id, version, type, at, payload) VALUES (?, ?, ?, ?, ?)");
        insert.setString(1, event.processId().toString());
        insert.setLong(2, event.version());
        insert.setString(3, event.type().wireName());
        insert.setLong(4, Millis.of(event.at()));
        insert.setString(5, payload);
        insert.executeUpdate();
    }

    private void deliverIfCommitted(CasResult result, Event event) {
        if (result instanceof CasResult.Committed) {
            deliver(event);
        }
    }

    /**
     * Hands a committed event to this JVM's listeners. Called with the connection still held after the commit, so
     * events reach listeners in commit order, on the thread that committed them.
     */
    private void deliver(Event event) {
        bus.publish(event);
    }

    private long nowMillis() {
        return Millis.of(clock.instant());
    }

    private static ProcessInstance decodeProcess(String json) {
        try {
            return ProcessCodec.decodeProcess(json);
        } catch (UncheckedIOException e) {
            throw new StoreUnavailableException("a stored process record is corrupt", e);
        }
    }

    private static Event decodeEvent(String json) {
        try {
            return ProcessCodec.decodeEvent(json);
        } catch (UncheckedIOException e) {
            throw new StoreUnavailableException("a stored event is corrupt", e);
        }
    }
}
