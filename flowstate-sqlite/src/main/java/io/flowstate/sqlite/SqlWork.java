package io.flowstate.sqlite;

import java.sql.SQLException;

/** Work done on one connection, inside whatever transaction the caller opened. */
@FunctionalInterface
interface SqlWork<T> {
    T run(SqliteSession session) throws SQLException;
}
