package io.flowstate.bench.peers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * How a peer engine is set up: where H2 keeps the engine's tables and how much history the engine writes. The
 * job executor is always off (the flow has no timers or asynchronous steps), everything else is the engine's
 * default.
 *
 * @param dir where a {@link Database#FILE} database keeps its file
 */
public record PeerSetup(Database database, History history, Path dir) {

    /** H2 in memory, or H2 on a file with its default settings (no fsync per commit). */
    public enum Database { MEMORY, FILE }

    /** The engine's history level: {@code audit} records instances, tasks and variables; {@code none} nothing. */
    public enum History { AUDIT, NONE }

    /** For example {@code file-audit}. */
    public String label() {
        return database.name().toLowerCase(Locale.ROOT) + "-" + history.name().toLowerCase(Locale.ROOT);
    }

    String jdbcUrl(String name) {
        return switch (database) {
            case MEMORY -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
            case FILE -> "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath();
        };
    }

    /** Closes the database once the engine has closed its pool, so memory and file handles are given back. */
    static void shutdown(String jdbcUrl) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException("H2 did not shut down: " + jdbcUrl, e);
        }
    }
}
