package im.natter.archive;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Explicit transactions on connections kept in autocommit mode. sqlite-jdbc's own non-autocommit mode starts
 * the next transaction right after each commit; explicit BEGIN/COMMIT keeps a connection idle between units.
 */
final class Transactions {

    private static final System.Logger LOG = System.getLogger(Transactions.class.getName());

    private Transactions() {
    }

    static <T> T run(Connection connection, String begin, SqlWork<T> work) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(begin);
        }
        try {
            T result = work.run(connection);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("COMMIT");
            }
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            rollbackQuietly(connection, e);
            throw e;
        }
    }

    /** SQLite may already have rolled back by itself (e.g. after SQLITE_FULL); that is not a second failure. */
    static void rollbackQuietly(Connection connection, Throwable cause) {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("ROLLBACK");
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "rollback after " + cause + " did not run: " + e.getMessage());
        }
    }
}
