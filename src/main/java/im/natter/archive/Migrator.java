package im.natter.archive;

import im.natter.domain.port.ArchiveException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings the archive schema up to date, forward only. {@code PRAGMA user_version} records how many migrations
 * have run; migration N is the resource {@code migration/V00N__*.sql}, applied in its own transaction together
 * with the version bump, so a crash leaves the archive at N-1 or N, never in between.
 */
final class Migrator {

    /** In order; the position (from 1) is the schema version the file produces. Never edit a released file. */
    static final List<String> MIGRATIONS = List.of("V001__init.sql", "V002__history_sync.sql",
            "V003__message_changes.sql", "V004__rooms.sql", "V005__sender_clock.sql", "V006__search_backlog.sql",
            "V007__id_indexes.sql");

    private final List<String> migrations;

    Migrator() {
        this(MIGRATIONS);
    }

    Migrator(List<String> migrations) {
        for (int i = 0; i < migrations.size(); i++) {
            String expectedPrefix = "V%03d__".formatted(i + 1);
            if (!migrations.get(i).startsWith(expectedPrefix)) {
                throw new IllegalArgumentException(migrations.get(i) + " should start with " + expectedPrefix);
            }
        }
        this.migrations = List.copyOf(migrations);
    }

    int latestVersion() {
        return migrations.size();
    }

    /**
     * Refuses an archive written by a newer Natter before anything touches it: its schema may mean things this
     * version does not know, and writing to it could lose them.
     */
    void refuseNewer(Connection connection) throws SQLException, ArchiveException {
        int version = version(connection);
        if (version > latestVersion()) {
            throw new ArchiveException("This message archive was saved by a newer version of Natter (archive"
                    + " version " + version + "; this Natter knows up to " + latestVersion() + "). Update Natter"
                    + " to open it. The archive was left untouched.", null);
        }
    }

    /** Applies every migration newer than the archive's version; the connection must be in autocommit mode. */
    void migrate(Connection connection) throws SQLException, ArchiveException {
        refuseNewer(connection);
        for (int next = version(connection) + 1; next <= latestVersion(); next++) {
            apply(connection, next, load(migrations.get(next - 1)));
        }
    }

    static int version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void apply(Connection connection, int version, String sql) throws SQLException {
        Transactions.run(connection, "BEGIN IMMEDIATE", c -> {
            try (Statement statement = c.createStatement()) {
                // sqlite-jdbc runs every statement of a multi-statement string (sqlite3_exec), triggers included.
                statement.executeUpdate(sql);
                statement.executeUpdate("PRAGMA user_version = " + version);
            }
            return null;
        });
    }

    private static String load(String name) {
        try (InputStream in = Migrator.class.getResourceAsStream("migration/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + name, e);
        }
    }
}
