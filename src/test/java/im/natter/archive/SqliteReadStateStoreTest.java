package im.natter.archive;

import static im.natter.archive.TestMessages.ALICE;
import static im.natter.archive.TestMessages.BOB;
import static im.natter.archive.TestMessages.T0;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.DeliveryState;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteReadStateStoreTest {

    private static final ConversationKey WITH_BOB = ConversationKey.chat(ALICE, BOB);
    private static final String ME = "alice@example.org";

    @TempDir
    Path dir;

    private Database database;
    private SqliteMessageStore messages;
    private SqliteConversationStore conversations;
    private SqliteReadStateStore readState;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(dir.resolve("archive.db"));
        messages = new SqliteMessageStore(database);
        conversations = new SqliteConversationStore(database);
        readState = new SqliteReadStateStore(database, conversations);
        for (int i = 1; i <= 3; i++) {
            messages.insert(TestMessages.from(BOB).body("m" + i).originId("o" + i).stanzaId("s" + i, ME)
                    .at(T0.plusSeconds(i)).build());
        }
        messages.insert(TestMessages.to(BOB).body("mine").originId("x").at(T0.plusSeconds(4)).build());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aReadPointByStanzaIdLeavesTheNewerMessagesUnread() throws Exception {
        assertThat(conversations.conversation(WITH_BOB).orElseThrow().unread()).isEqualTo(3);
        var now = readState.markReadUpTo(WITH_BOB, "s2", ME, null).orElseThrow();
        assertThat(now.unread()).isEqualTo(1);
        assertThat(database.integrityCheck()).isTrue();
    }

    @Test
    void aReadPointByMessageIdWorksToo() throws Exception {
        assertThat(readState.markReadUpTo(WITH_BOB, null, null, "o3").orElseThrow().unread()).isZero();
    }

    @Test
    void theReadPointNeverMovesBack() throws Exception {
        readState.markReadUpTo(WITH_BOB, "s3", ME, null);
        assertThat(readState.markReadUpTo(WITH_BOB, "s1", ME, null)).isEmpty();
        assertThat(conversations.conversation(WITH_BOB).orElseThrow().unread()).isZero();

        conversations.markRead(WITH_BOB);
        assertThat(readState.markReadUpTo(WITH_BOB, "s2", ME, null)).isEmpty();
    }

    @Test
    void anUnknownOrForeignStanzaIdChangesNothing() throws Exception {
        assertThat(readState.markReadUpTo(WITH_BOB, "nope", ME, null)).isEmpty();
        assertThat(readState.markReadUpTo(WITH_BOB, "s2", "bob@example.org", null)).isEmpty();
        assertThat(readState.markReadUpTo(ConversationKey.chat(ALICE, TestMessages.CAROL), "s2", ME, null)).isEmpty();
        assertThat(conversations.conversation(WITH_BOB).orElseThrow().unread()).isEqualTo(3);
    }

    @Test
    void aSeenMessageKeepsItsState() throws Exception {
        assertThat(messages.updateState(ALICE, "x", DeliveryState.DISPLAYED, null)).isPresent();
        assertThat(messages.updateState(ALICE, "x", DeliveryState.DELIVERED, null)).isEmpty();
        assertThat(messages.findByOriginId(ALICE, "x").orElseThrow().state()).isEqualTo(DeliveryState.DISPLAYED);
    }
}
