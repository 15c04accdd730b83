package im.natter.archive;

import java.sql.Connection;
import java.sql.SQLException;

/** A piece of work on one connection, run by {@link Database} inside a transaction. */
@FunctionalInterface
interface SqlWork<T> {

    T run(Connection connection) throws SQLException;
}
