package im.natter.archive;

import static im.natter.archive.TestMessages.ALICE;
import static im.natter.archive.TestMessages.BOB;
import static im.natter.archive.TestMessages.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.port.ArchiveException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    /** Only guards against a hang; nothing here measures time. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final ConversationKey WITH_BOB = ConversationKey.chat(ALICE, BOB);

    @TempDir
    Path dir;

    private Path file;
    private Database database;
    private SqliteMessageStore messages;

    @BeforeEach
    void open() throws Exception {
        file = dir.resolve("archive.db");
        database = Database.open(file);
        messages = new SqliteMessageStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theArchiveAndItsWalFilesAreOwnerOnly() throws Exception {
        assumeTrue(Files.getFileAttributeView(file, PosixFileAttributeView.class) != null, "POSIX file system");
        for (int i = 0; i < 20; i++) {
            messages.insert(TestMessages.from(BOB).body("secret " + i).at(T0.plusSeconds(i)).build());
        }
        for (String name : List.of("archive.db", "archive.db-wal", "archive.db-shm")) {
            Path path = dir.resolve(name);
            assertThat(path).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
                    .as(name).isEqualTo("rw-------");
        }
    }

    @Test
    void onceTheWriterIsIdleTheArchiveFileItselfHoldsWhatWasWritten() throws Exception {
        for (int i = 0; i < 50; i++) {
            messages.insert(TestMessages.from(BOB).body("kept " + i).at(T0.plusSeconds(i)).build());
        }

        // the idle writer folds the WAL back: a copy of the main file alone (no WAL) has every message
        Path copy = dir.resolve("copy.db");
        im.natter.testsupport.Eventually.until("all 50 in the archive file", () -> messagesInCopy(copy) == 50);
    }

    /** How many messages a copy of the main file alone (no WAL) holds. */
    private int messagesInCopy(Path copy) {
        try {
            Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + copy);
                    var rows = c.createStatement().executeQuery("SELECT count(*) FROM message")) {
                return rows.getInt(1);
            }
        } catch (java.sql.SQLException notYet) {
            return 0; // even the schema is still only in the WAL
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void readsGoOnWhileALongWriteTransactionIsOpen() throws Exception {
        messages.insert(TestMessages.from(BOB).body("committed").at(T0).build());
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<Object> longWrite = caller.submit(() -> database.write(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("UPDATE message SET body = 'not yet committed'");
                }
                writing.countDown();
                awaitQuietly(finish);
                return null;
            }));
            writing.await();

            // the writer holds its transaction open; reads must neither wait for it nor see its changes
            List<ChatMessage> seen = assertTimeoutPreemptively(HANG_GUARD, () -> messages.page(WITH_BOB, 0, 10));
            assertThat(seen).extracting(ChatMessage::body).containsExactly("committed");
            assertThat(assertTimeoutPreemptively(HANG_GUARD,
                    () -> new SqliteConversationStore(database).conversations(ALICE))).hasSize(1);

            finish.countDown();
            longWrite.get();
            assertThat(messages.page(WITH_BOB, 0, 10)).extracting(ChatMessage::body)
                    .containsExactly("not yet committed");
        } finally {
            finish.countDown();
            caller.shutdownNow();
        }
    }

    @Test
    void aFullDiskGivesAClearErrorAndKeepsWhatWasStored() throws Exception {
        for (int i = 0; i < 10; i++) {
            messages.insert(TestMessages.from(BOB).body("before " + i).at(T0.plusSeconds(i)).build());
        }
        // the archive may not grow by a single page from now on: the same as a disk with no space left
        database.write(connection -> {
            try (Statement statement = connection.createStatement()) {
                long pages = Long.parseLong(MigratorTest.single(connection, "PRAGMA page_count"));
                statement.execute("PRAGMA max_page_count = " + pages);
            }
            return null;
        });

        String big = "x".repeat(8_000);
        ArchiveException full = null;
        for (int i = 0; i < 100 && full == null; i++) {
            try {
                messages.insert(TestMessages.from(BOB).body(big + i).at(T0.plusSeconds(100 + i)).build());
            } catch (ArchiveException e) {
                full = e;
            }
        }

        assertThat(full).isNotNull();
        assertThat(full.getMessage()).isEqualTo(
                "The disk is full, so Natter cannot save messages. Free some space; nothing saved so far is lost.");
        assertThat(messages.page(WITH_BOB, 0, 200)).extracting(ChatMessage::body)
                .startsWith("before 0", "before 1", "before 2", "before 3", "before 4", "before 5", "before 6",
                        "before 7", "before 8", "before 9");
        assertThat(database.integrityProblems()).isEmpty();

        // once there is room again, the writer goes on as before
        database.write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("PRAGMA max_page_count = 1000000")) {
                statement.execute();
            }
            return null;
        });
        assertThat(messages.insert(TestMessages.from(BOB).body("after").at(T0.plusSeconds(1_000)).build()))
                .isPresent();
    }

    @Test
    void aFreshAndABusyArchivePassTheIntegrityCheck() throws Exception {
        assertThat(database.integrityCheck()).isTrue();
        for (int i = 0; i < 200; i++) {
            messages.insert(TestMessages.from(BOB).body("message " + i).at(T0.plusSeconds(i)).build());
        }
        assertThat(database.integrityCheck()).isTrue();
        assertThat(database.integrityProblems()).isEmpty();
    }

    @Test
    void aSearchIndexOutOfStepFailsTheIntegrityCheck() throws Exception {
        messages.insert(TestMessages.from(BOB).body("indexed words").at(T0).build());
        database.completeSearchIndex();
        database.write(connection -> {
            try (Statement statement = connection.createStatement()) {
                // bypass the triggers the way a broken migration would
                statement.executeUpdate("DROP TRIGGER message_fts_after_update");
                statement.executeUpdate("UPDATE message SET body = 'other words'");
            }
            return null;
        });
        assertThat(database.integrityCheck()).isFalse();
        assertThat(database.integrityProblems()).singleElement().asString().startsWith("search index:");
    }

    @Test
    void afterCloseTheArchiveSaysSoAndTheWalIsFoldedIn() throws Exception {
        messages.insert(TestMessages.from(BOB).body("last words").at(T0).build());
        database.close();
        database.close();

        assertThatThrownBy(() -> messages.insert(TestMessages.from(BOB).body("too late").build()))
                .isInstanceOf(ArchiveException.class).hasMessage(ArchiveErrors.CLOSED);
        assertThatThrownBy(() -> messages.page(WITH_BOB, 0, 10))
                .isInstanceOf(ArchiveException.class).hasMessage(ArchiveErrors.CLOSED);
        assertThat(dir.resolve("archive.db-wal")).doesNotExist();

        try (Database again = Database.open(file)) {
            assertThat(new SqliteMessageStore(again).page(WITH_BOB, 0, 10)).extracting(ChatMessage::body)
                    .containsExactly("last words");
        }
    }

    @Test
    void aWriteCannotStartAnotherWriteOnTheWriterThread() {
        assertThatThrownBy(() -> database.write(connection -> {
            try {
                return messages.insert(TestMessages.from(BOB).build());
            } catch (ArchiveException e) {
                throw new AssertionError(e);
            }
        })).isInstanceOf(IllegalStateException.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
