package im.natter.archive;

import static im.natter.archive.TestMessages.ALICE;
import static im.natter.archive.TestMessages.ALICE_WORK;
import static im.natter.archive.TestMessages.BOB;
import static im.natter.archive.TestMessages.T0;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.ChatMessage;
import im.natter.domain.port.ArchiveException;
import im.natter.testsupport.Eventually;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteMessageSearchTest {

    @TempDir
    Path dir;

    private Database database;
    private SqliteMessageStore messages;
    private SqliteMessageSearch search;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(dir.resolve("archive.db"));
        messages = new SqliteMessageStore(database);
        search = new SqliteMessageSearch(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theIndexFollowsInsertsUpdatesAndDeletes() throws Exception {
        ChatMessage picnic = messages.insert(TestMessages.from(BOB).body("Shall we have a picnic on Sunday?")
                .at(T0).build()).orElseThrow();
        messages.insert(TestMessages.to(BOB).body("Sunday sounds good").at(T0.plusSeconds(5)).build());

        assertThat(search.search(ALICE, "picnic", 10)).extracting(ChatMessage::id).containsExactly(picnic.id());
        assertThat(search.search(ALICE, "sunday", 10)).extracting(ChatMessage::body)
                .containsExactly("Sunday sounds good", "Shall we have a picnic on Sunday?");

        execute("UPDATE message SET body = 'Shall we go to the museum on Sunday?' WHERE id = ?", picnic.id());
        assertThat(search.search(ALICE, "picnic", 10)).isEmpty();
        assertThat(search.search(ALICE, "museum", 10)).extracting(ChatMessage::id).containsExactly(picnic.id());

        execute("DELETE FROM message WHERE id = ?", picnic.id());
        assertThat(search.search(ALICE, "museum", 10)).isEmpty();
        assertThat(search.search(ALICE, "sunday", 10)).hasSize(1);
        assertThat(database.integrityCheck()).isTrue();
    }

    @Test
    void messagesChangedOrDeletedBeforeTheyWereIndexedLeaveTheIndexSound() throws Exception {
        ChatMessage picnic = messages.insert(TestMessages.from(BOB).body("Shall we have a picnic on Sunday?")
                .at(T0).build()).orElseThrow();
        ChatMessage gone = messages.insert(TestMessages.from(BOB).body("a tram ticket").at(T0.plusSeconds(1)).build())
                .orElseThrow();
        messages.insert(TestMessages.to(BOB).body("Sunday sounds good").at(T0.plusSeconds(5)).build());

        // no search in between: all three still wait to be indexed
        execute("UPDATE message SET body = 'Shall we go to the museum on Sunday?' WHERE id = ?", picnic.id());
        execute("DELETE FROM message WHERE id = ?", gone.id());

        assertThat(database.integrityCheck()).isTrue();
        assertThat(search.search(ALICE, "picnic", 10)).isEmpty();
        assertThat(search.search(ALICE, "tram", 10)).isEmpty();
        assertThat(search.search(ALICE, "museum", 10)).extracting(ChatMessage::id).containsExactly(picnic.id());
        assertThat(database.searchBacklog()).isZero();
    }

    @Test
    void theWriterIndexesWhatWaitsOnceItHasNothingElseToDo() throws Exception {
        for (int i = 0; i < SearchBacklog.BATCH + 10; i++) {
            messages.insert(TestMessages.from(BOB).body("message number " + i).at(T0.plusSeconds(i)).build());
        }

        // no search asks for it: the idle writer indexes in batches by itself
        Eventually.until("every stored message indexed", () -> backlog() == 0);
        assertThat(database.integrityCheck()).isTrue();
    }

    @Test
    void messagesLeftUnindexedByTheLastRunAreIndexedAfterTheNextStart() throws Exception {
        messages.insert(TestMessages.from(BOB).body("left for the next run").at(T0).build());
        database.close();

        database = Database.open(dir.resolve("archive.db"));
        search = new SqliteMessageSearch(database);
        Eventually.until("every stored message indexed", () -> backlog() == 0);
        assertThat(search.search(ALICE, "left", 10)).hasSize(1);
    }

    @Test
    void wordsAreMatchedLiterallyAllOfThemIgnoringCaseAndAccents() throws Exception {
        messages.insert(TestMessages.from(BOB).body("Café \"NEAR\" the station, 5 o'clock").at(T0).build());

        assertThat(search.search(ALICE, "cafe station", 10)).hasSize(1);
        assertThat(search.search(ALICE, "\"near\"", 10)).hasSize(1);
        assertThat(search.search(ALICE, "café AND OR NOT (", 10)).isEmpty();
        assertThat(search.search(ALICE, "cafe airport", 10)).isEmpty();
        assertThat(search.search(ALICE, "   ", 10)).isEmpty();
        assertThat(search.search(ALICE_WORK, "cafe", 10)).isEmpty();
    }

    @Test
    void encryptedFallbackBodiesAreNotFound() throws Exception {
        messages.insert(TestMessages.from(BOB).encrypted().body("I sent you an OMEMO encrypted message").at(T0)
                .build());

        assertThat(search.search(ALICE, "encrypted", 10)).isEmpty();
    }

    private long backlog() {
        try {
            return database.searchBacklog();
        } catch (ArchiveException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql, long id) throws Exception {
        database.write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, id);
                return statement.executeUpdate();
            }
        });
    }
}
