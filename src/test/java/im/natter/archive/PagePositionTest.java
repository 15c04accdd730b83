package im.natter.archive;

import static im.natter.archive.TestMessages.ALICE;
import static im.natter.archive.TestMessages.BOB;
import static im.natter.archive.TestMessages.CAROL;
import static im.natter.archive.TestMessages.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import im.natter.domain.model.PagePosition;
import im.natter.domain.model.StoredMessages;
import im.natter.domain.model.SyncState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages of an archive stored out of the archive's order (the newest first) keep the archive's order where the
 * server stamps whole seconds, on a real SQLite file.
 */
class PagePositionTest {

    private static final Address ROOM = Address.of("tea@conference.example.org");
    private static final ConversationKey TEA = new ConversationKey(ALICE, ROOM, ConversationKind.ROOM);

    @TempDir
    Path dir;

    private Database database;
    private SqliteMessageStore messages;
    private SqliteSyncStateStore pages;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(dir.resolve("archive.db"));
        messages = new SqliteMessageStore(database);
        pages = new SqliteSyncStateStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** Natter restarts: what the store kept in memory is gone. */
    private void reopen() throws Exception {
        database.close();
        database = Database.open(dir.resolve("archive.db"));
        messages = new SqliteMessageStore(database);
        pages = new SqliteSyncStateStore(database);
    }

    /** Message n of the room's archive, stamped in whole seconds: all of them in the same second. */
    private static ChatMessage archived(int n) {
        return archived(n, T0);
    }

    private static ChatMessage archived(int n, java.time.Instant stamp) {
        return new ChatMessage(0, TEA, Direction.INCOMING, ROOM, "bob", "m" + n, ContentKind.TEXT, "o" + n, "R" + n,
                ROOM.value(), stamp, stamp.plusSeconds(60), DeliveryState.RECEIVED, null);
    }

    /** Message n as it came live: no stamp, the time it arrived. */
    private static ChatMessage live(int n, java.time.Instant arrived) {
        return new ChatMessage(0, TEA, Direction.INCOMING, ROOM, "bob", "m" + n, ContentKind.TEXT, "o" + n, "R" + n,
                ROOM.value(), null, arrived, DeliveryState.RECEIVED, null);
    }

    private static List<ChatMessage> range(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(PagePositionTest::archived).toList();
    }

    /** The user's message n to {@code peer} in the account's own archive, sent from another device. */
    private static ChatMessage own(Address peer, int n) {
        return TestMessages.to(peer).body(String.valueOf(n)).originId("o" + n)
                .stanzaId("A" + n, ALICE.address().value()).at(T0).state(DeliveryState.ON_SERVER).build();
    }

    private static ChatMessage fromPeer(Address peer, int n) {
        return TestMessages.from(peer).body(String.valueOf(n)).stanzaId("A" + n, ALICE.address().value()).at(T0)
                .build();
    }

    private List<String> bodies() throws Exception {
        return messages.page(TEA, 0, 1000).stream().map(ChatMessage::body).toList();
    }

    private static List<String> expected(int from, int to) {
        List<String> all = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            all.add("m" + i);
        }
        return all;
    }

    @Test
    void olderPagesReadBackwardsSortBeforeTheNewerPagesOfTheSameSecond() throws Exception {
        // the first join: the newest page first, then older ones; the cursor stays at the newest id
        SyncState cursor = new SyncState(ALICE, ROOM, "R30", T0);
        pages.storePage(range(21, 30), List.of(), cursor, PagePosition.UNKNOWN);
        pages.storePage(range(11, 20), List.of(), cursor, PagePosition.before(range(21, 30)));
        pages.storePage(range(1, 10), List.of(), cursor, PagePosition.before(range(11, 20)));

        assertThat(bodies()).containsExactlyElementsOf(expected(1, 30));
    }

    @Test
    void scrollingBackPutsTheOlderPageBeforeTheOldestStoredMessageOfTheSameSecond() throws Exception {
        pages.storePage(range(11, 20), List.of(), new SyncState(ALICE, ROOM, "R20", T0), PagePosition.UNKNOWN);

        pages.storePage(range(1, 10), List.of(), null, PagePosition.before(List.of(archived(11))));

        assertThat(bodies()).containsExactlyElementsOf(expected(1, 20));
    }

    @Test
    void theGapBehindANewestPageFetchedFirstFillsInBeforeIt() throws Exception {
        pages.storePage(range(0, 0), new SyncState(ALICE, ROOM, "R0", T0));
        // a returning user: the newest page first, without moving the cursor ...
        pages.storePage(range(71, 100), List.of(), null, PagePosition.UNKNOWN);
        // ... then the gap from the cursor on, the last page reaching into the newest one
        for (int from = 1; from <= 71; from += 10) {
            int to = from + 9;
            String cursor = to >= 71 ? "R100" : "R" + to;
            pages.storePage(range(from, to), List.of(), new SyncState(ALICE, ROOM, cursor, T0),
                    PagePosition.AFTER_CURSOR);
        }

        assertThat(bodies()).containsExactlyElementsOf(expected(0, 100));
        assertThat(pages.syncState(ALICE, ROOM).orElseThrow().lastArchiveId()).isEqualTo("R100");
    }

    @Test
    void aGapFillCutOffAndResumedAfterARestartStillFillsInBeforeWhatWasStoredAhead() throws Exception {
        pages.storePage(range(0, 0), new SyncState(ALICE, ROOM, "R0", T0));
        pages.storePage(range(71, 100), List.of(), null, PagePosition.UNKNOWN);
        pages.storePage(range(1, 10), List.of(), new SyncState(ALICE, ROOM, "R10", T0), PagePosition.AFTER_CURSOR);
        // cut off here; Natter restarts; meanwhile five more were written, a second later
        reopen();
        List<ChatMessage> later = IntStream.rangeClosed(101, 105).mapToObj(n -> archived(n, T0.plusSeconds(1)))
                .toList();
        List<ChatMessage> newest = new ArrayList<>(range(76, 100));
        newest.addAll(later);
        pages.storePage(newest, List.of(), null, PagePosition.UNKNOWN);
        for (int from = 11; from <= 71; from += 10) {
            int to = from + 9;
            String cursor = to >= 76 ? "R105" : "R" + to;
            pages.storePage(range(from, to), List.of(), new SyncState(ALICE, ROOM, cursor, T0),
                    PagePosition.AFTER_CURSOR);
        }

        assertThat(bodies()).containsExactlyElementsOf(expected(0, 105));
    }

    @Test
    void roomIsMadeAfterTheCursorWhenTheMessagesBeyondItShareItsMillisecondAndTheyKeepTheirOrder()
            throws Exception {
        pages.storePage(range(0, 0), new SyncState(ALICE, ROOM, "R0", T0));
        pages.storePage(range(50, 52), List.of(), null, PagePosition.UNKNOWN);
        // two that came live, in the milliseconds right after the whole second
        messages.insert(live(53, T0.plusMillis(1)));
        messages.insert(live(54, T0.plusMillis(2)));

        StoredMessages gap = pages.storePage(range(1, 49), List.of(), new SyncState(ALICE, ROOM, "R49", T0),
                PagePosition.AFTER_CURSOR);

        assertThat(bodies()).containsExactlyElementsOf(expected(0, 54));
        // those moved a millisecond up are reported, so a view that holds them learns their new place
        assertThat(gap.changed()).extracting(ChatMessage::body).containsExactlyInAnyOrder("m50", "m51", "m52", "m53",
                "m54");
        assertThat(gap.changed()).filteredOn(m -> m.body().equals("m54")).singleElement()
                .satisfies(m -> assertThat(m.sortTime()).isEqualTo(T0.plusMillis(3)));
    }

    @Test
    void theFirstPageAfterARestartContinuesAfterTheCursorsMessageEvenWhenThatCameLiveLaterInItsSecond()
            throws Exception {
        messages.insert(live(0, T0.plusMillis(300)));
        pages.storePage(List.of(), new SyncState(ALICE, ROOM, "R0", T0.plusSeconds(1)));
        reopen();

        pages.storePage(range(1, 3), List.of(), new SyncState(ALICE, ROOM, "R3", T0), PagePosition.AFTER_CURSOR);

        assertThat(bodies()).containsExactly("m0", "m1", "m2", "m3");
    }

    @Test
    void aMessageStampedWellAfterTheNeighbourBeyondItsPageKeepsItsOwnTime() throws Exception {
        // the newer page starts with a message stamped seconds before the one the archive puts ahead of it
        pages.storePage(List.of(archived(2, T0)), List.of(), null, PagePosition.UNKNOWN);

        pages.storePage(List.of(archived(1, T0.plusSeconds(5))), List.of(), null,
                PagePosition.before(List.of(archived(2, T0))));

        // shown by its time: the page's order does not move a message by more than a whole second's tie
        assertThat(bodies()).containsExactly("m2", "m1");
        assertThat(messages.page(TEA, 0, 10).get(1).sortTime()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void inTheAccountsOwnArchiveEachConversationsOlderMessagesGoBeforeItsOldestNewerOne() throws Exception {
        ConversationKey withBob = ConversationKey.chat(ALICE, BOB);
        ConversationKey withCarol = ConversationKey.chat(ALICE, CAROL);
        SyncState cursor = new SyncState(ALICE, null, "A6", T0);
        List<ChatMessage> newer = List.of(own(BOB, 3), own(CAROL, 4), own(BOB, 5), own(CAROL, 6));
        pages.storePage(newer, List.of(), cursor, PagePosition.UNKNOWN);

        // the older page: the user's own "1" to Bob and Bob's "2", Carol's "0": all in the same second
        pages.storePage(List.of(own(CAROL, 0), own(BOB, 1), fromPeer(BOB, 2)), List.of(), cursor,
                PagePosition.before(List.of(newer.get(0), newer.get(1))));

        assertThat(messages.page(withBob, 0, 10)).extracting(ChatMessage::body).containsExactly("1", "2", "3", "5");
        assertThat(messages.page(withCarol, 0, 10)).extracting(ChatMessage::body).containsExactly("0", "4", "6");
    }

    @Test
    void onlyARoomsArchiveContinuesItsCursorByItsNeighbours() {
        assertThatThrownBy(() -> pages.storePage(range(1, 2), List.of(), new SyncState(ALICE, null, "R2", T0),
                PagePosition.AFTER_CURSOR)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pages.storePage(range(1, 2), List.of(), null, PagePosition.AFTER_CURSOR))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
