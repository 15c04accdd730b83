package im.natter.archive;

import static im.natter.archive.TestMessages.ALICE;
import static im.natter.archive.TestMessages.ALICE_WORK;
import static im.natter.archive.TestMessages.BOB;
import static im.natter.archive.TestMessages.CAROL;
import static im.natter.archive.TestMessages.DAVE;
import static im.natter.archive.TestMessages.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.Conversation;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import im.natter.domain.model.StoredMessages;
import im.natter.domain.model.SyncState;
import im.natter.domain.port.ArchiveException;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSyncStateStoreTest {

    private static final ConversationKey WITH_BOB = ConversationKey.chat(ALICE, BOB);
    private static final ConversationKey WITH_CAROL = ConversationKey.chat(ALICE, CAROL);
    /** Our server stamps the stanza-ids of the user's own archive with the user's bare address. */
    private static final String OUR_SERVER = ALICE.address().value();
    private static final Address ROOM = Address.of("tea@conference.example.org");
    private static final Instant SYNCED = Instant.parse("2025-03-02T08:00:00Z");

    @TempDir
    Path dir;

    private Database database;
    private SqliteSyncStateStore sync;
    private SqliteMessageStore messages;
    private SqliteConversationStore conversations;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(dir.resolve("archive.db"));
        sync = new SqliteSyncStateStore(database);
        messages = new SqliteMessageStore(database);
        conversations = new SqliteConversationStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aCursorIsAbsentUntilItsFirstPageThenMovesWithEachPage() throws Exception {
        assertThat(sync.syncState(ALICE, null)).isEmpty();

        sync.storePage(List.of(), cursor("a-1", SYNCED));
        assertThat(sync.syncState(ALICE, null)).contains(cursor("a-1", SYNCED));

        sync.storePage(List.of(fromBob("hi", "a-2", 1)), cursor("a-2", SYNCED.plusSeconds(60)));
        assertThat(sync.syncState(ALICE, null)).contains(cursor("a-2", SYNCED.plusSeconds(60)));

        // each archive has a cursor of its own: a room's, another account's
        assertThat(sync.syncState(ALICE, ROOM)).isEmpty();
        sync.storePage(List.of(), new SyncState(ALICE, ROOM, "r-1", SYNCED));
        assertThat(sync.syncState(ALICE, ROOM)).contains(new SyncState(ALICE, ROOM, "r-1", SYNCED));
        assertThat(sync.syncState(ALICE_WORK, null)).isEmpty();
        assertThat(sync.syncState(ALICE, null)).contains(cursor("a-2", SYNCED.plusSeconds(60)));
        assertThat(database.<String>read(c -> MigratorTest.single(c, "SELECT count(*) FROM sync_state")))
                .isEqualTo("2");
    }

    @Test
    void theCursorOutlivesARestart() throws Exception {
        sync.storePage(List.of(fromBob("kept", "a-7", 1)), cursor("a-7", SYNCED));
        database.close();

        try (Database again = Database.open(dir.resolve("archive.db"))) {
            assertThat(new SqliteSyncStateStore(again).syncState(ALICE, null)).contains(cursor("a-7", SYNCED));
            assertThat(new SqliteMessageStore(again).page(WITH_BOB, 0, 10)).extracting(ChatMessage::body)
                    .containsExactly("kept");
        }
    }

    @Test
    void aPageStoresOnlyWhatLiveMessagesAndCarbonsHaveNotAndReturnsItInOrder() throws Exception {
        // live: two messages from Bob with our server's stanza-ids, one of the user's own already acknowledged
        messages.insert(fromBob("live 1", "s-1", 10));
        messages.insert(fromBob("live 2", "s-2", 11));
        messages.insert(TestMessages.to(BOB).body("mine").originId("o-1").at(T0.plusSeconds(12)).build());

        List<ChatMessage> page = List.of(
                fromBob("older", "s-0", 5),
                fromBob("live 1", "s-1", 10),
                fromBob("live 2", "s-2", 11),
                // the archive's copy of the user's own message: same origin-id, now with a stanza-id
                TestMessages.to(BOB).body("mine").originId("o-1").stanzaId("s-3", OUR_SERVER)
                        .state(DeliveryState.ON_SERVER).at(T0.plusSeconds(12)).build(),
                TestMessages.from(CAROL).body("from carol").stanzaId("s-4", OUR_SERVER).at(T0.plusSeconds(13))
                        .build(),
                fromBob("newer", "s-5", 14));

        List<ChatMessage> added = sync.storePage(page, cursor("s-5", SYNCED));

        assertThat(added).extracting(ChatMessage::body).containsExactly("older", "from carol", "newer");
        assertThat(added).allSatisfy(m -> assertThat(m.id()).isPositive());
        assertThat(added.get(0)).isEqualTo(page.get(0).withId(added.get(0).id()).withSortTime(T0.plusSeconds(5)));
        assertThat(messages.page(WITH_BOB, 0, 50)).extracting(ChatMessage::body)
                .containsExactly("older", "live 1", "live 2", "mine", "newer");
        assertThat(messages.page(WITH_BOB, 0, 50)).contains(added.get(0), added.get(2));
        assertThat(messages.page(WITH_CAROL, 0, 50)).containsExactly(added.get(1));

        // the same page again (a retry after a lost answer) adds nothing
        assertThat(sync.storePage(page, cursor("s-5", SYNCED))).isEmpty();
        assertThat(messages.page(WITH_BOB, 0, 50)).hasSize(5);
        assertThat(database.integrityProblems()).isEmpty();
    }

    @Test
    void repeatsWithinOnePageAreStoredOnce() throws Exception {
        List<ChatMessage> added = sync.storePage(List.of(fromBob("twice", "s-1", 1), fromBob("twice", "s-1", 1),
                TestMessages.to(BOB).body("own twice").originId("o-1").at(T0.plusSeconds(2)).build(),
                TestMessages.to(BOB).body("own twice").originId("o-1").stanzaId("s-2", OUR_SERVER)
                        .at(T0.plusSeconds(2)).build()), cursor("s-2", SYNCED));

        assertThat(added).extracting(ChatMessage::body).containsExactly("twice", "own twice");
        // the second copy of the user's message gave the first its stanza-id
        assertThat(messages.findByOriginId(ALICE, "o-1").orElseThrow().stanzaId()).isEqualTo("s-2");
    }

    @Test
    void aPageThatFailsPartwayLeavesNeitherItsMessagesNorItsCursor() throws Exception {
        sync.storePage(List.of(fromBob("before", "s-0", 0)), cursor("s-0", SYNCED));
        int unreadBefore = unread(WITH_BOB);
        // a write that fails in the middle of the page, as a crash or a broken row would
        failInsertsOfBody("poison");

        List<ChatMessage> page = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            page.add(i == 30 ? fromBob("poison", "s-30", i)
                    : TestMessages.from(i % 2 == 0 ? BOB : DAVE).body("m" + i).stanzaId("s-" + i, OUR_SERVER)
                            .at(T0.plusSeconds(i)).build());
        }

        assertThatThrownBy(() -> sync.storePage(page, cursor("s-50", SYNCED.plusSeconds(1))))
                .isInstanceOf(ArchiveException.class);

        assertThat(messages.page(WITH_BOB, 0, 100)).extracting(ChatMessage::body).containsExactly("before");
        assertThat(messages.page(ConversationKey.chat(ALICE, DAVE), 0, 100)).isEmpty();
        assertThat(conversations.conversations(ALICE)).extracting(c -> c.key().peer()).containsExactly(BOB);
        assertThat(unread(WITH_BOB)).isEqualTo(unreadBefore);
        assertThat(sync.syncState(ALICE, null)).contains(cursor("s-0", SYNCED));
        assertThat(database.integrityProblems()).isEmpty();

        // the same page, once it can be written, goes in whole
        allowAllInserts();
        assertThat(sync.storePage(page, cursor("s-50", SYNCED.plusSeconds(1)))).hasSize(50);
        assertThat(sync.syncState(ALICE, null)).contains(cursor("s-50", SYNCED.plusSeconds(1)));
    }

    @Test
    void aCursorThatCannotBeWrittenTakesItsPageWithIt() throws Exception {
        database.write(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("""
                        CREATE TEMP TRIGGER refuse_cursor BEFORE INSERT ON sync_state
                        BEGIN SELECT RAISE(ABORT, 'cursor refused'); END""");
            }
            return null;
        });

        assertThatThrownBy(() -> sync.storePage(List.of(fromBob("m1", "s-1", 1), fromBob("m2", "s-2", 2)),
                cursor("s-2", SYNCED))).isInstanceOf(ArchiveException.class);

        assertThat(messages.page(WITH_BOB, 0, 10)).isEmpty();
        assertThat(sync.syncState(ALICE, null)).isEmpty();
        assertThat(database.integrityProblems()).isEmpty();
    }

    @Test
    void aFullDiskPartwayThroughAPageKeepsTheArchiveAsItWas() throws Exception {
        sync.storePage(List.of(fromBob("before", "s-0", 0)), cursor("s-0", SYNCED));
        database.write(connection -> {
            try (Statement statement = connection.createStatement()) {
                long pages = Long.parseLong(MigratorTest.single(connection, "PRAGMA page_count"));
                // room for a few messages of the page, not for all of them
                statement.execute("PRAGMA max_page_count = " + (pages + 8));
            }
            return null;
        });
        List<ChatMessage> page = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            page.add(fromBob(i + " " + "x".repeat(3_000), "s-" + i, i));
        }

        assertThatThrownBy(() -> sync.storePage(page, cursor("s-50", SYNCED.plusSeconds(1))))
                .isInstanceOf(ArchiveException.class).hasMessage(ArchiveErrors.DISK_FULL);

        assertThat(messages.page(WITH_BOB, 0, 100)).extracting(ChatMessage::body).containsExactly("before");
        assertThat(sync.syncState(ALICE, null)).contains(cursor("s-0", SYNCED));
        assertThat(database.integrityProblems()).isEmpty();
    }

    @Test
    void theUsersOwnMessageGetsTheServersStanzaIdFromItsRepeatSoTheArchivesCopyMatches() throws Exception {
        ChatMessage sent = messages.insert(TestMessages.to(BOB).body("mine").originId("o-1").at(T0).build())
                .orElseThrow();
        assertThat(sent.stanzaId()).isNull();

        // seen again with the stanza-id our server gave it: still a repeat, but the stanza-id is kept
        ChatMessage echo = TestMessages.to(BOB).body("mine").originId("o-1").stanzaId("s-9", OUR_SERVER)
                .state(DeliveryState.ON_SERVER).at(T0.plusSeconds(1)).build();
        assertThat(messages.insert(echo)).isEmpty();
        ChatMessage filled = messages.findByOriginId(ALICE, "o-1").orElseThrow();
        assertThat(filled.stanzaId()).isEqualTo("s-9");
        assertThat(filled.stanzaIdBy()).isEqualTo(OUR_SERVER);
        assertThat(filled.id()).isEqualTo(sent.id());
        assertThat(filled.state()).isEqualTo(DeliveryState.QUEUED);

        // the same stanza-id again, even without its origin-id (a client that dropped it): nothing happens
        assertThat(messages.insert(echo)).isEmpty();
        ChatMessage withoutOriginId = TestMessages.to(BOB).body("mine").stanzaId("s-9", OUR_SERVER)
                .at(T0.plusSeconds(2)).build();
        assertThat(messages.insert(withoutOriginId)).isEmpty();
        // and a later archive page that holds it only by stanza-id skips it too
        assertThat(sync.storePage(List.of(withoutOriginId), cursor("s-9", SYNCED))).isEmpty();

        assertThat(messages.page(WITH_BOB, 0, 10)).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(sent.id());
            assertThat(m.stanzaId()).isEqualTo("s-9");
        });
        assertThat(database.integrityProblems()).isEmpty();
    }

    @Test
    void aStanzaIdAlreadyStoredIsNeverOverwrittenNorCopiedOntoASecondRow() throws Exception {
        messages.insert(TestMessages.to(BOB).body("first").originId("o-1").stanzaId("s-1", OUR_SERVER).at(T0)
                .build());
        messages.insert(TestMessages.to(BOB).body("second").originId("o-2").at(T0.plusSeconds(1)).build());

        // a repeat of o-1 with another stanza-id: o-1 keeps its own
        assertThat(messages.insert(TestMessages.to(BOB).body("first").originId("o-1").stanzaId("s-other", OUR_SERVER)
                .build())).isEmpty();
        // a repeat of o-2 naming o-1's stanza-id: the unique stanza-id stays on one row, and nothing fails
        assertThat(messages.insert(TestMessages.to(BOB).body("second").originId("o-2").stanzaId("s-1", OUR_SERVER)
                .build())).isEmpty();

        assertThat(messages.findByOriginId(ALICE, "o-1").orElseThrow().stanzaId()).isEqualTo("s-1");
        assertThat(messages.findByOriginId(ALICE, "o-2").orElseThrow().stanzaId()).isNull();
        assertThat(messages.page(WITH_BOB, 0, 10)).hasSize(2);
    }

    @Test
    void theUsersOwnMessageIsOneMessageWhicheverDirectionItsCopiesClaim() throws Exception {
        // sent from the phone, seen here as a sent carbon
        ChatMessage carbon = TestMessages.to(BOB).body("from my phone").originId("p-1").state(DeliveryState.ON_SERVER)
                .at(T0).build();
        assertThat(messages.insert(carbon)).isPresent();

        // the archive's copy, taken for an incoming message: the key (conversation, sender, origin-id) still holds
        ChatMessage mislabelled = TestMessages.from(BOB).sender(ALICE.address()).body("from my phone")
                .originId("p-1").stanzaId("s-1", OUR_SERVER).at(T0).build();
        assertThat(mislabelled.direction()).isEqualTo(Direction.INCOMING);
        assertThat(sync.storePage(List.of(mislabelled), cursor("s-1", SYNCED))).isEmpty();
        assertThat(messages.insert(mislabelled)).isEmpty();

        assertThat(messages.page(WITH_BOB, 0, 10)).singleElement().satisfies(m -> {
            assertThat(m.direction()).isEqualTo(Direction.OUTGOING);
            assertThat(m.stanzaId()).isEqualTo("s-1");
        });
        assertThat(unread(WITH_BOB)).isZero();

        // the sender is part of the key: Bob using the same origin-id is Bob's own message
        assertThat(sync.storePage(List.of(TestMessages.from(BOB).body("bob's").originId("p-1").at(T0.plusSeconds(1))
                .build()), cursor("s-2", SYNCED))).hasSize(1);
        assertThat(messages.page(WITH_BOB, 0, 10)).hasSize(2);
    }

    @Test
    void olderHistoryStoredAfterNewerLiveMessagesReadsBackInTimeOrder() throws Exception {
        for (int i = 100; i < 130; i++) {
            messages.insert(fromBob("live " + i, "s-" + i, i));
        }
        // catch-up after a reconnect: pages of what was sent before the live messages, oldest page first
        for (int start = 0; start < 100; start += 25) {
            List<ChatMessage> page = new ArrayList<>();
            for (int i = start; i < start + 25; i++) {
                // fetched now (local time later than every live message), sent earlier (server time)
                page.add((i % 3 == 0 ? TestMessages.to(BOB) : TestMessages.from(BOB)).body("archived " + i).stanzaId("s-" + i, OUR_SERVER).serverTime(T0.plusSeconds(i))
                        .localTime(T0.plusSeconds(10_000 + i)).build());
            }
            sync.storePage(page, cursor("s-" + (start + 24), SYNCED));
        }

        List<String> read = new ArrayList<>();
        long before = 0;
        while (true) {
            List<ChatMessage> page = messages.page(WITH_BOB, before, 7);
            if (page.isEmpty()) {
                break;
            }
            read.addAll(0, page.stream().map(ChatMessage::body).toList());
            before = page.getFirst().id();
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            expected.add((i < 100 ? "archived " : "live ") + i);
        }
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void historyCountsAsUnreadOnlyWhenNewerThanWhatTheUserHasRead() throws Exception {
        // before the user has read anything, history counts like live messages
        sync.storePage(List.of(fromBob("a", "s-1", 10), fromBob("b", "s-2", 20)), cursor("s-2", SYNCED));
        assertThat(unread(WITH_BOB)).isEqualTo(2);

        conversations.markRead(WITH_BOB);
        assertThat(unread(WITH_BOB)).isZero();

        sync.storePage(List.of(
                fromBob("older, fetched while scrolling back", "s-0", 5),
                fromBob("as old as the last one read", "s-1b", 20),
                fromBob("sent while away", "s-3", 30),
                TestMessages.to(BOB).body("my reply from the phone").originId("p-1").at(T0.plusSeconds(31)).build()),
                cursor("s-3", SYNCED));
        assertThat(unread(WITH_BOB)).isEqualTo(1);

        // live messages still count, and reading again moves the read point forward, never back
        messages.insert(fromBob("live", "s-4", 40));
        assertThat(unread(WITH_BOB)).isEqualTo(2);
        conversations.markRead(WITH_BOB);
        sync.storePage(List.of(fromBob("still old", "s-00", 35)), cursor("s-4", SYNCED));
        assertThat(unread(WITH_BOB)).isZero();

        // a chat opened but never read has no read point yet
        conversations.markRead(WITH_CAROL);
        sync.storePage(List.of(TestMessages.from(CAROL).body("c").stanzaId("c-1", OUR_SERVER).at(T0).build()),
                cursor("c-1", SYNCED));
        assertThat(unread(WITH_CAROL)).isEqualTo(1);
    }

    @Test
    void aPageWithoutACursorStoresItsMessagesAndLeavesTheCursorAlone() throws Exception {
        sync.storePage(List.of(fromBob("new", "s-9", 90)), cursor("s-9", SYNCED));

        assertThat(sync.storePage(List.of(fromBob("scrolled back to", "s-1", 1)), null)).hasSize(1);

        assertThat(sync.syncState(ALICE, null)).contains(cursor("s-9", SYNCED));
        assertThat(messages.page(WITH_BOB, 0, 10)).extracting(ChatMessage::body)
                .containsExactly("scrolled back to", "new");
    }

    @Test
    void aPageMustHoldNewMessagesOfTheCursorsAccount() throws Exception {
        ChatMessage other = TestMessages.from(BOB).in(ConversationKey.chat(ALICE_WORK, BOB)).body("work").build();
        assertThatThrownBy(() -> sync.storePage(List.of(other), cursor("x", SYNCED)))
                .isInstanceOf(IllegalArgumentException.class);

        ChatMessage stored = messages.insert(fromBob("hi", "s-1", 1)).orElseThrow();
        assertThatThrownBy(() -> sync.storePage(List.of(stored), cursor("x", SYNCED)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(sync.syncState(ALICE, null)).isEmpty();
    }

    @Test
    void aCatchUpOfTenThousandMessagesInPagesOfFiftyKeepsEachOnceAndTheFileSound() throws Exception {
        List<ConversationKey> peers = List.of(WITH_BOB, WITH_CAROL, ConversationKey.chat(ALICE, DAVE));
        // a third of them already arrived live, as they would during a catch-up
        for (int i = 0; i < 10_000; i += 3) {
            messages.insert(bulk(peers, i));
        }
        int added = 0;
        for (int start = 0; start < 10_000; start += 50) {
            List<ChatMessage> page = new ArrayList<>();
            for (int i = start; i < start + 50; i++) {
                page.add(bulk(peers, i));
            }
            added += sync.storePage(page, cursor("s-" + (start + 49), SYNCED)).size();
        }

        assertThat(added).isEqualTo(10_000 - 3_334);
        HashSet<String> stanzaIds = new HashSet<>();
        for (ConversationKey peer : peers) {
            messages.page(peer, 0, 10_000).forEach(m -> stanzaIds.add(m.stanzaId()));
        }
        assertThat(stanzaIds).hasSize(10_000);
        assertThat(sync.syncState(ALICE, null)).contains(cursor("s-9999", SYNCED));
        assertThat(database.integrityProblems()).isEmpty();
    }

    private static ChatMessage bulk(List<ConversationKey> peers, int i) {
        ConversationKey key = peers.get(i % peers.size());
        var message = i % 2 == 0 ? TestMessages.from(key.peer()) : TestMessages.to(key.peer()).originId("o-" + i);
        return message.body("message " + i).stanzaId("s-" + i, OUR_SERVER).at(T0.plusSeconds(i)).build();
    }

    @Test
    void messagesNewToThePageSitBetweenTheStoredOnesThePagePutsAroundThemEvenWhenStampedInWholeSeconds()
            throws Exception {
        // live before the connection was cut: received a little after the server's whole second
        messages.insert(liveFromBob("1", "s-1", T0.plusMillis(300)));
        messages.insert(liveFromBob("2", "s-2", T0.plusMillis(600)));
        // live again after the reconnect, before the catch-up ran
        messages.insert(liveFromBob("5", "s-5", T0.plusMillis(950)));

        // the server's archive has them all in order; those it alone had carry its whole-second stamp
        sync.storePage(List.of(
                fromBob("1", "s-1", 0), fromBob("2", "s-2", 0), fromBob("3", "s-3", 0), fromBob("4", "s-4", 0),
                fromBob("5", "s-5", 0)), cursor("s-5", SYNCED));

        assertThat(messages.page(WITH_BOB, 0, 50)).extracting(ChatMessage::body)
                .containsExactly("1", "2", "3", "4", "5");
        assertThat(messages.page(WITH_BOB, 0, 50)).extracting(ChatMessage::orderTime).isSorted();
    }

    @Test
    void storedMessagesThePageOrdersDifferentlyMoveBehindTheirPredecessor() throws Exception {
        // a live message overtook the offline delivery of two older ones stamped in that whole second, which the
        // arrival order then put after it
        messages.insert(liveFromBob("3", "s-3", T0.plusMillis(700)));
        messages.insert(TestMessages.from(BOB).body("1").stanzaId("s-1", OUR_SERVER).serverTime(T0)
                .localTime(T0.plusMillis(800)).build());
        messages.insert(TestMessages.from(BOB).body("2").stanzaId("s-2", OUR_SERVER).serverTime(T0)
                .localTime(T0.plusMillis(800)).build());
        assertThat(messages.page(WITH_BOB, 0, 50)).extracting(ChatMessage::body).containsExactly("3", "1", "2");

        sync.storePage(List.of(fromBob("1", "s-1", 0), fromBob("2", "s-2", 0), fromBob("3", "s-3", 0),
                fromBob("4", "s-4", 0)), cursor("s-4", SYNCED));

        assertThat(messages.page(WITH_BOB, 0, 50)).extracting(ChatMessage::body).containsExactly("1", "2", "3", "4");
    }

    @Test
    void theNextPageOfACatchUpContinuesEachSendersOrderAcrossThePageBoundary() throws Exception {
        messages.insert(liveFromBob("1", "s-1", T0.plusMillis(900)));
        sync.storePage(List.of(fromBob("1", "s-1", 0)), cursor("s-1", SYNCED));
        // the next page starts with a message only the archive had, stamped in the same whole second
        sync.storePage(List.of(fromBob("2", "s-2", 0), fromBob("3", "s-3", 0)), cursor("s-3", SYNCED));

        assertThat(messages.page(WITH_BOB, 0, 50)).extracting(ChatMessage::body).containsExactly("1", "2", "3");
    }

    @Test
    void aPageNeverMovesOneSendersMessageOverAnotherOfTheSameSenderItDoesNotHold() throws Exception {
        // the user's own messages, stored as they were written; one of Bob's, received a little later
        messages.insert(TestMessages.to(BOB).body("a1").originId("o-1").at(T0.plusMillis(100)).build());
        messages.insert(TestMessages.to(BOB).body("a2").originId("o-2").at(T0.plusMillis(200)).build());
        messages.insert(TestMessages.to(BOB).body("a3").originId("o-3").at(T0.plusMillis(300)).build());
        messages.insert(liveFromBob("b1", "s-b1", T0.plusMillis(350)));

        // the server took Bob's before the user's second one; the third is not in the archive yet
        sync.storePage(List.of(
                TestMessages.to(BOB).body("a1").originId("o-1").stanzaId("s-a1", OUR_SERVER).at(T0).build(),
                fromBob("b1", "s-b1", 0),
                TestMessages.to(BOB).body("a2").originId("o-2").stanzaId("s-a2", OUR_SERVER).at(T0).build()),
                cursor("s-a2", SYNCED));

        assertThat(messages.page(WITH_BOB, 0, 50)).filteredOn(ChatMessage::isOutgoing).extracting(ChatMessage::body)
                .containsExactly("a1", "a2", "a3");
    }

    @Test
    void aMessageItsSenderSentAgainLateKeepsTheTimeItWasWrittenWhereverThePagePutsIt() throws Exception {
        messages.insert(liveFromBob("1", "s-1", T0.plusMillis(100)));
        messages.insert(liveFromBob("3", "s-3", T0.plusMillis(300)));
        // lost by the server the first time; Bob's client sent it again later, stamped when it was written
        messages.insert(TestMessages.from(BOB).body("2").stanzaId("s-2", OUR_SERVER).serverTime(T0.plusMillis(200))
                .localTime(T0.plusSeconds(9)).build());

        sync.storePage(List.of(fromBob("1", "s-1", 0), fromBob("3", "s-3", 0), fromBob("2", "s-2", 9)),
                cursor("s-2", SYNCED));

        assertThat(messages.page(WITH_BOB, 0, 50)).extracting(ChatMessage::body).containsExactly("1", "2", "3");
    }

    @Test
    void aMessageTheServerRoutedLateAfterARestartOfTheStreamGoesWhereItsArchivePutsIt() throws Exception {
        messages.insert(liveFromBob("1", "s-1", T0.plusMillis(100)));
        // "2" sat in the dead session's queue; the server delivered "3" to the new session first
        messages.insert(liveFromBob("3", "s-3", T0.plusMillis(300)));
        messages.insert(liveFromBob("2", "s-2", T0.plusMillis(400)));

        sync.storePage(List.of(fromBob("1", "s-1", 0), fromBob("2", "s-2", 0), fromBob("3", "s-3", 0)),
                cursor("s-3", SYNCED));

        assertThat(messages.page(WITH_BOB, 0, 50)).extracting(ChatMessage::body).containsExactly("1", "2", "3");
    }

    @Test
    void aStampWithFractionsOfASecondIsTakenAsItIs() throws Exception {
        messages.insert(liveFromBob("2", "s-2", T0.plusMillis(700)));
        messages.insert(TestMessages.from(BOB).body("1").stanzaId("s-1", OUR_SERVER).serverTime(T0.plusMillis(118))
                .localTime(T0.plusMillis(800)).build());

        assertThat(messages.page(WITH_BOB, 0, 50)).extracting(ChatMessage::body).containsExactly("1", "2");
    }

    @Test
    void aStampLaterThanTheNextStoredMessageStillSitsBeforeIt() throws Exception {
        messages.insert(liveFromBob("1", "s-1", T0.plusMillis(100)));
        messages.insert(liveFromBob("3", "s-3", T0.plusMillis(900)));

        // "2" is stamped with the next second (the server's clock ran ahead of this one)
        sync.storePage(List.of(fromBob("1", "s-1", 0), fromBob("2", "s-2", 1), fromBob("3", "s-3", 0)),
                cursor("s-3", SYNCED));

        assertThat(messages.page(WITH_BOB, 0, 50)).extracting(ChatMessage::body).containsExactly("1", "2", "3");
        ChatMessage second = messages.page(WITH_BOB, 0, 50).get(1);
        assertThat(second.displayTime()).isEqualTo(T0.plusSeconds(1));
        assertThat(second.orderTime()).isBetween(T0.plusMillis(100), T0.plusMillis(899));
    }

    @Test
    void messagesAServerHandedOnLateGoBackToTheOrderTheirWriterWroteThemIn() throws Exception {
        // the server lost "2" with a session and handed it on after newer ones (ejabberd 23.01 after a cut)
        messages.insert(liveFromBob("1", "s-1", T0.plusMillis(100)).withSenderClock(T0.plusMillis(10)));
        messages.insert(liveFromBob("3", "s-3", T0.plusMillis(300)).withSenderClock(T0.plusMillis(30)));
        messages.insert(liveFromBob("4", "s-4", T0.plusMillis(400)).withSenderClock(T0.plusMillis(40)));
        messages.insert(liveFromBob("2", "s-2", T0.plusSeconds(9)).withSenderClock(T0.plusMillis(20)));

        assertThat(messages.page(WITH_BOB, 0, 50)).extracting(ChatMessage::body).containsExactly("1", "2", "3", "4");
        ChatMessage late = messages.page(WITH_BOB, 0, 50).get(1);
        assertThat(late.displayTime()).isEqualTo(T0.plusSeconds(9));
        assertThat(late.senderClock()).isEqualTo(T0.plusMillis(20));
    }

    @Test
    void theWritersClockOutranksAnArchiveThatTookAMessageLate() throws Exception {
        // ejabberd archived "2" only when the sender sent it again after a restart, behind "3" and "4"
        messages.insert(liveFromBob("3", "s-3", T0.plusMillis(300)).withSenderClock(T0.plusMillis(30)));
        sync.storePage(List.of(clocked(fromBob("1", "s-1", 0), 10), clocked(fromBob("3", "s-3", 0), 30),
                clocked(fromBob("4", "s-4", 0), 40), clocked(fromBob("2", "s-2", 9), 20),
                clocked(fromBob("5", "s-5", 9), 50)), cursor("s-5", SYNCED));

        assertThat(messages.page(WITH_BOB, 0, 50)).extracting(ChatMessage::body)
                .containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void aMessageMissedInACutGoesBetweenItsNeighboursEvenWhenTheyShareAMillisecond() throws Exception {
        // Prosody stamps whole seconds: "1"-"3" came live, "5" came after the reconnect with the same stamp, and "4",
        // lost in the cut, comes from the archive; no millisecond lies free between "3" and "5"
        for (int i : new int[] {1, 2, 3, 5}) {
            messages.insert(clocked(fromBob(Integer.toString(i), "s-" + i, 0), 10 * i));
        }

        sync.storePage(List.of(clocked(fromBob("3", "s-3", 0), 30), clocked(fromBob("4", "s-4", 0), 40),
                clocked(fromBob("5", "s-5", 0), 50)), cursor("s-5", SYNCED));

        assertThat(messages.page(WITH_BOB, 0, 50)).extracting(ChatMessage::body)
                .containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void aPageFillsAGapBetweenMessagesOfOneMillisecondWithoutAnyClock() throws Exception {
        // the same cut with a sender whose client states no writer's clock: the page's order alone decides
        for (int i : new int[] {1, 2, 3, 5}) {
            messages.insert(fromBob(Integer.toString(i), "s-" + i, 0));
        }

        StoredMessages result = sync.storePage(List.of(fromBob("2", "s-2", 0), fromBob("3", "s-3", 0),
                fromBob("4", "s-4", 0), fromBob("5", "s-5", 0)), List.of(), cursor("s-5", SYNCED));

        assertThat(messages.page(WITH_BOB, 0, 50)).extracting(ChatMessage::body)
                .containsExactly("1", "2", "3", "4", "5");
        assertThat(result.changed()).extracting(ChatMessage::body).containsExactly("5");
    }

    @Test
    void aLiveMessageGoingBetweenTwoInOneMillisecondReportsTheOnesItMoved() throws Exception {
        for (int i : new int[] {1, 2, 3, 5, 6}) {
            messages.insert(clocked(fromBob(Integer.toString(i), "s-" + i, 0), 10 * i));
        }

        StoredMessages result = messages.store(clocked(fromBob("4", "s-4", 0), 40));

        assertThat(result.added()).extracting(ChatMessage::body).containsExactly("4");
        assertThat(result.changed()).extracting(ChatMessage::body).containsExactlyInAnyOrder("5", "6");
        List<ChatMessage> stored = messages.page(WITH_BOB, 0, 50);
        assertThat(stored).extracting(ChatMessage::body).containsExactly("1", "2", "3", "4", "5", "6");
        // what the change reports is where they sit now
        assertThat(result.changed()).allSatisfy(moved -> assertThat(moved.orderTime())
                .isEqualTo(stored.stream().filter(m -> m.id() == moved.id()).findFirst().orElseThrow().orderTime()));
    }

    @Test
    void aWritersClockOrdersOnlyThatSendersMessagesAndOnlyWithinAMinute() throws Exception {
        messages.insert(liveFromBob("bob 1", "s-1", T0.plusMillis(100)).withSenderClock(T0.plusMillis(100)));
        messages.insert(TestMessages.from(CAROL).body("carol").stanzaId("s-c", OUR_SERVER)
                .localTime(T0.plusMillis(200)).build().withSenderClock(T0.plusMillis(200)));
        messages.insert(liveFromBob("bob 2", "s-2", T0.plusMillis(300)).withSenderClock(T0.plusMillis(300)));
        // a clock that claims "long before" moves nothing more than a minute away, nor anyone else's messages
        messages.insert(liveFromBob("bob early?", "s-3", T0.plusMillis(400)).withSenderClock(T0.minusSeconds(3600)));
        messages.insert(TestMessages.from(CAROL).body("carol early?").stanzaId("s-c2", OUR_SERVER)
                .localTime(T0.plusMillis(500)).build().withSenderClock(T0));

        assertThat(messages.page(WITH_BOB, 0, 50)).extracting(ChatMessage::body)
                .containsExactly("bob 1", "bob 2", "bob early?");
        assertThat(messages.page(WITH_CAROL, 0, 50)).extracting(ChatMessage::body)
                .containsExactly("carol early?", "carol");
    }

    @Test
    void theUsersOwnMessagesAndRoomMessagesIgnoreAClock() throws Exception {
        messages.insert(TestMessages.to(BOB).body("a1").originId("o-1").at(T0.plusMillis(100)).build());
        // a copy of the user's own message from another device, with a clock that says "earlier"
        messages.insert(TestMessages.to(BOB).body("phone").originId("o-2").state(DeliveryState.ON_SERVER)
                .localTime(T0.plusMillis(200)).writtenAt(T0).build());
        ConversationKey room = new ConversationKey(ALICE, ROOM, im.natter.domain.model.ConversationKind.ROOM);
        messages.insert(TestMessages.from(ROOM).in(room).body("r1").localTime(T0.plusMillis(100))
                .writtenAt(T0.plusMillis(100)).build());
        messages.insert(TestMessages.from(ROOM).in(room).body("r2").localTime(T0.plusMillis(200))
                .writtenAt(T0).build());

        assertThat(messages.page(WITH_BOB, 0, 50)).extracting(ChatMessage::body).containsExactly("a1", "phone");
        assertThat(messages.page(room, 0, 50)).extracting(ChatMessage::body).containsExactly("r1", "r2");
    }

    @Test
    void placingFollowsTheFloorAndStaysBelowTheCeiling() {
        assertThat(MessageWriter.between(500, null, null)).isEqualTo(500);
        assertThat(MessageWriter.between(500, 700L, null)).isEqualTo(700);
        assertThat(MessageWriter.between(500, 300L, null)).isEqualTo(500);
        assertThat(MessageWriter.between(500, null, 400L)).isEqualTo(399);
        assertThat(MessageWriter.between(1000, 300L, 900L)).isEqualTo(899);
        // no room between: after the floor, where the insertion order decides
        assertThat(MessageWriter.between(1000, 900L, 900L)).isEqualTo(900);
    }

    private static ChatMessage liveFromBob(String body, String stanzaId, Instant received) {
        return TestMessages.from(BOB).body(body).stanzaId(stanzaId, OUR_SERVER).localTime(received).build();
    }

    private static ChatMessage fromBob(String body, String stanzaId, int second) {
        return TestMessages.from(BOB).body(body).stanzaId(stanzaId, OUR_SERVER).at(T0.plusSeconds(second)).build();
    }

    private static ChatMessage clocked(ChatMessage message, int writtenAtMillis) {
        return message.withSenderClock(T0.plusMillis(writtenAtMillis));
    }

    private static SyncState cursor(String lastArchiveId, Instant synced) {
        return new SyncState(ALICE, null, lastArchiveId, synced);
    }

    private int unread(ConversationKey key) throws ArchiveException {
        return conversations.conversation(key).map(Conversation::unread).orElse(0);
    }

    /** A temporary trigger lives on the writer's connection only and vanishes with it. */
    private void failInsertsOfBody(String body) throws ArchiveException {
        database.write(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("CREATE TEMP TRIGGER fail_insert BEFORE INSERT ON message WHEN new.body = '"
                        + body + "' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END");
            }
            return null;
        });
    }

    private void allowAllInserts() throws ArchiveException {
        database.write(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DROP TRIGGER temp.fail_insert");
            }
            return null;
        });
    }
}
