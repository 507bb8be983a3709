package io.flowstate.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.store.ProcessQuery;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner index holds only owned processes (schema version 4), so a step of a process without owner leaves it
 * alone; a listing by owner still walks it rather than the whole table.
 */
class SqliteOwnerIndexTest {

    @TempDir
    Path dataDir;

    @Test
    void aListingByOwnerWalksThePartialOwnerIndex() {
        try (SqliteConnections connections = new SqliteConnections(
                new SqliteOptions(dataDir, false, 10, 1, Duration.ofSeconds(5)))) {
            SqliteListing listing = SqliteListing.of(new ProcessQuery(null, null, null, "ada", null, 10, null), 0L);
            List<String> plan = connections.read(session -> {
                PreparedStatement explain = session.prepare("EXPLAIN QUERY PLAN " + listing.sql());
                listing.bind(explain);
                List<String> details = new ArrayList<>();
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        details.add(rows.getString("detail"));
                    }
                }
                return details;
            });
            assertThat(plan).anySatisfy(detail -> assertThat(detail).contains("processes_by_owner"));
            String index = connections.read(session -> {
                try (ResultSet row = session.prepare(
                        "SELECT sql FROM sqlite_master WHERE name = 'processes_by_owner'").executeQuery()) {
                    row.next();
                    return row.getString(1);
                }
            });
            assertThat(index).endsWith("WHERE owner IS NOT NULL");
        }
    }
}
