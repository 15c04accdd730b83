package im.natter.archive;

import java.sql.SQLException;

/** Closes what a writer prepared, all of it even when one close fails, reporting the first failure. */
final class Statements {

    private Statements() {
    }

    @FunctionalInterface
    interface SqlCloseable {
        void close() throws SQLException;
    }

    static void closeAll(Iterable<? extends SqlCloseable> resources) throws SQLException {
        SQLException failure = null;
        for (SqlCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
