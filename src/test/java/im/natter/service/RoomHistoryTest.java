package im.natter.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConnectionProblem;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.Direction;
import im.natter.domain.model.HistoryQuery;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.PagePosition;
import im.natter.testsupport.fakes.FakeRooms;
import im.natter.testsupport.fakes.FakeServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The room's archive road: catch-up after each join, merged with live messages, and scrolling back. */
class RoomHistoryTest {

    private static final Address ROOM = Address.of("lounge@muc.example.org");
    private static final ConversationKey KEY = new ConversationKey(FakeServices.ALICE, ROOM, ConversationKind.ROOM);

    private final FakeServices s = new FakeServices(new HistorySyncService.Settings(Duration.ofDays(30), 30, 10));
    private int seq;

    private void signIn() {
        s.connections.signIn(new AccountSettings(FakeServices.ALICE, "r", null, false, List.of()),
                "pw".toCharArray()).join();
    }

    private void reconnect() {
        s.xmpp.drop(FakeServices.ALICE, ConnectionProblem.of(ConnectionProblem.Kind.CONNECTION_DROPPED, "lost"));
        s.xmpp.reconnect(FakeServices.ALICE).join();
    }

    private void joinLounge() {
        s.rooms.join(FakeServices.ALICE, ROOM, "alice", null).join();
    }

    /** A message in the room's archive; its archive id is the stanza-id the room gave it live. */
    private InboundMessage inRoomArchive(String nick, String body) {
        seq++;
        InboundMessage m = FakeRooms.archived(FakeServices.ALICE, ROOM, nick, "occ-" + nick, body, nick + "-o" + seq,
                "R" + seq, Instant.parse("2026-11-20T09:00:00Z").plusSeconds(seq));
        s.xmpp.archive(m);
        return m;
    }

    /** The live copy of an archived message, as the room sent it. */
    private static InboundMessage liveCopy(InboundMessage archived) {
        return FakeRooms.groupchat(FakeServices.ALICE, ROOM, archived.fromResource(), archived.room().occupantId(),
                archived.body(), archived.originId(), archived.archiveId());
    }

    private List<String> roomBodies() {
        return s.archive.all().stream().filter(m -> m.conversation().equals(KEY))
                .sorted(java.util.Comparator.comparing(ChatMessage::displayTime)).map(ChatMessage::body).toList();
    }

    private List<HistoryQuery> roomQueries() {
        return s.xmpp.historyQueries().stream().filter(HistoryQuery::isRoomArchive).toList();
    }

    @Test
    void theFirstJoinFetchesABoundedWindowOfTheRoomsArchive() {
        for (int i = 1; i <= 45; i++) {
            inRoomArchive("bob", "m" + i);
        }
        signIn();
        joinLounge();

        // the newest 30 (maxPerConversation), in pages of 10, newest page first
        assertThat(roomBodies()).hasSize(30).first().isEqualTo("m16");
        assertThat(roomBodies()).last().isEqualTo("m45");
        assertThat(roomQueries().getFirst().archive()).isEqualTo(ROOM);
        assertThat(roomQueries().getFirst().beforeArchiveId()).isEmpty();
        assertThat(s.archive.syncState(FakeServices.ALICE, ROOM)).get()
                .satisfies(st -> assertThat(st.lastArchiveId()).isEqualTo("R45"));
        // the account's own archive is not mixed in
        assertThat(s.archive.syncState(FakeServices.ALICE, null)).get()
                .satisfies(st -> assertThat(st.lastArchiveId()).isEmpty());
    }

    @Test
    void laterJoinsContinueFromTheLastRoomArchiveIdWithoutGapsOrDoubles() {
        inRoomArchive("bob", "before");
        signIn();
        joinLounge();
        // live while joined: in the archive too, under the same id
        InboundMessage during = inRoomArchive("carol", "during");
        s.fakeRooms.receive(liveCopy(during));
        // missed while the connection was down
        inRoomArchive("bob", "missed 1");
        inRoomArchive("bob", "missed 2");

        reconnect();

        // live messages do not move the cursor: the catch-up recognises "during" by the room's stanza-id; the
        // newest page reaches back to the cursor, so it is the whole catch-up
        assertThat(roomQueries().getLast().beforeArchiveId()).isEmpty();
        assertThat(roomBodies()).containsExactlyInAnyOrder("before", "during", "missed 1", "missed 2");
        assertThat(s.archive.syncState(FakeServices.ALICE, ROOM)).get()
                .satisfies(st -> assertThat(st.lastArchiveId()).isEqualTo("R4"));

        // the same again changes nothing
        reconnect();
        assertThat(roomBodies()).hasSize(4);
    }

    @Test
    void liveMessagesArrivingDuringTheCatchUpAreNotDoubled() {
        for (int i = 1; i <= 5; i++) {
            inRoomArchive("bob", "m" + i);
        }
        signIn();
        // the live copies come first (the room speaks while the archive is still being read)
        s.fakeRooms.setFeatures(ROOM, FakeRooms.MODERN);
        joinLounge();
        for (int i = 1; i <= 5; i++) {
            InboundMessage again = FakeRooms.groupchat(FakeServices.ALICE, ROOM, "bob", "occ-bob", "m" + i,
                    "bob-o" + i, "R" + i);
            s.fakeRooms.receive(again);
        }
        assertThat(roomBodies()).containsExactly("m1", "m2", "m3", "m4", "m5");
    }

    @Test
    void theUsersOwnMessagesInTheRoomsArchiveAreTheSentOnes() {
        signIn();
        joinLounge();
        ChatMessage sent = s.chats.send(KEY, "mine").join();
        // the room archived it under our nick, with our origin-id, but we missed the reflection
        seq++;
        s.xmpp.archive(FakeRooms.archived(FakeServices.ALICE, ROOM, "alice", "self-id", "mine", sent.originId(),
                "R" + seq, s.clock.instant()));
        reconnect();
        List<ChatMessage> stored = s.archive.all().stream().filter(m -> m.conversation().equals(KEY)).toList();
        assertThat(stored).singleElement().satisfies(m -> {
            assertThat(m.direction()).isEqualTo(Direction.OUTGOING);
            assertThat(m.stanzaId()).isEqualTo("R" + seq);
        });
    }

    @Test
    void aFailedRoomCatchUpResumesFromTheStoredIdAtTheNextJoin() {
        inRoomArchive("bob", "one");
        signIn();
        joinLounge();
        inRoomArchive("bob", "two");
        // the account's own archive is not asked, so the room's request is the one that fails
        s.xmpp.setHistorySupported(false);
        s.xmpp.failNextHistory(new IllegalStateException("connection lost"));
        reconnect();
        assertThat(roomBodies()).containsExactly("one");
        assertThat(s.archive.syncState(FakeServices.ALICE, ROOM)).get()
                .satisfies(st -> assertThat(st.lastArchiveId()).isEqualTo("R1"));
        reconnect();
        assertThat(roomBodies()).containsExactly("one", "two");
    }

    @Test
    void roomsWithoutAnArchiveAreNotAskedForOne() {
        signIn();
        s.fakeRooms.setFeatures(ROOM, FakeRooms.PLAIN);
        joinLounge();
        assertThat(roomQueries()).isEmpty();
        assertThatThrownBy(() -> s.history.fetchOlder(KEY, 20).join())
                .hasMessageContaining("this room keeps no archive");
    }

    @Test
    void scrollingBackAsksTheRoomsArchiveBeforeTheOldestStoredId() {
        for (int i = 1; i <= 45; i++) {
            inRoomArchive("bob", "m" + i);
        }
        signIn();
        joinLounge();
        assertThat(roomBodies()).first().isEqualTo("m16");

        int got = s.history.fetchOlder(KEY, 10).join();

        assertThat(got).isEqualTo(10);
        assertThat(roomQueries().getLast().beforeArchiveId()).isEqualTo("R16");
        assertThat(roomQueries().getLast().archive()).isEqualTo(ROOM);
        assertThat(roomBodies()).hasSize(40).first().isEqualTo("m6");
    }

    @Test
    void anEmptyRoomArchiveIsReadForwardsFromThenOn() {
        signIn();
        joinLounge();
        assertThat(s.archive.syncState(FakeServices.ALICE, ROOM)).get()
                .satisfies(st -> assertThat(st.lastArchiveId()).isEmpty());
        s.clock.advance(Duration.ofMinutes(30));
        InboundMessage later = FakeRooms.archived(FakeServices.ALICE, ROOM, "bob", "occ-bob", "later", "lo",
                "R100", s.clock.instant());
        s.xmpp.archive(later);
        Instant lookedAt = s.archive.syncState(FakeServices.ALICE, ROOM).orElseThrow().lastSynced();
        reconnect();
        // everything since it was found empty (give or take the clocks' disagreement)
        assertThat(roomQueries().getLast().start()).isEqualTo(lookedAt.minus(Duration.ofMinutes(5)));
        assertThat(roomBodies()).containsExactly("later");
    }

    /** A returning user: in the room once (the archive held "m1"), then 35 messages written while away. */
    private void awayWhile35MessagesAreWritten() {
        inRoomArchive("bob", "m1");
        signIn();
        joinLounge();
        for (int i = 2; i <= 36; i++) {
            inRoomArchive(i % 2 == 0 ? "bob" : "carol", "m" + i);
        }
    }

    private List<String> expectedBodies(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).mapToObj(i -> "m" + i).toList();
    }

    @Test
    void aReturningUserGetsTheNewestPageFirstThenTheGapFromTheCursorUpToIt() {
        awayWhile35MessagesAreWritten();
        List<String> announced = new java.util.ArrayList<>();
        List<String> cursorWhenAnnounced = new java.util.ArrayList<>();
        s.bus.subscribe(e -> {
            if (e instanceof im.natter.domain.event.MessageAdded a && a.message().conversation().equals(KEY)) {
                announced.add(a.message().body());
                cursorWhenAnnounced.add(s.archive.syncState(FakeServices.ALICE, ROOM).orElseThrow().lastArchiveId());
            }
        });
        int asked = roomQueries().size();

        reconnect();

        // the newest page (m27..m36) first, without moving the cursor past the gap behind it
        assertThat(announced.subList(0, 10)).containsExactlyElementsOf(expectedBodies(27, 36));
        assertThat(cursorWhenAnnounced.subList(0, 10)).containsOnly("R1");
        // then the gap, oldest first, up to the newest page: the last gap page reaches into it
        assertThat(announced.subList(10, announced.size())).containsExactlyElementsOf(expectedBodies(2, 26));
        List<HistoryQuery> catchUp = roomQueries().subList(asked, roomQueries().size());
        assertThat(catchUp).extracting(HistoryQuery::beforeArchiveId).containsExactly("", null, null, null);
        assertThat(catchUp).extracting(HistoryQuery::afterArchiveId).containsExactly(null, "R1", "R11", "R21");
        assertThat(roomBodies()).containsExactlyElementsOf(expectedBodies(1, 36));
        assertThat(s.archive.syncState(FakeServices.ALICE, ROOM)).get()
                .satisfies(st -> assertThat(st.lastArchiveId()).isEqualTo("R36"));
        // the newest page lies nowhere known; each gap page continues the cursor
        List<PagePosition> positions = s.archive.pagePositions();
        assertThat(positions.subList(positions.size() - 4, positions.size())).containsExactly(PagePosition.UNKNOWN,
                PagePosition.AFTER_CURSOR, PagePosition.AFTER_CURSOR, PagePosition.AFTER_CURSOR);
    }

    @Test
    void aGapFillCutOffMidwayContinuesFromTheLastStoredPageAtTheNextJoinWithoutDoubles() {
        awayWhile35MessagesAreWritten();
        // the newest page and the first gap page come; then the connection is lost (the account's own archive
        // is not asked, so the requests counted are the room's)
        s.xmpp.setHistorySupported(false);
        s.xmpp.failHistoryAfter(2, new IllegalStateException("connection lost"));
        reconnect();

        assertThat(roomBodies()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(expectedBodies(1, 11).stream(), expectedBodies(27, 36).stream())
                        .toList());
        // the cursor passed only what is stored: the gap's first page, not the newest page beyond the gap
        assertThat(s.archive.syncState(FakeServices.ALICE, ROOM)).get()
                .satisfies(st -> assertThat(st.lastArchiveId()).isEqualTo("R11"));

        inRoomArchive("carol", "m37");
        int asked = roomQueries().size();
        reconnect();

        assertThat(roomQueries().get(asked + 1).afterArchiveId()).isEqualTo("R11");
        assertThat(roomBodies()).containsExactlyElementsOf(expectedBodies(1, 37));
        assertThat(s.archive.syncState(FakeServices.ALICE, ROOM)).get()
                .satisfies(st -> assertThat(st.lastArchiveId()).isEqualTo("R37"));
    }

    @Test
    void aGapFillCutOffByABreakTheSessionSurvivesGoesOnWhenTheSessionIsBack() {
        awayWhile35MessagesAreWritten();
        s.xmpp.setHistorySupported(false);
        s.xmpp.failHistoryAfter(2, new IllegalStateException("connection lost"));
        reconnect();
        assertThat(roomBodies()).hasSize(21);

        // the stream is resumed: the room was never left, so no join brings a catch-up
        s.xmpp.drop(FakeServices.ALICE, ConnectionProblem.of(ConnectionProblem.Kind.CONNECTION_DROPPED, "lost"));
        s.xmpp.resumeNext();
        s.xmpp.reconnect(FakeServices.ALICE).join();

        assertThat(roomBodies()).containsExactlyElementsOf(expectedBodies(1, 36));
        assertThat(s.archive.syncState(FakeServices.ALICE, ROOM)).get()
                .satisfies(st -> assertThat(st.lastArchiveId()).isEqualTo("R36"));
        // and once done, a later resumption asks nothing
        int asked = roomQueries().size();
        s.xmpp.drop(FakeServices.ALICE, ConnectionProblem.of(ConnectionProblem.Kind.CONNECTION_DROPPED, "lost"));
        s.xmpp.resumeNext();
        s.xmpp.reconnect(FakeServices.ALICE).join();
        assertThat(roomQueries()).hasSize(asked);
    }

    @Test
    void aMessageThatComesLiveWhileTheGapIsFilledIsStoredOnceAndTheNextJoinStartsAfterTheNewestPage() {
        awayWhile35MessagesAreWritten();
        boolean[] spoke = {false};
        s.bus.subscribe(e -> {
            if (e instanceof im.natter.domain.event.MessageAdded a && a.message().body().equals("m36") && !spoke[0]) {
                // the room speaks while the archive is still being read
                spoke[0] = true;
                s.fakeRooms.receive(liveCopy(inRoomArchive("dave", "m37")));
            }
        });

        reconnect();

        assertThat(roomBodies()).containsExactlyElementsOf(expectedBodies(1, 37));
        assertThat(s.archive.syncState(FakeServices.ALICE, ROOM)).get()
                .satisfies(st -> assertThat(st.lastArchiveId()).isEqualTo("R36"));
        int asked = roomQueries().size();
        reconnect();
        // the newest page reaches back to the cursor: one request, nothing doubled
        assertThat(roomQueries().size() - asked).isEqualTo(1);
        assertThat(roomBodies()).containsExactlyElementsOf(expectedBodies(1, 37));
    }

    @Test
    void theFirstJoinsOlderPagesNameTheNewerPageTheyLieBefore() {
        for (int i = 1; i <= 25; i++) {
            inRoomArchive("bob", "m" + i);
        }
        signIn();
        joinLounge();

        List<PagePosition> positions = s.archive.pagePositions();
        assertThat(positions).hasSize(3);
        assertThat(positions.get(0)).isEqualTo(PagePosition.UNKNOWN);
        assertThat(positions.get(1).before()).first().extracting(ChatMessage::body).isEqualTo("m16");
        assertThat(positions.get(2).before()).first().extracting(ChatMessage::body).isEqualTo("m6");
    }

    @Test
    void scrollingBackNamesTheOldestStoredMessageThePageLiesBefore() {
        for (int i = 1; i <= 45; i++) {
            inRoomArchive("bob", "m" + i);
        }
        signIn();
        joinLounge();

        s.history.fetchOlder(KEY, 10).join();

        assertThat(s.archive.pagePositions().getLast().before()).singleElement().extracting(ChatMessage::body)
                .isEqualTo("m16");
    }
}
