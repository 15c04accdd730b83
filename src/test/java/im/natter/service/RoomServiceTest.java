package im.natter.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.natter.domain.event.InvitationReceived;
import im.natter.domain.event.NatterEvent;
import im.natter.domain.event.NoticeRaised;
import im.natter.domain.event.RoomChanged;
import im.natter.domain.event.RoomExited;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.Bookmark;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConnectionProblem;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.MessageSource;
import im.natter.domain.model.NotificationLevel;
import im.natter.domain.model.RoomException;
import im.natter.domain.model.RoomExit;
import im.natter.domain.model.RoomFeatures;
import im.natter.domain.model.RoomInvitation;
import im.natter.domain.model.RoomMessageInfo;
import im.natter.domain.model.RoomProblem;
import im.natter.domain.model.RoomRole;
import im.natter.domain.model.RoomStatus;
import im.natter.domain.model.SelfPingResult;
import im.natter.testsupport.fakes.FakeRooms;
import im.natter.testsupport.fakes.FakeServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoomServiceTest {

    private static final Address ROOM = Address.of("lounge@muc.example.org");
    private static final ConversationKey KEY = new ConversationKey(FakeServices.ALICE, ROOM, ConversationKind.ROOM);

    private final FakeServices s = new FakeServices();
    private final List<NatterEvent> events = new ArrayList<>();

    @BeforeEach
    void listen() {
        s.bus.subscribe(events::add);
    }

    private void signIn() {
        s.connections.signIn(new AccountSettings(FakeServices.ALICE, "r", null, false, List.of()),
                "pw".toCharArray()).join();
    }

    private void drop() {
        s.xmpp.drop(FakeServices.ALICE, ConnectionProblem.of(ConnectionProblem.Kind.CONNECTION_DROPPED, "lost"));
    }

    private void reconnect() {
        s.xmpp.reconnect(FakeServices.ALICE).join();
    }

    private void joinLounge() {
        s.rooms.join(FakeServices.ALICE, ROOM, "alice", null).join();
    }

    private List<ChatMessage> roomMessages() {
        return s.archive.all().stream().filter(m -> m.conversation().equals(KEY)).toList();
    }

    private <T extends NatterEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static InboundMessage live(String nick, String occupantId, String body, String originId,
            String stanzaId) {
        return FakeRooms.groupchat(FakeServices.ALICE, ROOM, nick, occupantId, body, originId, stanzaId);
    }

    private static InboundMessage change(String nick, String occupantId, String body, String originId,
            String replaces, String retracts, RoomMessageInfo info) {
        return new InboundMessage(FakeServices.ALICE, ROOM, nick, ConversationKind.ROOM, body, ContentKind.TEXT,
                originId, originId, null, null, null, false, Direction.INCOMING, ROOM, MessageSource.LIVE, null,
                replaces, retracts, null, info == null ? new RoomMessageInfo(occupantId, null, null, false) : info);
    }

    @Test
    void joiningOpensTheRoomConversationBookmarksItAndPublishesTheRoom() {
        signIn();
        s.fakeRooms.setOccupants(ROOM, List.of(FakeRooms.occupant(ROOM, "bob", "occ-bob", RoomRole.PARTICIPANT)));
        s.fakeRooms.setSubject(ROOM, "Tea");

        var joined = s.rooms.join(FakeServices.ALICE, ROOM, "alice", "secret").join();

        assertThat(joined.nick()).isEqualTo("alice");
        var room = s.rooms.room(FakeServices.ALICE, ROOM).orElseThrow();
        assertThat(room.status()).isEqualTo(RoomStatus.JOINED);
        assertThat(room.occupants()).extracting(o -> o.nick()).containsExactly("bob");
        assertThat(room.subject()).isEqualTo("Tea");
        assertThat(s.archive.conversation(KEY)).isPresent();
        assertThat(s.fakeBookmarks.onServer(FakeServices.ALICE))
                .containsExactly(new Bookmark(ROOM, "A room", "alice", "secret", true));
        assertThat(events(RoomChanged.class).getLast().snapshot().isJoined()).isTrue();
        // a room with an archive: no join history asked, the archive catch-up fetches it
        assertThat(s.fakeRooms.joinRequests().getLast().maxHistory()).isZero();
    }

    @Test
    void aBurstOfOccupantsFoldsIntoOneRoomChangedPerRoom() {
        signIn();
        joinLounge();
        for (int i = 0; i < 1000; i++) {
            s.fakeRooms.occupantChanged(FakeServices.ALICE,
                    FakeRooms.occupant(ROOM, "guest" + i, null, RoomRole.PARTICIPANT));
        }
        List<RoomChanged> changes = events(RoomChanged.class);
        assertThat(changes.stream().map(NatterEvent::coalesceKey).distinct()).hasSize(1);
        assertThat(changes.getLast().snapshot().occupants()).hasSize(1000);
    }

    @Test
    void theRoomsReflectionOfTheUsersMessageIsTheSameMessageNowDelivered() {
        signIn();
        joinLounge();
        ChatMessage sent = s.chats.send(KEY, "hello room").join();
        assertThat(s.fakeRooms.sent()).extracting(m -> m.body()).containsExactly("hello room");
        assertThat(roomMessages()).singleElement().satisfies(m -> assertThat(m.state())
                .isEqualTo(DeliveryState.ON_SERVER));

        s.fakeRooms.receive(live("alice", "self-id", "hello room", sent.originId(), "room-1"));

        assertThat(roomMessages()).singleElement().satisfies(m -> {
            assertThat(m.direction()).isEqualTo(Direction.OUTGOING);
            assertThat(m.state()).isEqualTo(DeliveryState.DELIVERED);
            assertThat(m.stanzaId()).isEqualTo("room-1");
            assertThat(m.stanzaIdBy()).isEqualTo(ROOM.value());
        });
    }

    @Test
    void aMessageWrittenWhileOutOfTheRoomWaitsForTheJoin() throws Exception {
        signIn();
        s.archive.open(KEY);
        ChatMessage queued = s.chats.send(KEY, "early").join();
        assertThat(queued.state()).isEqualTo(DeliveryState.QUEUED);
        assertThat(s.fakeRooms.sent()).isEmpty();

        joinLounge();

        assertThat(s.fakeRooms.sent()).extracting(m -> m.body()).containsExactly("early");
        assertThat(roomMessages().getFirst().state()).isEqualTo(DeliveryState.ON_SERVER);
    }

    @Test
    void aMessageWrittenWhileDisconnectedGoesOutOnceAfterTheRejoin() {
        signIn();
        joinLounge();
        drop();
        s.chats.send(KEY, "offline words").join();
        reconnect();
        for (int i = 0; i < 3; i++) {
            s.fakeRooms.occupantChanged(FakeServices.ALICE,
                    FakeRooms.occupant(ROOM, "guest" + i, null, RoomRole.PARTICIPANT));
        }
        assertThat(s.fakeRooms.sent()).extracting(m -> m.body()).containsExactly("offline words");
        assertThat(roomMessages().getFirst().state()).isEqualTo(DeliveryState.ON_SERVER);
    }

    @Test
    void aBouncedRoomMessageFailsWithTheRoomsWords() {
        signIn();
        joinLounge();
        s.fakeRooms.setAutoAck(false);
        ChatMessage sent = s.chats.send(KEY, "may I?").join();
        s.fakeRooms.bounce(FakeServices.ALICE, sent.originId(), "Visitors may not speak in this room.");
        assertThat(roomMessages().getFirst().state()).isEqualTo(DeliveryState.FAILED);
        assertThat(roomMessages().getFirst().error()).isEqualTo("Visitors may not speak in this room.");
    }

    @Test
    void ownMessagesFromAnotherDeviceAreRecognisedByOccupantId() {
        signIn();
        joinLounge();
        s.fakeRooms.receive(live("alice", "self-id", "from my phone", "phone-1", "room-9"));
        assertThat(roomMessages()).singleElement().satisfies(m -> {
            assertThat(m.direction()).isEqualTo(Direction.OUTGOING);
            assertThat(m.sender()).isEqualTo(FakeServices.ALICE.address());
        });
    }

    @Test
    void liveMessagesOfOthersAreStoredOnceWithNickAndOccupantId() {
        signIn();
        joinLounge();
        s.fakeRooms.receive(live("bob", "occ-bob", "hi all", "b1", "room-1"));
        s.fakeRooms.receive(live("bob", "occ-bob", "hi all", "b1", "room-1"));
        assertThat(roomMessages()).singleElement().satisfies(m -> {
            assertThat(m.direction()).isEqualTo(Direction.INCOMING);
            assertThat(m.sender()).isEqualTo(ROOM);
            assertThat(m.senderNick()).isEqualTo("bob");
            assertThat(m.occupantId()).isEqualTo("occ-bob");
        });
        assertThat(s.archive.conversation(KEY).orElseThrow().unread()).isEqualTo(1);
    }

    @Test
    void mentionsOfTheUsersNickAreFlaggedAndCountedForTheMentionsLevel() {
        signIn();
        joinLounge();
        s.rooms.setNotificationLevel(KEY, NotificationLevel.MENTIONS).join();
        s.fakeRooms.receive(live("bob", "occ-bob", "Alice, tea?", "b1", "room-1"));
        s.fakeRooms.receive(live("bob", "occ-bob", "malice aforethought", "b2", "room-2"));
        s.fakeRooms.receive(live("carol", "occ-carol", "hello", "c1", "room-3"));

        assertThat(roomMessages()).extracting(ChatMessage::mentionsMe).containsExactly(true, false, false);
        var conversation = s.archive.conversation(KEY).orElseThrow();
        assertThat(conversation.unread()).isEqualTo(3);
        assertThat(conversation.mentions()).isEqualTo(1);
        assertThat(conversation.notifications()).isEqualTo(NotificationLevel.MENTIONS);
        assertThat(conversation.attention()).isEqualTo(1);
        assertThat(s.rooms.room(FakeServices.ALICE, ROOM).orElseThrow().notifications())
                .isEqualTo(NotificationLevel.MENTIONS);

        s.rooms.setNotificationLevel(KEY, NotificationLevel.NONE).join();
        assertThat(s.archive.conversation(KEY).orElseThrow().attention()).isZero();
    }

    @Test
    void correctionsApplyOnlyFromTheSameOccupant() {
        signIn();
        joinLounge();
        s.fakeRooms.receive(live("bob", "occ-bob", "teh", "b1", "room-1"));
        // someone else under another occupant-id cannot correct bob's message, even with his former nick
        s.fakeRooms.receive(change("bob", "occ-mallory", "I am evil", "m1", "b1", null, null));
        assertThat(roomMessages().getFirst().body()).isEqualTo("teh");
        assertThat(roomMessages()).hasSize(2); // the would-be correction is a message of its own
        // bob, renamed but with the same occupant-id, can
        s.fakeRooms.receive(change("robert", "occ-bob", "the", "b2", "b1", null, null));
        assertThat(roomMessages().getFirst().body()).isEqualTo("the");
        assertThat(roomMessages().getFirst().isEdited()).isTrue();
    }

    @Test
    void inRoomsWithoutOccupantIdsOnlyTheSameNickMayCorrect() {
        signIn();
        s.fakeRooms.setFeatures(ROOM, FakeRooms.PLAIN);
        joinLounge();
        s.fakeRooms.receive(live("bob", null, "teh", "b1", null));
        s.fakeRooms.receive(change("carol", null, "", "c9", null, "b1", null));
        assertThat(roomMessages().getFirst().retracted()).isFalse();
        s.fakeRooms.receive(change("bob", null, "", "b2", null, "b1", null));
        assertThat(roomMessages().getFirst().retracted()).isTrue();
        assertThat(roomMessages().getFirst().isModerated()).isFalse();
    }

    @Test
    void aModeratorsRetractionHidesAnyonesMessageAndSaysWhoRemovedIt() {
        signIn();
        joinLounge();
        s.fakeRooms.receive(live("bob", "occ-bob", "spam spam", "b1", "room-1"));
        s.fakeRooms.receive(change(null, null, "This message was removed", "mod-1", null, "room-1",
                new RoomMessageInfo(null, "lounge@muc.example.org/carol", "spam", false)));
        assertThat(roomMessages()).singleElement().satisfies(m -> {
            assertThat(m.body()).isEmpty();
            assertThat(m.retracted()).isTrue();
            assertThat(m.moderatedBy()).isEqualTo("lounge@muc.example.org/carol");
            assertThat(m.moderationReason()).isEqualTo("spam");
        });
    }

    @Test
    void moderatingAsksTheRoomByItsStanzaId() {
        signIn();
        joinLounge();
        s.fakeRooms.receive(live("bob", "occ-bob", "spam", "b1", "room-1"));
        s.rooms.moderate(roomMessages().getFirst(), "spam").join();
        assertThat(s.fakeRooms.calls()).contains("moderate " + ROOM + " room-1 spam");
    }

    @Test
    void theUserRetractsTheirOwnRoomMessageByTheRoomsId() {
        signIn();
        joinLounge();
        ChatMessage sent = s.chats.send(KEY, "oops").join();
        s.fakeRooms.receive(live("alice", "self-id", "oops", sent.originId(), "room-5"));

        s.rooms.retractOwn(roomMessages().getFirst()).join();

        assertThat(s.fakeRooms.calls()).contains("retract " + ROOM + " room-5");
        assertThat(roomMessages().getFirst().retracted()).isTrue();
        assertThat(roomMessages().getFirst().isModerated()).isFalse();
        // the room's reflection of the retraction changes nothing more
        s.fakeRooms.receive(change("alice", "self-id", "", "retraction-1", null, "room-5", null));
        assertThat(roomMessages()).hasSize(1);
    }

    @Test
    void someoneElsesMessageCannotBeRetractedAsOwn() {
        signIn();
        joinLounge();
        s.fakeRooms.receive(live("bob", "occ-bob", "mine", "b1", "room-1"));
        assertThatThrownBy(() -> s.rooms.retractOwn(roomMessages().getFirst()).join())
                .hasCauseInstanceOf(RoomException.class);
    }

    @Test
    void afterAReconnectEveryJoinedRoomIsJoinedAgain() {
        signIn();
        joinLounge();
        drop();
        assertThat(s.rooms.room(FakeServices.ALICE, ROOM).orElseThrow().status()).isEqualTo(RoomStatus.JOINING);
        int before = s.fakeRooms.joinRequests().size();

        reconnect();

        assertThat(s.fakeRooms.joinRequests()).hasSize(before + 1);
        assertThat(s.fakeRooms.joinedRooms(FakeServices.ALICE)).containsExactly(ROOM);
        assertThat(s.rooms.room(FakeServices.ALICE, ROOM).orElseThrow().status()).isEqualTo(RoomStatus.JOINED);
    }

    @Test
    void aResumedSessionAsksTheRoomsInsteadOfJoiningAgain() {
        signIn();
        joinLounge();
        int before = s.fakeRooms.joinRequests().size();
        drop();
        s.xmpp.resumeNext();
        reconnect();
        assertThat(s.fakeRooms.calls()).contains("self-ping " + ROOM);
        assertThat(s.fakeRooms.joinRequests()).hasSize(before);
        assertThat(s.rooms.room(FakeServices.ALICE, ROOM).orElseThrow().status()).isEqualTo(RoomStatus.JOINED);
    }

    @Test
    void aResumedSessionJoinsTheRoomsThatForgotTheUser() {
        signIn();
        joinLounge();
        int before = s.fakeRooms.joinRequests().size();
        drop();
        s.fakeRooms.forget(FakeServices.ALICE, ROOM);
        s.xmpp.resumeNext();
        reconnect();
        assertThat(s.fakeRooms.joinRequests()).hasSize(before + 1);
        assertThat(s.rooms.room(FakeServices.ALICE, ROOM).orElseThrow().status()).isEqualTo(RoomStatus.JOINED);
    }

    @Test
    void selfPingFindingTheUserGoneJoinsAgain() {
        signIn();
        joinLounge();
        int before = s.fakeRooms.joinRequests().size();
        s.fakeRooms.forget(FakeServices.ALICE, ROOM);
        s.clock.advance(Duration.ofMinutes(6));

        s.scheduler.runPending();

        assertThat(s.fakeRooms.calls()).contains("self-ping " + ROOM);
        assertThat(s.fakeRooms.joinRequests()).hasSize(before + 1);
        assertThat(events(RoomExited.class)).extracting(e -> e.exit().kind()).containsExactly(RoomExit.Kind.DROPPED);
        assertThat(s.rooms.room(FakeServices.ALICE, ROOM).orElseThrow().status()).isEqualTo(RoomStatus.JOINED);
        // and the pings go on
        assertThat(s.scheduler.pendingDelaysMillis()).contains(Duration.ofMinutes(5).toMillis());
    }

    @Test
    void selfPingWithoutAnAnswerDoesNotRejoin() {
        signIn();
        joinLounge();
        int before = s.fakeRooms.joinRequests().size();
        s.fakeRooms.answerSelfPing(ROOM, SelfPingResult.UNKNOWN);
        s.clock.advance(Duration.ofMinutes(6));
        s.scheduler.runPending();
        assertThat(s.fakeRooms.joinRequests()).hasSize(before);
    }

    @Test
    void aRoomThatSpokeRecentlyIsNotPinged() {
        signIn();
        joinLounge();
        s.clock.advance(Duration.ofMinutes(4));
        s.fakeRooms.receive(live("bob", "occ-bob", "still here", "b1", "room-1"));
        s.clock.advance(Duration.ofMinutes(2));
        s.scheduler.runPending();
        assertThat(s.fakeRooms.calls()).doesNotContain("self-ping " + ROOM);
    }

    @Test
    void beingKickedSaysWhoAndWhyAndDoesNotRejoin() {
        signIn();
        joinLounge();
        s.fakeRooms.exit(new RoomExit(FakeServices.ALICE, ROOM, RoomExit.Kind.KICKED, "carol", "be nice", null));

        var room = s.rooms.room(FakeServices.ALICE, ROOM).orElseThrow();
        assertThat(room.status()).isEqualTo(RoomStatus.LEFT);
        assertThat(room.problem()).isEqualTo(
                "You were removed from lounge@muc.example.org by carol: be nice. You can join it again.");
        assertThat(events(NoticeRaised.class).getLast().text()).isEqualTo(room.problem());
        assertThat(events(RoomExited.class)).hasSize(1);
        drop();
        int before = s.fakeRooms.joinRequests().size();
        reconnect();
        // the bookmark still says autojoin, so the next sign-in joins it: a kick is not a ban
        assertThat(s.fakeRooms.joinRequests()).hasSize(before + 1);
    }

    @Test
    void beingBannedClearsAutojoin() {
        signIn();
        joinLounge();
        s.fakeRooms.exit(new RoomExit(FakeServices.ALICE, ROOM, RoomExit.Kind.BANNED, null, null, null));
        assertThat(events(NoticeRaised.class).getLast().text()).isEqualTo(
                "You were banned from lounge@muc.example.org.");
        assertThat(s.fakeBookmarks.onServer(FakeServices.ALICE)).singleElement()
                .satisfies(b -> assertThat(b.autojoin()).isFalse());
        int before = s.fakeRooms.joinRequests().size();
        drop();
        reconnect();
        assertThat(s.fakeRooms.joinRequests()).hasSize(before);
    }

    @Test
    void aDestroyedRoomPointsToWhereItsPeopleWent() {
        signIn();
        joinLounge();
        s.fakeRooms.exit(new RoomExit(FakeServices.ALICE, ROOM, RoomExit.Kind.DESTROYED, null, "moving",
                Address.of("parlour@muc.example.org")));
        assertThat(events(NoticeRaised.class).getLast().text()).isEqualTo(
                "The room lounge@muc.example.org was closed: moving. Its people moved to parlour@muc.example.org.");
    }

    @Test
    void leavingClearsAutojoinAndTellsNobody() {
        signIn();
        joinLounge();
        s.rooms.leave(KEY).join();
        assertThat(s.fakeRooms.calls()).contains("leave " + ROOM);
        assertThat(s.fakeBookmarks.onServer(FakeServices.ALICE)).singleElement()
                .satisfies(b -> assertThat(b.autojoin()).isFalse());
        assertThat(s.rooms.room(FakeServices.ALICE, ROOM).orElseThrow().status()).isEqualTo(RoomStatus.LEFT);
        s.fakeRooms.exit(new RoomExit(FakeServices.ALICE, ROOM, RoomExit.Kind.LEFT, null, null, null));
        assertThat(events(NoticeRaised.class)).isEmpty();
    }

    @Test
    void aTakenNickFailsInWordsWithASuggestion() {
        signIn();
        s.fakeRooms.failNextJoin(RoomProblem.NICK_TAKEN);
        assertThatThrownBy(() -> joinLounge()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(RoomException.class)
                .hasMessage("Someone in the room already uses that nickname.");
        var room = s.rooms.room(FakeServices.ALICE, ROOM).orElseThrow();
        assertThat(room.status()).isEqualTo(RoomStatus.FAILED);
        assertThat(room.problem()).isEqualTo("Someone in the room already uses that nickname. Try alice2.");
        assertThat(s.rooms.suggestNick("alice2")).isEqualTo("alice3");
        assertThat(s.rooms.suggestNick("bob")).isEqualTo("bob2");
    }

    @Test
    void bookmarkedRoomsAreJoinedAfterSignIn() {
        s.fakeBookmarks.preset(FakeServices.ALICE, List.of(
                new Bookmark(ROOM, "Lounge", "ali", null, true),
                new Bookmark(Address.of("quiet@muc.example.org"), null, null, null, false)));
        signIn();
        assertThat(s.fakeRooms.joinRequests()).singleElement().satisfies(r -> {
            assertThat(r.room()).isEqualTo(ROOM);
            assertThat(r.nick()).isEqualTo("ali");
        });
        assertThat(s.rooms.rooms(FakeServices.ALICE)).singleElement()
                .satisfies(r -> assertThat(r.isJoined()).isTrue());
    }

    @Test
    void aFailingAutojoinIsToldInWords() {
        s.fakeBookmarks.preset(FakeServices.ALICE, List.of(new Bookmark(ROOM, null, null, null, true)));
        s.fakeRooms.failNextJoin(RoomProblem.BANNED);
        signIn();
        assertThat(events(NoticeRaised.class).getLast().text())
                .isEqualTo("Natter could not join lounge@muc.example.org: You are banned from this room.");
    }

    @Test
    void invitationsArePublishedAndAcceptingJoins() {
        signIn();
        var invitation = new RoomInvitation(FakeServices.ALICE, ROOM, Address.of("bob@example.org"), "come",
                null, true);
        s.fakeRooms.invitation(invitation);
        assertThat(events(InvitationReceived.class)).extracting(InvitationReceived::invitation)
                .containsExactly(invitation);
        s.rooms.accept(invitation, "alice").join();
        assertThat(s.rooms.room(FakeServices.ALICE, ROOM).orElseThrow().isJoined()).isTrue();
    }

    @Test
    void declineAnswersOnlyMediatedInvitations() {
        signIn();
        s.rooms.decline(new RoomInvitation(FakeServices.ALICE, ROOM, Address.of("bob@example.org"), null, null,
                true), "busy").join();
        assertThat(s.fakeRooms.calls()).isEmpty();
        s.rooms.decline(new RoomInvitation(FakeServices.ALICE, ROOM, Address.of("bob@example.org"), null, null,
                false), "busy").join();
        assertThat(s.fakeRooms.calls()).containsExactly("decline " + ROOM + " busy");
    }

    @Test
    void invitingGoesDirectlyUnlessTheRoomAdmitsOnlyMembers() {
        signIn();
        joinLounge();
        s.rooms.invite(KEY, Address.of("dave@example.org"), "join us").join();
        assertThat(s.fakeRooms.calls()).contains("invite " + ROOM + " dave@example.org direct");
    }

    @Test
    void aRoomMadeMembersOnlyThroughItsFormIsAskedAgainSoInvitationsGoThroughIt() {
        signIn();
        s.fakeRooms.createNext(ROOM);
        assertThat(s.rooms.join(FakeServices.ALICE, ROOM, "alice", null).join().created()).isTrue();
        s.fakeRooms.setFeatures(ROOM, new RoomFeatures("Team", null, true, true, false, false, false, true, true,
                true, true));

        s.rooms.submitConfiguration(KEY, s.rooms.configurationForm(KEY).join()).join();

        assertThat(s.rooms.room(FakeServices.ALICE, ROOM).orElseThrow().features().membersOnly()).isTrue();
        assertThat(events(RoomChanged.class).getLast().snapshot().features().name()).isEqualTo("Team");
        s.rooms.invite(KEY, Address.of("dave@example.org"), "join us").join();
        assertThat(s.fakeRooms.calls()).contains("invite " + ROOM + " dave@example.org mediated");
    }

    @Test
    void anInstantRoomIsAskedAgainOnceUnlocked() {
        signIn();
        s.fakeRooms.createNext(ROOM);
        s.rooms.join(FakeServices.ALICE, ROOM, "alice", null).join();
        s.fakeRooms.setFeatures(ROOM, FakeRooms.PLAIN);

        s.rooms.createInstant(KEY).join();

        assertThat(s.rooms.room(FakeServices.ALICE, ROOM).orElseThrow().features()).isEqualTo(FakeRooms.PLAIN);
    }

    @Test
    void privateMessagesAreTheirOwnConversation() {
        signIn();
        joinLounge();
        ConversationKey pm = s.rooms.openPrivate(KEY, "bob");
        assertThat(pm.kind()).isEqualTo(ConversationKind.ROOM_PRIVATE);
        assertThat(pm.peer()).isEqualTo(Address.occupant(ROOM, "bob"));

        s.chats.send(pm, "psst").join();
        assertThat(s.fakeRooms.calls()).contains("private " + ROOM + "/bob psst");

        s.fakeRooms.receive(new InboundMessage(FakeServices.ALICE, ROOM, "bob", ConversationKind.ROOM_PRIVATE,
                "what?", ContentKind.TEXT, "p1", "p1", null, null, null, false, Direction.INCOMING,
                Address.occupant(ROOM, "bob"), MessageSource.LIVE, null, null, null, null,
                new RoomMessageInfo("occ-bob", null, null, false)));

        List<ChatMessage> pms = s.archive.all().stream().filter(m -> m.conversation().equals(pm)).toList();
        assertThat(pms).extracting(ChatMessage::body).containsExactly("psst", "what?");
        assertThat(roomMessages()).isEmpty();
    }

    @Test
    void aPrivateMessageThatAsksForAReceiptGetsOneOnceStoredAndOnlyOnce() {
        signIn();
        joinLounge();
        InboundMessage asking = new InboundMessage(FakeServices.ALICE, ROOM, "bob", ConversationKind.ROOM_PRIVATE,
                "did you get this?", ContentKind.TEXT, "p2", "p2", null, null, null, true, Direction.INCOMING,
                Address.occupant(ROOM, "bob"), MessageSource.LIVE, null, null, null, null,
                new RoomMessageInfo("occ-bob", null, null, false));

        s.fakeRooms.receive(asking);
        s.fakeRooms.receive(asking); // the same one again: stored once, answered once

        assertThat(s.fakeRooms.calls()).containsOnlyOnce("receipt " + ROOM + "/bob p2");
        // a groupchat message is never answered with a receipt
        s.fakeRooms.receive(live("bob", null, "to everyone", "b9", null));
        assertThat(s.fakeRooms.calls()).filteredOn(c -> c.startsWith("receipt")).hasSize(1);
    }

    @Test
    void joinHistoryOfARoomWithoutArchiveIsAskedSinceTheLastMessageAndNotDoubled() {
        signIn();
        s.fakeRooms.setFeatures(ROOM, FakeRooms.PLAIN);
        joinLounge();
        assertThat(s.fakeRooms.joinRequests().getLast().maxHistory()).isEqualTo(50);
        assertThat(s.fakeRooms.joinRequests().getLast().historySince())
                .isEqualTo(s.clock.instant().minus(Duration.ofDays(30)));
        Instant t = s.clock.instant();
        // seen live, without ids
        s.fakeRooms.receive(live("bob", null, "no ids here", null, null));
        s.fakeRooms.receive(live("bob", null, "with origin", "b7", null));
        drop();
        s.clock.advance(Duration.ofMinutes(10));
        reconnect();
        assertThat(s.fakeRooms.joinRequests().getLast().historySince()).isEqualTo(t);
        // the room sends them again as history on join, with the time they were sent, plus one new
        s.fakeRooms.receive(FakeRooms.history(FakeServices.ALICE, ROOM, "bob", "no ids here", null,
                t.minusMillis(300)));
        s.fakeRooms.receive(FakeRooms.history(FakeServices.ALICE, ROOM, "bob", "with origin", "b7", t));
        s.fakeRooms.receive(FakeRooms.history(FakeServices.ALICE, ROOM, "carol", "while you were away", null,
                t.plus(Duration.ofMinutes(5))));
        s.fakeRooms.receive(FakeRooms.history(FakeServices.ALICE, ROOM, "carol", "while you were away", null,
                t.plus(Duration.ofMinutes(5))));

        assertThat(roomMessages()).extracting(ChatMessage::body)
                .containsExactly("no ids here", "with origin", "while you were away");
    }

    @Test
    void theRoomsStateFollowsRenamesSubjectsAndLeaves() {
        signIn();
        s.fakeRooms.setOccupants(ROOM, List.of(FakeRooms.occupant(ROOM, "bob", "occ-bob", RoomRole.PARTICIPANT)));
        joinLounge();
        s.fakeRooms.occupantRenamed(FakeServices.ALICE, "bob", FakeRooms.occupant(ROOM, "robert", "occ-bob",
                RoomRole.PARTICIPANT));
        s.fakeRooms.subjectChanged(FakeServices.ALICE, ROOM, "Coffee", "robert");
        var room = s.rooms.room(FakeServices.ALICE, ROOM).orElseThrow();
        assertThat(room.occupants()).extracting(o -> o.nick()).containsExactly("robert");
        assertThat(room.subject()).isEqualTo("Coffee");
        s.fakeRooms.occupantLeft(FakeServices.ALICE, FakeRooms.occupant(ROOM, "robert", "occ-bob",
                RoomRole.PARTICIPANT), RoomExit.Kind.LEFT, null);
        assertThat(s.rooms.room(FakeServices.ALICE, ROOM).orElseThrow().occupants()).isEmpty();
    }

    @Test
    void changingTheNickUpdatesTheRoomAndTheBookmark() {
        signIn();
        joinLounge();
        s.rooms.changeNick(KEY, "ally").join();
        assertThat(s.rooms.room(FakeServices.ALICE, ROOM).orElseThrow().nick()).isEqualTo("ally");
        assertThat(s.fakeBookmarks.onServer(FakeServices.ALICE)).singleElement()
                .satisfies(b -> assertThat(b.nick()).isEqualTo("ally"));
    }

    @Test
    void kickAndBanAreRoleAndAffiliationChanges() {
        signIn();
        joinLounge();
        s.rooms.kick(KEY, "bob", "calm down").join();
        s.rooms.ban(KEY, Address.of("mallory@example.org"), "spam").join();
        assertThat(s.fakeRooms.calls()).contains("role " + ROOM + " bob NONE calm down",
                "affiliation " + ROOM + " mallory@example.org OUTCAST spam");
    }
}
