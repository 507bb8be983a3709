package io.flowstate.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The {@code settings} table: shared settings by name (the migration switch, the session cookie key). */
final class SqliteSettings {

    private final SqliteConnections connections;

    SqliteSettings(SqliteConnections connections) {
        this.connections = connections;
    }

    Optional<String> get(String name) {
        return connections.read(session -> {
            PreparedStatement select = session.prepare("SELECT value FROM settings WHERE name = ?");
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        });
    }

    void put(String name, @Nullable String value) {
        connections.writeStatement(session -> {
            PreparedStatement statement;
            if (value == null) {
                statement = session.prepare("DELETE FROM settings WHERE name = ?");
                statement.setString(1, name);
            } else {
                statement = session.prepare("INSERT INTO settings (name, value) VALUES (?, ?)"
                        + " ON CONFLICT (name) DO UPDATE SET value = excluded.value");
                statement.setString(1, name);
                statement.setString(2, value);
            }
            return statement.executeUpdate();
        });
    }

    String putIfAbsent(String name, String value) {
        return connections.write(session -> {
            PreparedStatement insert = session.prepare("INSERT OR IGNORE INTO settings (name, value) VALUES (?, ?)");
            insert.setString(1, name);
            insert.setString(2, value);
            insert.executeUpdate();
            PreparedStatement select = session.prepare("SELECT value FROM settings WHERE name = ?");
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        });
    }
}
