package im.natter.archive;

import static im.natter.archive.TestMessages.ALICE;
import static im.natter.archive.TestMessages.ALICE_WORK;
import static im.natter.archive.TestMessages.BOB;
import static im.natter.archive.TestMessages.CAROL;
import static im.natter.archive.TestMessages.DAVE;
import static im.natter.archive.TestMessages.T0;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.ContentKind;
import im.natter.domain.model.Conversation;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.Direction;
import im.natter.domain.model.MessagePreview;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteConversationStoreTest {

    private static final ConversationKey WITH_BOB = ConversationKey.chat(ALICE, BOB);
    private static final ConversationKey WITH_CAROL = ConversationKey.chat(ALICE, CAROL);
    private static final ConversationKey WITH_DAVE = ConversationKey.chat(ALICE, DAVE);

    @TempDir
    Path dir;

    private Database database;
    private SqliteMessageStore messages;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(dir.resolve("archive.db"));
        messages = new SqliteMessageStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private SqliteConversationStore conversationsAt(int secondsAfterT0) {
        return new SqliteConversationStore(database, Clock.fixed(T0.plusSeconds(secondsAfterT0), ZoneOffset.UTC));
    }

    @Test
    void conversationsAreListedByLatestActivityWithTheirNewestMessageAndUnreadCount() throws Exception {
        messages.insert(TestMessages.from(BOB).body("hi alice").at(T0.plusSeconds(10)).build());
        messages.insert(TestMessages.from(BOB).body("are you there?").at(T0.plusSeconds(11)).build());
        messages.insert(TestMessages.to(BOB).body("yes!").at(T0.plusSeconds(12)).build());
        messages.insert(TestMessages.from(CAROL).body("lunch?").at(T0.plusSeconds(30)).build());
        // opened between Bob's and Carol's messages, no messages yet
        conversationsAt(20).open(WITH_DAVE);

        var list = conversationsAt(40).conversations(ALICE);

        assertThat(list).extracting(Conversation::key).containsExactly(WITH_CAROL, WITH_DAVE, WITH_BOB);
        assertThat(list.get(0)).isEqualTo(new Conversation(WITH_CAROL,
                new MessagePreview("lunch?", Direction.INCOMING, ContentKind.TEXT, T0.plusSeconds(30)), 1));
        assertThat(list.get(1)).isEqualTo(new Conversation(WITH_DAVE, null, 0));
        assertThat(list.get(2)).isEqualTo(new Conversation(WITH_BOB,
                new MessagePreview("yes!", Direction.OUTGOING, ContentKind.TEXT, T0.plusSeconds(12)), 2));
        assertThat(conversationsAt(40).conversations(ALICE_WORK)).isEmpty();
    }

    @Test
    void aNewMessageMovesItsConversationToTheTop() throws Exception {
        messages.insert(TestMessages.from(BOB).body("old").at(T0).build());
        messages.insert(TestMessages.from(CAROL).body("newer").at(T0.plusSeconds(5)).build());
        messages.insert(TestMessages.from(BOB).body("newest").at(T0.plusSeconds(9)).build());

        assertThat(conversationsAt(10).conversations(ALICE)).extracting(Conversation::key)
                .containsExactly(WITH_BOB, WITH_CAROL);
    }

    @Test
    void onlyIncomingNewMessagesCountAsUnreadAndMarkReadClearsThem() throws Exception {
        var store = conversationsAt(0);
        messages.insert(TestMessages.from(BOB).body("one").stanzaId("s1", "alice@example.org").at(T0).build());
        messages.insert(TestMessages.from(BOB).body("one").stanzaId("s1", "alice@example.org").at(T0).build());
        messages.insert(TestMessages.from(BOB).body("two").at(T0.plusSeconds(1)).build());
        messages.insert(TestMessages.to(BOB).body("mine").at(T0.plusSeconds(2)).build());
        assertThat(store.conversation(WITH_BOB).orElseThrow().unread()).isEqualTo(2);

        Conversation read = store.markRead(WITH_BOB);

        assertThat(read.unread()).isZero();
        assertThat(read.lastMessage().text()).isEqualTo("mine");
        assertThat(store.conversation(WITH_BOB).orElseThrow().unread()).isZero();
        messages.insert(TestMessages.from(BOB).body("three").at(T0.plusSeconds(3)).build());
        assertThat(store.conversation(WITH_BOB).orElseThrow().unread()).isEqualTo(1);
    }

    @Test
    void openingIsIdempotentAndAnUnknownConversationIsEmpty() throws Exception {
        var store = conversationsAt(0);
        assertThat(store.conversation(WITH_DAVE)).isEmpty();

        Conversation opened = store.open(WITH_DAVE);
        messages.insert(TestMessages.from(DAVE).body("hey").at(T0.plusSeconds(1)).build());
        Conversation again = store.open(WITH_DAVE);

        assertThat(opened).isEqualTo(new Conversation(WITH_DAVE, null, 0));
        assertThat(again.unread()).isEqualTo(1);
        assertThat(again.lastMessage().text()).isEqualTo("hey");
        assertThat(store.conversations(ALICE)).hasSize(1);
    }

    @Test
    void severalConversationsAreReadTogetherInTheOrderAskedSkippingUnknownOnes() throws Exception {
        messages.insert(TestMessages.from(BOB).body("from bob").at(T0).build());
        messages.insert(TestMessages.from(CAROL).body("from carol").at(T0.plusSeconds(1)).build());
        var store = conversationsAt(2);

        assertThat(store.conversations(java.util.List.of(WITH_BOB, WITH_DAVE, WITH_CAROL)))
                .extracting(c -> c.lastMessage().text()).containsExactly("from bob", "from carol");
        assertThat(store.conversations(java.util.List.of())).isEmpty();
    }

    @Test
    void thePreviewShowsTheDisplayTimeNotAFutureServerTime() throws Exception {
        messages.insert(TestMessages.from(BOB).body("fast clock").localTime(T0)
                .serverTime(T0.plusSeconds(86_400)).build());

        assertThat(conversationsAt(0).conversation(WITH_BOB).orElseThrow().lastMessage().time()).isEqualTo(T0);
    }
}
