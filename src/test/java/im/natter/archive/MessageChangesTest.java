package im.natter.archive;

import static im.natter.archive.TestMessages.ALICE;
import static im.natter.archive.TestMessages.BOB;
import static im.natter.archive.TestMessages.T0;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.MessageChange;
import im.natter.domain.model.StoredMessages;
import im.natter.domain.model.SyncState;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrections, retractions and replies on a real SQLite file: the chain, repeats, arrival order, search. */
class MessageChangesTest {

    private static final ConversationKey WITH_BOB = ConversationKey.chat(ALICE, BOB);
    private static final String OUR_SERVER = ALICE.address().value();
    private static final Address MALLORY = Address.of("mallory@example.org");

    @TempDir
    Path dir;

    private Database database;
    private SqliteMessageStore messages;
    private SqliteSyncStateStore sync;
    private SqliteMessageSearch search;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(dir.resolve("archive.db"));
        messages = new SqliteMessageStore(database);
        sync = new SqliteSyncStateStore(database);
        search = new SqliteMessageSearch(database);
    }

    @AfterEach
    void close() throws Exception {
        assertThat(database.integrityProblems()).isEmpty();
        database.close();
    }

    private static MessageChange correction(Address sender, String target, String body, String originId,
            String stanzaId, Instant at) {
        return new MessageChange(WITH_BOB, MessageChange.Kind.CORRECTION, sender, target, body, ContentKind.TEXT,
                originId, stanzaId, stanzaId == null ? null : OUR_SERVER, at, at);
    }

    private static MessageChange retraction(Address sender, String target, String originId, String stanzaId,
            Instant at) {
        return new MessageChange(WITH_BOB, MessageChange.Kind.RETRACTION, sender, target,
                "This person attempted to retract a previous message", ContentKind.TEXT, originId, stanzaId,
                stanzaId == null ? null : OUR_SERVER, at, at);
    }

    private ChatMessage bobSays(String body, String originId, String stanzaId) throws Exception {
        return messages.insert(TestMessages.from(BOB).body(body).originId(originId).stanzaId(stanzaId, OUR_SERVER)
                .at(T0).build()).orElseThrow();
    }

    private long count(String sql) throws Exception {
        return database.read(connection -> {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @Test
    void aCorrectionReplacesTheTextInPlaceAndKeepsTheOriginalTime() throws Exception {
        ChatMessage original = bobSays("helo wrld", "o-1", "s-1");

        StoredMessages result = messages.applyChange(
                correction(BOB, "o-1", "hello world", "o-2", "s-2", T0.plusSeconds(30)));

        assertThat(result.added()).isEmpty();
        ChatMessage corrected = result.changed().getFirst();
        assertThat(corrected.id()).isEqualTo(original.id());
        assertThat(corrected.body()).isEqualTo("hello world");
        assertThat(corrected.editedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(corrected.displayTime()).isEqualTo(original.displayTime());
        assertThat(messages.page(WITH_BOB, 0, 10)).containsExactly(corrected);
        assertThat(count("SELECT count(*) FROM message_change WHERE message_id = " + original.id())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM message WHERE original_body = 'helo wrld'")).isEqualTo(1);
    }

    @Test
    void theSameCorrectionLiveAsCarbonAndFromTheArchiveIsStoredOnce() throws Exception {
        bobSays("helo", "o-1", "s-1");
        MessageChange live = correction(BOB, "o-1", "hello", "o-2", null, T0.plusSeconds(5));
        MessageChange fromArchive = correction(BOB, "o-1", "hello", "o-2", "s-2", T0.plusSeconds(5));

        assertThat(messages.applyChange(live).changed()).hasSize(1);
        assertThat(messages.applyChange(live)).isEqualTo(StoredMessages.NOTHING);
        StoredMessages page = sync.storePage(List.of(), List.of(fromArchive),
                new SyncState(ALICE, null, "s-2", T0.plusSeconds(60)));
        assertThat(page).isEqualTo(StoredMessages.NOTHING);
        // the archive's copy filled in the stanza-id, so a copy known only by it is a repeat too
        MessageChange byStanzaIdOnly = correction(BOB, "o-1", "hello", null, "s-2", T0.plusSeconds(5));
        assertThat(messages.applyChange(byStanzaIdOnly)).isEqualTo(StoredMessages.NOTHING);

        assertThat(messages.page(WITH_BOB, 0, 10)).singleElement().extracting(ChatMessage::body).isEqualTo("hello");
        assertThat(count("SELECT count(*) FROM message_change")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM message")).isEqualTo(1);
    }

    @Test
    void theNewestCorrectionWinsWhateverOrderTheyArriveIn() throws Exception {
        ChatMessage original = bobSays("one", "o-1", "s-1");
        messages.applyChange(correction(BOB, "o-1", "three", "o-3", "s-3", T0.plusSeconds(20)));
        // an older correction fetched later from the archive must not undo the newer one
        StoredMessages late = messages.applyChange(correction(BOB, "o-1", "two", "o-2", "s-2", T0.plusSeconds(10)));

        assertThat(late.changed()).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("three");
            assertThat(m.editedAt()).isEqualTo(T0.plusSeconds(20));
        });
        assertThat(count("SELECT count(*) FROM message_change WHERE message_id = " + original.id())).isEqualTo(2);
    }

    @Test
    void aCorrectionThatNamesTheLastCorrectionAppliesToTheOriginal() throws Exception {
        ChatMessage original = bobSays("one", "o-1", "s-1");
        messages.applyChange(correction(BOB, "o-1", "two", "o-2", "s-2", T0.plusSeconds(10)));

        StoredMessages result = messages.applyChange(
                correction(BOB, "o-2", "three", "o-3", "s-3", T0.plusSeconds(20)));

        assertThat(result.changed()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(original.id());
            assertThat(m.body()).isEqualTo("three");
        });
        assertThat(messages.page(WITH_BOB, 0, 10)).hasSize(1);
    }

    @Test
    void aCorrectionThatArrivesBeforeItsOriginalIsAppliedWhenTheOriginalArrives() throws Exception {
        assertThat(messages.applyChange(correction(BOB, "o-1", "fixed", "o-2", "s-2", T0.plusSeconds(10))))
                .isEqualTo(StoredMessages.NOTHING);
        assertThat(messages.page(WITH_BOB, 0, 10)).isEmpty();

        ChatMessage original = bobSays("broken", "o-1", "s-1");

        assertThat(original.body()).isEqualTo("fixed");
        assertThat(original.editedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(messages.page(WITH_BOB, 0, 10)).containsExactly(original);
    }

    @Test
    void anArchivePageHoldingBothTheMessageAndItsCorrectionAddsOneCorrectedMessage() throws Exception {
        ChatMessage original = TestMessages.from(BOB).body("broken").originId("o-1").stanzaId("s-1", OUR_SERVER)
                .at(T0).build();

        StoredMessages page = sync.storePage(List.of(original),
                List.of(correction(BOB, "o-1", "fixed", "o-2", "s-2", T0.plusSeconds(10))),
                new SyncState(ALICE, null, "s-2", T0.plusSeconds(60)));

        assertThat(page.changed()).isEmpty();
        assertThat(page.added()).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("fixed");
            assertThat(m.isEdited()).isTrue();
        });
        // and the same page again (a catch-up repeated after a crash) changes nothing
        assertThat(sync.storePage(List.of(original),
                List.of(correction(BOB, "o-1", "fixed", "o-2", "s-2", T0.plusSeconds(10))),
                new SyncState(ALICE, null, "s-2", T0.plusSeconds(60)))).isEqualTo(StoredMessages.NOTHING);
    }

    @Test
    void aCorrectionOfSomeoneElsesMessageIsStoredAsAMessageOfItsOwn() throws Exception {
        ChatMessage original = bobSays("mine", "o-1", "s-1");
        MessageChange forged = correction(ALICE.address(), "o-1", "not yours", "o-2", "s-2", T0.plusSeconds(5));

        StoredMessages result = messages.applyChange(forged);

        assertThat(result.changed()).isEmpty();
        assertThat(result.added()).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("not yours");
            assertThat(m.isOutgoing()).isTrue();
        });
        assertThat(messages.page(WITH_BOB, 0, 10)).extracting(ChatMessage::body).containsExactly("mine", "not yours");
        assertThat(messages.page(WITH_BOB, 0, 10).getFirst()).isEqualTo(original);
        assertThat(messages.applyChange(forged)).isEqualTo(StoredMessages.NOTHING);
    }

    @Test
    void theUsersOwnMessageCorrectedFromAnotherDevice() throws Exception {
        ChatMessage mine = messages.insert(TestMessages.to(BOB).body("teh").originId("mine-1").at(T0).build())
                .orElseThrow();

        StoredMessages result = messages.applyChange(
                correction(ALICE.address(), "mine-1", "the", "mine-2", "s-9", T0.plusSeconds(3)));

        assertThat(result.changed()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(mine.id());
            assertThat(m.body()).isEqualTo("the");
            assertThat(m.isOutgoing()).isTrue();
        });
    }

    @Test
    void aRetractionEmptiesTheMessageAndItsCorrectionsForGood() throws Exception {
        ChatMessage original = bobSays("my secret plan", "o-1", "s-1");
        messages.applyChange(correction(BOB, "o-1", "my secret plans", "o-2", "s-2", T0.plusSeconds(5)));

        StoredMessages result = messages.applyChange(retraction(BOB, "o-1", "o-3", "s-3", T0.plusSeconds(9)));

        ChatMessage gone = result.changed().getFirst();
        assertThat(gone.id()).isEqualTo(original.id());
        assertThat(gone.retracted()).isTrue();
        assertThat(gone.body()).isEmpty();
        assertThat(count("SELECT count(*) FROM message_change WHERE body <> ''")).isZero();
        assertThat(count("SELECT count(*) FROM message WHERE original_body IS NOT NULL")).isZero();
        assertThat(search.search(ALICE, "secret", 10)).isEmpty();
        // a correction that comes later (from the archive) does not bring the text back
        messages.applyChange(correction(BOB, "o-1", "my secret plan again", "o-4", "s-4", T0.plusSeconds(7)));
        assertThat(messages.page(WITH_BOB, 0, 10)).singleElement().satisfies(m -> {
            assertThat(m.retracted()).isTrue();
            assertThat(m.body()).isEmpty();
        });
        assertThat(search.search(ALICE, "secret", 10)).isEmpty();
    }

    @Test
    void aRetractionByAnyoneElseIsIgnoredAndNotStored() throws Exception {
        bobSays("keep me", "o-1", "s-1");

        assertThat(messages.applyChange(retraction(MALLORY, "o-1", "x-1", "s-2", T0.plusSeconds(1))))
                .isEqualTo(StoredMessages.NOTHING);
        assertThat(messages.applyChange(retraction(ALICE.address(), "o-1", "x-2", "s-3", T0.plusSeconds(1))))
                .isEqualTo(StoredMessages.NOTHING);

        assertThat(messages.page(WITH_BOB, 0, 10)).singleElement().extracting(ChatMessage::body)
                .isEqualTo("keep me");
        assertThat(count("SELECT count(*) FROM message_change")).isZero();
    }

    @Test
    void aRetractionMayNameTheStanzaIdAndMayComeFirst() throws Exception {
        messages.applyChange(retraction(BOB, "s-1", "o-3", "s-3", T0.plusSeconds(9)));

        ChatMessage original = bobSays("oops", "o-1", "s-1");

        assertThat(original.retracted()).isTrue();
        assertThat(original.body()).isEmpty();
    }

    @Test
    void searchFollowsTheCorrectedText() throws Exception {
        bobSays("meet at the harbour", "o-1", "s-1");
        assertThat(search.search(ALICE, "harbour", 10)).hasSize(1);

        messages.applyChange(correction(BOB, "o-1", "meet at the station", "o-2", "s-2", T0.plusSeconds(5)));

        assertThat(search.search(ALICE, "harbour", 10)).isEmpty();
        assertThat(search.search(ALICE, "station", 10)).singleElement().extracting(ChatMessage::body)
                .isEqualTo("meet at the station");
    }

    @Test
    void aReplyKeepsWhatItAnswersAndTheAnsweredMessageIsFound() throws Exception {
        ChatMessage question = bobSays("lunch?", "o-1", "s-1");
        ChatMessage answer = messages.insert(TestMessages.to(BOB).body("yes").originId("a-1").at(T0.plusSeconds(3))
                .build().withReplyTo("o-1")).orElseThrow();

        assertThat(messages.page(WITH_BOB, 0, 10).getLast().replyToId()).isEqualTo("o-1");
        assertThat(answer.replyToId()).isEqualTo("o-1");
        assertThat(messages.findReferenced(WITH_BOB, "o-1")).contains(question);
        assertThat(messages.findReferenced(WITH_BOB, "s-1")).contains(question);
        assertThat(messages.findReferenced(WITH_BOB, "nope")).isEmpty();
        assertThat(messages.findReferenced(ConversationKey.chat(ALICE, MALLORY), "o-1")).isEmpty();
        // a reply naming a correction means the corrected message
        messages.applyChange(correction(BOB, "o-1", "lunch at noon?", "o-2", "s-2", T0.plusSeconds(1)));
        assertThat(messages.findReferenced(WITH_BOB, "o-2")).hasValueSatisfying(m -> {
            assertThat(m.id()).isEqualTo(question.id());
            assertThat(m.body()).isEqualTo("lunch at noon?");
        });
    }

    @Test
    void anArchiveWrittenBeforeTheChainOpensWithNothingEdited() throws Exception {
        ChatMessage plain = bobSays("plain", "o-1", "s-1");

        assertThat(plain.editedAt()).isNull();
        assertThat(plain.retracted()).isFalse();
        assertThat(plain.replyToId()).isNull();
        assertThat(database.<Integer>read(Migrator::version)).isGreaterThanOrEqualTo(3);
    }
}
