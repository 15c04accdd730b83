package im.natter.archive;

import static im.natter.archive.TestMessages.ALICE;
import static im.natter.archive.TestMessages.T0;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import im.natter.domain.model.MessageChange;
import im.natter.domain.model.NotificationLevel;
import im.natter.domain.model.StoredMessages;
import im.natter.domain.model.SyncState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Room messages in the archive, on a real SQLite file: the rules of schema version 4. */
class RoomArchiveTest {

    private static final Address ROOM = Address.of("tea@conference.example.org");
    private static final ConversationKey TEA = new ConversationKey(ALICE, ROOM, ConversationKind.ROOM);

    @TempDir
    Path dir;

    private Database database;
    private SqliteMessageStore messages;
    private SqliteConversationStore conversations;
    private SqliteSyncStateStore pages;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(dir.resolve("archive.db"));
        messages = new SqliteMessageStore(database);
        conversations = new SqliteConversationStore(database);
        pages = new SqliteSyncStateStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static ChatMessage fromRoom(String nick, String occupantId, String body, String originId,
            String stanzaId, Instant serverTime, Instant localTime, boolean mentionsMe) {
        return new ChatMessage(0, TEA, Direction.INCOMING, ROOM, nick, body, ContentKind.TEXT, originId, stanzaId,
                stanzaId == null ? null : ROOM.value(), serverTime, localTime, DeliveryState.RECEIVED, null, null,
                false, null, occupantId, null, null, mentionsMe);
    }

    private static MessageChange change(MessageChange.Kind kind, String nick, String occupantId, String target,
            String body, String originId, String moderatedBy, String reason) {
        return new MessageChange(TEA, kind, ROOM, target, body, ContentKind.TEXT, originId, null, null, null,
                T0.plusSeconds(60), nick, occupantId, moderatedBy, reason);
    }

    @Test
    void roomFieldsSurviveTheRoundTrip() throws Exception {
        ChatMessage m = fromRoom("bob", "occ-bob", "hi alice", "o1", "s1", T0, T0, true);
        ChatMessage stored = messages.insert(m).orElseThrow();
        assertThat(stored).isEqualTo(m.withId(stored.id()).withSortTime(T0));
        assertThat(messages.page(TEA, 0, 10)).containsExactly(stored);
    }

    @Test
    void aRoomsStanzaIdNeverCollidesWithTheAccountServersOrAnotherRooms() throws Exception {
        messages.insert(fromRoom("bob", null, "in the room", null, "same-id", T0, T0, false)).orElseThrow();
        ConversationKey other = new ConversationKey(ALICE, Address.of("cake@conference.example.org"),
                ConversationKind.ROOM);
        ChatMessage elsewhere = new ChatMessage(0, other, Direction.INCOMING, other.peer(), "bob", "other room",
                ContentKind.TEXT, null, "same-id", other.peer().value(), T0, T0, DeliveryState.RECEIVED, null);
        ChatMessage byServer = new ChatMessage(0, TEA, Direction.INCOMING, ROOM, "bob", "by the server",
                ContentKind.TEXT, null, "same-id", ALICE.address().value(), T0, T0, DeliveryState.RECEIVED, null);
        assertThat(messages.insert(elsewhere)).isPresent();
        assertThat(messages.insert(byServer)).isPresent();
        assertThat(messages.insert(fromRoom("bob", null, "in the room", null, "same-id", T0, T0, false))).isEmpty();
    }

    @Test
    void joinHistoryWithoutIdsIsRecognisedByNickTextAndTime() throws Exception {
        // seen live (no server time) a moment after it was sent
        messages.insert(fromRoom("bob", null, "no ids", null, null, null, T0.plusMillis(400), false)).orElseThrow();
        // history on join: the same, stamped with the time it was sent
        assertThat(pages.storePage(List.of(fromRoom("bob", null, "no ids", null, null, T0, T0.plusSeconds(600),
                false)), null)).isEmpty();
        // and again
        assertThat(messages.insert(fromRoom("bob", null, "no ids", null, null, T0, T0.plusSeconds(900), false)))
                .isEmpty();
        // someone else saying the same, or bob saying it later, is a new message
        assertThat(messages.insert(fromRoom("carol", null, "no ids", null, null, T0, T0, false))).isPresent();
        assertThat(messages.insert(fromRoom("bob", null, "no ids", null, null, T0.plusSeconds(3600),
                T0.plusSeconds(3600), false))).isPresent();
        assertThat(messages.page(TEA, 0, 10)).hasSize(3);
    }

    @Test
    void theSameWordsSaidAgainWhileAwayAreNotTakenForARepeat() throws Exception {
        // bob says "ok" while alice is there, and once more 30 s later, after she left
        messages.insert(fromRoom("bob", null, "ok", null, null, null, T0.plusMillis(400), false)).orElseThrow();

        List<ChatMessage> history = List.of(
                fromRoom("bob", null, "ok", null, null, T0, T0.plusSeconds(600), false),
                fromRoom("bob", null, "ok", null, null, T0.plusSeconds(30), T0.plusSeconds(600), false));
        assertThat(pages.storePage(history, null)).singleElement()
                .satisfies(m -> assertThat(m.serverTime()).isEqualTo(T0.plusSeconds(30)));
        // the next join sends the same history again: nothing new
        assertThat(pages.storePage(history, null)).isEmpty();
        assertThat(messages.page(TEA, 0, 10)).extracting(ChatMessage::body).containsExactly("ok", "ok");
    }

    @Test
    void eachLiveCopyStandsForOneHistoryCopy() throws Exception {
        // both seen live: the history's two copies are both repeats, each matched to the live copy nearest in time
        messages.insert(fromRoom("bob", null, "ok", null, null, null, T0.plusMillis(400), false)).orElseThrow();
        messages.insert(fromRoom("bob", null, "ok", null, null, null, T0.plusSeconds(20).plusMillis(300), false))
                .orElseThrow();

        assertThat(pages.storePage(List.of(
                fromRoom("bob", null, "ok", null, null, T0, T0.plusSeconds(600), false),
                fromRoom("bob", null, "ok", null, null, T0.plusSeconds(20), T0.plusSeconds(600), false)), null))
                .isEmpty();
        assertThat(messages.page(TEA, 0, 10)).extracting(ChatMessage::serverTime)
                .containsExactly(T0, T0.plusSeconds(20));
    }

    @Test
    void theRoomsArchiveOrdersEveryonesMessagesOwnOnesIncluded() throws Exception {
        // sent from here: stored at the moment it was sent, the room's whole-second stamp comes later
        ChatMessage mine = new ChatMessage(0, TEA, Direction.OUTGOING, ALICE.address(), "alice", "mine",
                ContentKind.TEXT, "o-mine", null, null, null, T0.plusMillis(700), DeliveryState.DELIVERED, null);
        messages.insert(mine).orElseThrow();
        ChatMessage reflected = new ChatMessage(0, TEA, Direction.OUTGOING, ALICE.address(), "alice", "mine",
                ContentKind.TEXT, "o-mine", "s-mine", ROOM.value(), T0, T0.plusSeconds(30), DeliveryState.DELIVERED,
                null);

        // bob answered in the same second while alice was away; the room's archive says his answer came after
        pages.storePage(List.of(reflected, fromRoom("bob", null, "after yours", "o-bob", "s-bob", T0,
                T0.plusSeconds(30), false)), null);

        assertThat(messages.page(TEA, 0, 10)).extracting(ChatMessage::body).containsExactly("mine", "after yours");
    }

    @Test
    void correctionsApplyOnlyFromTheSameOccupant() throws Exception {
        messages.insert(fromRoom("bob", "occ-bob", "teh", "o1", "s1", T0, T0, false)).orElseThrow();

        StoredMessages byOther = messages.applyChange(change(MessageChange.Kind.CORRECTION, "bob", "occ-mallory",
                "o1", "evil", "m1", null, null));
        assertThat(byOther.changed()).isEmpty();
        assertThat(byOther.added()).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("evil"));

        StoredMessages renamed = messages.applyChange(change(MessageChange.Kind.CORRECTION, "robert", "occ-bob",
                "o1", "the", "b2", null, null));
        assertThat(renamed.changed()).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("the");
            assertThat(m.isEdited()).isTrue();
        });
    }

    @Test
    void withoutOccupantIdsTheNickDecides() throws Exception {
        messages.insert(fromRoom("bob", null, "mine", "o1", null, T0, T0, false)).orElseThrow();
        assertThat(messages.applyChange(change(MessageChange.Kind.RETRACTION, "carol", null, "o1", "", "c1", null,
                null)).changed()).isEmpty();
        assertThat(messages.applyChange(change(MessageChange.Kind.RETRACTION, "bob", null, "o1", "", "b1", null,
                null)).changed()).singleElement().satisfies(m -> assertThat(m.retracted()).isTrue());
    }

    @Test
    void aChangeThatCameFirstWaitsForTheSameOccupantsMessage() throws Exception {
        messages.applyChange(change(MessageChange.Kind.CORRECTION, "mallory", "occ-mallory", "o1", "evil", "m1",
                null, null));
        messages.applyChange(change(MessageChange.Kind.CORRECTION, "bob", "occ-bob", "o1", "fixed", "b1", null,
                null));
        ChatMessage stored = messages.insert(fromRoom("bob", "occ-bob", "orig", "o1", "s1", T0, T0, false))
                .orElseThrow();
        assertThat(stored.body()).isEqualTo("fixed");
    }

    @Test
    void aModeratorRemovesAnyonesMessageByTheRoomsStanzaIdAndIsNamed() throws Exception {
        messages.insert(fromRoom("bob", "occ-bob", "spam", "o1", "s1", T0, T0, false)).orElseThrow();
        StoredMessages result = messages.applyChange(change(MessageChange.Kind.RETRACTION, null, null, "s1", "",
                "mod-1", "tea@conference.example.org/carol", "spam"));
        assertThat(result.changed()).singleElement().satisfies(m -> {
            assertThat(m.body()).isEmpty();
            assertThat(m.retracted()).isTrue();
            assertThat(m.moderatedBy()).isEqualTo("tea@conference.example.org/carol");
            assertThat(m.moderationReason()).isEqualTo("spam");
        });
        // the text is gone from the search index too
        assertThat(new SqliteMessageSearch(database).search(ALICE, "spam", 10)).isEmpty();
    }

    @Test
    void aModerationThatCameFirstWaitsForItsMessage() throws Exception {
        StoredMessages pending = pages.storePage(List.of(), List.of(change(MessageChange.Kind.RETRACTION, null,
                null, "s1", "", "mod-1", "carol", null)), new SyncState(ALICE, ROOM, "s2", T0));
        assertThat(pending.isEmpty()).isTrue();
        ChatMessage stored = messages.insert(fromRoom("bob", "occ-bob", "spam", "o1", "s1", T0, T0, false))
                .orElseThrow();
        assertThat(stored.isModerated()).isTrue();
        assertThat(stored.body()).isEmpty();
    }

    @Test
    void unreadMentionsAndTheNotificationLevelAreKeptPerConversation() throws Exception {
        messages.insert(fromRoom("bob", null, "alice?", "o1", "s1", T0, T0, true)).orElseThrow();
        messages.insert(fromRoom("bob", null, "anyone?", "o2", "s2", T0.plusSeconds(1), T0.plusSeconds(1), false))
                .orElseThrow();
        var before = conversations.conversation(TEA).orElseThrow();
        assertThat(before.unread()).isEqualTo(2);
        assertThat(before.mentions()).isEqualTo(1);
        assertThat(before.notifications()).isEqualTo(NotificationLevel.ALL);

        var muted = conversations.setNotificationLevel(TEA, NotificationLevel.MENTIONS);
        assertThat(muted.notifications()).isEqualTo(NotificationLevel.MENTIONS);
        assertThat(muted.attention()).isEqualTo(1);

        var read = conversations.markRead(TEA);
        assertThat(read.mentions()).isZero();
        assertThat(conversations.conversations(ALICE)).singleElement()
                .satisfies(c -> assertThat(c.notifications()).isEqualTo(NotificationLevel.MENTIONS));
    }
}
