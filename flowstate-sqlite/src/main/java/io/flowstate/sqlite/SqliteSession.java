package io.flowstate.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * One connection and its prepared statements. Used by one thread at a time (the writer lock or the read
 * pool guarantees it), so statements are prepared once and reused rather than compiled on every call.
 */
final class SqliteSession implements AutoCloseable {

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    SqliteSession(Connection connection) {
        this.connection = connection;
    }

    /** The cached statement for {@code sql}, with its parameters cleared. */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        } else {
            statement.clearParameters();
        }
        return statement;
    }

    /** Runs a transaction-control statement ({@code BEGIN}, {@code COMMIT}, savepoints), prepared once. */
    void control(String sql) throws SQLException {
        prepare(sql).execute();
    }

    /** Runs SQL without parameters or results (pragmas, DDL). */
    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : statements.values()) {
            statement.close();
        }
        statements.clear();
        connection.close();
    }
}
