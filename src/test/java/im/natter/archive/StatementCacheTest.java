package im.natter.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a real SQLite file. */
class StatementCacheTest {

    @TempDir
    Path dir;

    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = StatementCache.wrap(DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("cache.db")));
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void aTextPreparedAgainAfterCloseIsCompiledOnce() throws SQLException {
        for (int i = 0; i < 5; i++) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t (k, v) VALUES (?, ?)")) {
                insert.setInt(1, i);
                insert.setString(2, "v" + i);
                insert.executeUpdate();
            }
        }

        assertThat(StatementCache.preparedCount(connection)).isEqualTo(1);
        assertThat(count()).isEqualTo(5);
    }

    @Test
    void aReusedStatementStartsWithoutTheLastUsesParameters() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t (k, v) VALUES (?, ?)")) {
            insert.setInt(1, 1);
            insert.setString(2, "one");
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t (k, v) VALUES (?, ?)")) {
            insert.setInt(1, 2);
            // v left unbound: NULL, not the last use's "one"
            insert.executeUpdate();
        }

        try (PreparedStatement query = connection.prepareStatement("SELECT v FROM t WHERE k = ?")) {
            query.setInt(1, 2);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isNull();
            }
        }
    }

    @Test
    void theSameTextNestedGetsItsOwnStatement() throws SQLException {
        insert(1, "a");
        insert(2, "b");
        String sql = "SELECT k FROM t WHERE k >= ? ORDER BY k";

        try (PreparedStatement outer = connection.prepareStatement(sql)) {
            outer.setInt(1, 1);
            try (ResultSet rows = outer.executeQuery()) {
                assertThat(rows.next()).isTrue();
                try (PreparedStatement inner = connection.prepareStatement(sql)) {
                    inner.setInt(1, 2);
                    try (ResultSet innerRows = inner.executeQuery()) {
                        assertThat(innerRows.next()).isTrue();
                        assertThat(innerRows.getInt(1)).isEqualTo(2);
                    }
                }
                // the outer cursor is where it was
                assertThat(rows.getInt(1)).isEqualTo(1);
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(2);
            }
        }
        // the insert once, the query twice
        assertThat(StatementCache.preparedCount(connection)).isEqualTo(3);
    }

    @Test
    void aResultSetLeftOpenIsClosedWhenItsStatementIsGivenBack() throws SQLException {
        insert(1, "a");
        ResultSet leftOpen;
        try (PreparedStatement query = connection.prepareStatement("SELECT k FROM t")) {
            leftOpen = query.executeQuery();
        }

        assertThat(leftOpen.isClosed()).isTrue();
        // and the write lock is not held by a half-read query: another write commits
        insert(2, "b");
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void aClosedUseCannotRunAgain() throws SQLException {
        PreparedStatement query = connection.prepareStatement("SELECT k FROM t");
        query.close();

        assertThat(query.isClosed()).isTrue();
        assertThatThrownBy(query::executeQuery).isInstanceOf(SQLException.class);
    }

    @Test
    void textsBuiltAtRunTimeDoNotGrowTheCacheWithoutBound() throws SQLException {
        for (int i = 0; i < StatementCache.TEXTS * 2; i++) {
            try (PreparedStatement query = connection.prepareStatement("SELECT k FROM t WHERE k = " + i)) {
                query.executeQuery().close();
            }
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT k FROM t WHERE k = 0")) {
            query.executeQuery().close();
        }

        // the oldest texts were let go (and closed), so the first one is compiled again (the table's creation went
        // through a plain statement, not the cache)
        assertThat(StatementCache.preparedCount(connection)).isEqualTo(StatementCache.TEXTS * 2 + 1);
    }

    private void insert(int k, String v) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t (k, v) VALUES (?, ?)")) {
            insert.setInt(1, k);
            insert.setString(2, v);
            insert.executeUpdate();
        }
    }

    private int count() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM t");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
