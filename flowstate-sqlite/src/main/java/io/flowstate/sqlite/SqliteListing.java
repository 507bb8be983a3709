package io.flowstate.sqlite;

import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.store.ListingCursor;
import io.flowstate.core.store.ProcessQuery;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one SELECT of a listing page: the filters of a {@link ProcessQuery} as a WHERE clause over the columns of
 * schema version 2, the keyset bound {@code (updated_at, id) < cursor}, newest first. The indexes by update, by flow
 * and by owner let SQLite walk rows in key order and stop at the limit.
 *
 * @param sql        the statement
 * @param parameters its parameters, in order
 */
record SqliteListing(String sql, List<Object> parameters) {

    static SqliteListing of(ProcessQuery query, long nowMillis) {
        StringBuilder where = new StringBuilder(" WHERE expires_at > ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(nowMillis);
        ListingCursor bound = query.upperBound();
        if (bound != null) {
            where.append(" AND (updated_at < ? OR (updated_at = ? AND id < ?))");
            parameters.add(bound.updatedAtMillis());
            parameters.add(bound.updatedAtMillis());
            parameters.add(bound.processId());
        }
        if (query.flow() != null) {
            where.append(" AND flow_id = ?");
            parameters.add(query.flow());
        }
        if (query.status() != null) {
            where.append(" AND status = ?");
            parameters.add(query.status().wireName());
        }
        if (query.waitingFor() != null) {
            where.append(" AND status = ? AND current_step = ?");
            parameters.add(ProcessStatus.WAITING.wireName());
            parameters.add(query.waitingFor());
        }
        if (query.owner() != null) {
            where.append(" AND owner = ?");
            parameters.add(query.owner());
        }
        parameters.add(query.limit());
        return new SqliteListing("SELECT record FROM processes" + where
                + " ORDER BY updated_at DESC, id DESC LIMIT ?", List.copyOf(parameters));
    }

    void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }
}
