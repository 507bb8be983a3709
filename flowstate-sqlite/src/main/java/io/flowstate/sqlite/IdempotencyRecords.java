package io.flowstate.sqlite;

import com.fasterxml.jackson.core.type.TypeReference;
import io.flowstate.core.json.Json;
import io.flowstate.core.store.IdempotencyClaim;
import io.flowstate.core.store.StoreUnavailableException;
import io.flowstate.core.store.StoredResponse;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The idempotency table. A row without a response status is a claim still in flight. Rows scoped to a
 * process (scope = its id) go with the process; the others lapse at their own expiry.
 */
final class IdempotencyRecords {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final SqliteConnections connections;
    private final Clock clock;

    IdempotencyRecords(SqliteConnections connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    IdempotencyClaim claim(String scope, String key, String fingerprint, Instant expiresAt) {
        return connections.write(session -> {
            PreparedStatement select = session.prepare("SELECT fingerprint, response_status, response_headers,"
                    + " response_body FROM idempotency WHERE scope = ? AND idem_key = ? AND expires_at > ?");
            select.setString(1, scope);
            select.setString(2, key);
            select.setLong(3, Millis.of(clock.instant()));
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    int status = row.getInt(2);
                    if (row.wasNull()) {
                        return new IdempotencyClaim.InFlight();
                    }
                    StoredResponse response = new StoredResponse(status, headers(row.getString(3)), row.getBytes(4));
                    return new IdempotencyClaim.Completed(response, row.getString(1).equals(fingerprint));
                }
            }
            PreparedStatement claim = session.prepare("INSERT OR REPLACE INTO idempotency"
                    + " (scope, idem_key, fingerprint, expires_at) VALUES (?, ?, ?, ?)");
            claim.setString(1, scope);
            claim.setString(2, key);
            claim.setString(3, fingerprint);
            claim.setLong(4, Millis.of(expiresAt));
            claim.executeUpdate();
            return new IdempotencyClaim.Claimed();
        });
    }

    boolean renew(String scope, String key, String fingerprint, Instant expiresAt) {
        int updated = connections.writeStatement(session -> {
            PreparedStatement update = session.prepare("UPDATE idempotency SET expires_at = ? WHERE scope = ?"
                    + " AND idem_key = ? AND fingerprint = ? AND response_status IS NULL AND expires_at > ?");
            update.setLong(1, Millis.of(expiresAt));
            update.setString(2, scope);
            update.setString(3, key);
            update.setString(4, fingerprint);
            update.setLong(5, Millis.of(clock.instant()));
            return update.executeUpdate();
        });
        return updated == 1;
    }

    void complete(String scope, String key, StoredResponse response, Instant expiresAt) {
        connections.writeStatement(session -> {
            PreparedStatement update = session.prepare("UPDATE idempotency SET response_status = ?,"
                    + " response_headers = ?, response_body = ?, expires_at = ? WHERE scope = ? AND idem_key = ?");
            update.setInt(1, response.status());
            update.setString(2, Json.text(response.headers()));
            update.setBytes(3, response.body());
            update.setLong(4, Millis.of(expiresAt));
            update.setString(5, scope);
            update.setString(6, key);
            return update.executeUpdate();
        });
    }

    void release(String scope, String key) {
        connections.writeStatement(session -> {
            PreparedStatement delete = session.prepare("DELETE FROM idempotency WHERE scope = ? AND idem_key = ?");
            delete.setString(1, scope);
            delete.setString(2, key);
            return delete.executeUpdate();
        });
    }

    /**
     * Moves the expiry of the answered records of a process to the process's new expiry. Claims in flight
     * keep their short lease, so a request that died after its commit does not block retries for a whole TTL.
     */
    void refreshCompleted(SqliteSession session, String processId, Instant expiresAt) throws SQLException {
        PreparedStatement update = session.prepare("UPDATE idempotency SET expires_at = ?"
                + " WHERE scope = ? AND response_status IS NOT NULL");
        update.setLong(1, Millis.of(expiresAt));
        update.setString(2, processId);
        update.executeUpdate();
    }

    void deleteScope(SqliteSession session, String scope) throws SQLException {
        PreparedStatement delete = session.prepare("DELETE FROM idempotency WHERE scope = ?");
        delete.setString(1, scope);
        delete.executeUpdate();
    }

    void deleteExpired(SqliteSession session, long nowMillis) throws SQLException {
        PreparedStatement delete = session.prepare("DELETE FROM idempotency WHERE expires_at <= ?");
        delete.setLong(1, nowMillis);
        delete.executeUpdate();
    }

    private static Map<String, String> headers(String json) {
        try {
            return Json.mapper().readValue(json, HEADERS);
        } catch (IOException e) {
            throw new StoreUnavailableException("a stored idempotent response is corrupt", e);
        }
    }
}
