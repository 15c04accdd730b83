package im.natter.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.SyncState;
import im.natter.domain.port.ArchiveException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigratorTest {

    @TempDir
    Path dir;

    @Test
    void anEmptyFileGetsTheWholeSchema() throws Exception {
        Path file = dir.resolve("archive.db");
        try (Database database = Database.open(file)) {
            assertThat(database.<Integer>read(Migrator::version)).isEqualTo(Migrator.MIGRATIONS.size());
            assertThat(database.<List<String>>read(MigratorTest::tableNames)).contains("account", "contact", "contact_group",
                    "subscription_request", "conversation", "message", "message_fts", "sync_state");
            assertThat(database.<List<String>>read(c -> names(c, "SELECT name FROM sqlite_schema WHERE type = 'index'")))
                    .contains("message_by_stanza_id", "message_by_origin_id", "message_by_time")
                    .doesNotContain("message_stanza_lookup", "message_origin_lookup");
            assertThat(database.<List<String>>read(c -> names(c, "SELECT name FROM sqlite_schema WHERE type = 'trigger'")))
                    .containsExactlyInAnyOrder("message_search_backlog_after_insert", "message_fts_after_delete",
                            "message_fts_after_update");
        }
    }

    @Test
    void openingAgainAppliesNothingTwiceAndKeepsTheData() throws Exception {
        Path file = dir.resolve("archive.db");
        try (Database database = Database.open(file)) {
            new SqliteMessageStore(database).insert(TestMessages.from(TestMessages.BOB).body("kept").build());
        }
        try (Database database = Database.open(file)) {
            assertThat(database.<Integer>read(Migrator::version)).isEqualTo(Migrator.MIGRATIONS.size());
            var page = new SqliteMessageStore(database).page(
                    im.natter.domain.model.ConversationKey.chat(TestMessages.ALICE, TestMessages.BOB), 0, 10);
            assertThat(page).extracting(m -> m.body()).containsExactly("kept");
        }
    }

    @Test
    void anArchiveOfVersionOneGainsHistorySyncAndKeepsEverything() throws Exception {
        Path file = dir.resolve("archive.db");
        ConversationKey withBob = ConversationKey.chat(TestMessages.ALICE, TestMessages.BOB);
        versionOneArchive(file);

        try (Database v2 = Database.open(file)) {
            assertThat(v2.<Integer>read(Migrator::version)).isEqualTo(Migrator.MIGRATIONS.size());
            assertThat(v2.<List<String>>read(MigratorTest::tableNames)).contains("sync_state");
            SqliteMessageStore messages = new SqliteMessageStore(v2);
            SqliteConversationStore conversations = new SqliteConversationStore(v2);
            assertThat(messages.page(withBob, 0, 10)).extracting(ChatMessage::body)
                    .containsExactly("from version one", "my reply");
            assertThat(conversations.conversation(withBob).orElseThrow().unread()).isEqualTo(1);

            SqliteSyncStateStore sync = new SqliteSyncStateStore(v2);
            assertThat(sync.syncState(TestMessages.ALICE, null)).isEmpty();
            SyncState cursor = new SyncState(TestMessages.ALICE, null, "s-2", TestMessages.T0.plusSeconds(60));
            List<ChatMessage> added = sync.storePage(List.of(
                    TestMessages.from(TestMessages.BOB).body("from version one").stanzaId("s-1", "alice@example.org")
                            .at(TestMessages.T0).build(),
                    TestMessages.to(TestMessages.BOB).body("my reply").originId("o-1").stanzaId("s-2", "alice@example.org")
                            .at(TestMessages.T0.plusSeconds(1)).build()), cursor);
            assertThat(added).isEmpty();
            assertThat(messages.findByOriginId(TestMessages.ALICE, "o-1").orElseThrow().stanzaId()).isEqualTo("s-2");
            assertThat(sync.syncState(TestMessages.ALICE, null)).contains(cursor);
            assertThat(conversations.markRead(withBob).unread()).isZero();
            assertThat(v2.integrityProblems()).isEmpty();
        }
    }

    @Test
    void anOlderArchiveGainsTheChainOfChangesAndItsMessagesCanBeCorrected() throws Exception {
        Path file = dir.resolve("archive.db");
        ConversationKey withBob = ConversationKey.chat(TestMessages.ALICE, TestMessages.BOB);
        versionOneArchive(file);

        try (Database v3 = Database.open(file)) {
            assertThat(v3.<List<String>>read(MigratorTest::tableNames)).contains("message_change");
            SqliteMessageStore messages = new SqliteMessageStore(v3);
            ChatMessage old = messages.page(withBob, 0, 10).getFirst();
            assertThat(old.editedAt()).isNull();
            assertThat(old.retracted()).isFalse();
            var result = messages.applyChange(new im.natter.domain.model.MessageChange(withBob,
                    im.natter.domain.model.MessageChange.Kind.RETRACTION, TestMessages.BOB, "s-1", "",
                    im.natter.domain.model.ContentKind.TEXT, "r-1", null, null, null,
                    TestMessages.T0.plusSeconds(5)));
            assertThat(result.changed()).singleElement().satisfies(m -> assertThat(m.retracted()).isTrue());
            assertThat(v3.integrityProblems()).isEmpty();
        }
    }

    /** An archive as Natter 1 left it, written with version 1's own SQL (today's stores expect today's schema). */
    private static void versionOneArchive(Path file) throws Exception {
        try (Database v1 = Database.open(file, new Migrator(List.of("V001__init.sql")))) {
            assertThat(v1.<Integer>read(Migrator::version)).isEqualTo(1);
            long t0 = TestMessages.T0.toEpochMilli();
            v1.write(c -> {
                try (Statement statement = c.createStatement()) {
                    statement.executeUpdate("INSERT INTO account (id, address) VALUES (1, 'alice@example.org')");
                    statement.executeUpdate("INSERT INTO conversation (id, account_id, peer, kind, unread, created)"
                            + " VALUES (1, 1, 'bob@example.org', 'CHAT', 1, " + t0 + ")");
                    statement.executeUpdate("""
                            INSERT INTO message (conversation_id, direction, sender, body, content_kind, origin_id,
                                                 stanza_id, stanza_id_by, server_time, local_time, sort_time, state)
                            VALUES (1, 'INCOMING', 'bob@example.org', 'from version one', 'TEXT', NULL,
                                    's-1', 'alice@example.org', %1$d, %1$d, %1$d, 'RECEIVED'),
                                   (1, 'OUTGOING', 'alice@example.org', 'my reply', 'TEXT', 'o-1',
                                    NULL, NULL, %2$d, %2$d, %2$d, 'ON_SERVER')""".formatted(t0, t0 + 1_000));
                }
                return null;
            });
        }
    }

    @Test
    void theConnectionRunsInWalModeWithForeignKeys() throws Exception {
        try (Database database = Database.open(dir.resolve("archive.db"))) {
            assertThat(database.<String>write(c -> single(c, "PRAGMA journal_mode"))).isEqualTo("wal");
            assertThat(database.<String>write(c -> single(c, "PRAGMA foreign_keys"))).isEqualTo("1");
            assertThat(database.<String>write(c -> single(c, "PRAGMA synchronous"))).isEqualTo("1"); // NORMAL
            assertThat(database.<String>read(c -> single(c, "PRAGMA foreign_keys"))).isEqualTo("1");
        }
    }

    @Test
    void anArchiveFromANewerNatterIsRefusedAndLeftUntouched() throws Exception {
        Path file = dir.resolve("archive.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE future_thing (x)");
            statement.executeUpdate("PRAGMA user_version = 99");
        }
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> Database.open(file))
                .isInstanceOf(ArchiveException.class)
                .hasMessageContaining("newer version of Natter")
                .hasMessageContaining("left untouched");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(dir.resolve("archive.db-wal")).doesNotExist();
    }

    @Test
    void aFileThatIsNotAnArchiveIsReportedAsDamagedAndLeftUntouched() throws Exception {
        Path file = dir.resolve("archive.db");
        Files.writeString(file, "these are my notes, not a database\n".repeat(200), StandardCharsets.UTF_8);
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> Database.open(file))
                .isInstanceOf(ArchiveException.class)
                .hasMessage(ArchiveErrors.DAMAGED);

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void migrationNamesMustFollowTheirVersion() {
        assertThatThrownBy(() -> new Migrator(List.of("V001__init.sql", "V003__skipped.sql")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> tableNames(Connection connection) throws java.sql.SQLException {
        return names(connection, "SELECT name FROM sqlite_schema WHERE type = 'table'");
    }

    private static List<String> names(Connection connection, String sql) throws java.sql.SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    static String single(Connection connection, String sql) throws java.sql.SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
