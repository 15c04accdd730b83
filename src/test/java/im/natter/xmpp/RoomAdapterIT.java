package im.natter.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.DataForm;
import im.natter.domain.model.Direction;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.Occupant;
import im.natter.domain.model.OutboundMessage;
import im.natter.domain.model.RoomAffiliation;
import im.natter.domain.model.RoomException;
import im.natter.domain.model.RoomExit;
import im.natter.domain.model.RoomFeatures;
import im.natter.domain.model.RoomInvitation;
import im.natter.domain.model.RoomJoinRequest;
import im.natter.domain.model.RoomJoined;
import im.natter.domain.model.RoomProblem;
import im.natter.domain.model.RoomRole;
import im.natter.domain.model.HistoryPage;
import im.natter.domain.model.HistoryQuery;
import im.natter.domain.model.MessageSource;
import im.natter.domain.model.SelfPingResult;
import im.natter.testsupport.server.ServerKind;
import im.natter.testsupport.server.XmppTestServer;
import im.natter.xmpp.support.Recorder.Lost;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import im.natter.testsupport.server.XmppServers;
import im.natter.xmpp.support.Recorder.Declined;
import im.natter.xmpp.support.Recorder.OccupantChanged;
import im.natter.xmpp.support.Recorder.OccupantLeft;
import im.natter.xmpp.support.Recorder.OccupantRenamed;
import im.natter.xmpp.support.Recorder.SelfChanged;
import im.natter.xmpp.support.Recorder.SubjectChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The room adapter against real Prosody and ejabberd MUC services on loopback, several accounts each. */
class RoomAdapterIT {

    @RegisterExtension
    static final XmppServers servers = XmppServers.create();

    private static final AtomicInteger ROOMS = new AtomicInteger();

    private final List<TestClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(TestClient::close);
        clients.clear();
    }

    /** One signed-in Natter client for a fresh account on the server. */
    record User(TestClient client, AccountId account, String nick) {
        RoomAdapter rooms() {
            return client.rooms;
        }

        <T> T await(Class<T> type, java.util.function.Predicate<T> test) {
            return client.events.await(type, test);
        }
    }

    private User user(ServerKind kind, String name) throws Exception {
        TestClient c = TestClient.forServer(servers.server(kind));
        clients.add(c);
        AccountId account = c.signIn(servers.newAccount(kind, name));
        return new User(c, account, name);
    }

    private static Address newRoom(ServerKind kind) {
        return Address.of("room" + ROOMS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8)
                + "@" + servers.server(kind).mucDomain());
    }

    private static <T> T done(CompletableFuture<T> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }

    private static RoomProblem problemOf(CompletableFuture<?> future) {
        Throwable t = catchThrowable(() -> future.get(20, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class);
        assertThat(t.getCause()).isInstanceOf(RoomException.class);
        assertThat(t.getCause().getMessage()).isNotBlank();
        return ((RoomException) t.getCause()).problem();
    }

    private static RoomJoined join(User u, Address room) throws Exception {
        return done(u.rooms().join(new RoomJoinRequest(u.account(), room, u.nick(), null, null, 0)));
    }

    /** Creates the room as {@code owner} with the server's defaults. */
    private static RoomJoined createInstant(User owner, Address room) throws Exception {
        RoomJoined joined = join(owner, room);
        assertThat(joined.created()).isTrue();
        done(owner.rooms().createInstant(owner.account(), room));
        return joined;
    }

    /** Creates the room as {@code owner}, configured through the form with {@code values}. */
    private static void createConfigured(User owner, Address room, Map<String, String> values) throws Exception {
        RoomJoined joined = join(owner, room);
        assertThat(joined.created()).isTrue();
        assertThat(joined.self().affiliation()).isEqualTo(RoomAffiliation.OWNER);
        DataForm form = done(owner.rooms().configurationForm(owner.account(), room));
        for (var e : values.entrySet()) {
            // Prosody has no passwordprotectedroom field: a room secret alone protects the room
            if (!e.getKey().equals("muc#roomconfig_passwordprotectedroom")) {
                assertThat(form.field(e.getKey())).as("field %s in %s", e.getKey(), form.fields()).isPresent();
            }
            form = form.withValues(e.getKey(), List.of(e.getValue()));
        }
        done(owner.rooms().submitConfiguration(owner.account(), room, form));
    }

    private static String say(User u, Address room, String body) throws Exception {
        String id = UUID.randomUUID().toString();
        u.rooms().send(new OutboundMessage(u.account(), room, ConversationKind.ROOM, body, id));
        return id;
    }

    private static InboundMessage roomMessage(User u, String body) {
        return u.await(InboundMessage.class, m -> m.kind() == ConversationKind.ROOM && m.body().equals(body));
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void createsAnInstantRoomAndTalksBothWays(ServerKind kind) throws Exception {
        User alice = user(kind, "alice");
        User bob = user(kind, "bob");
        Address room = newRoom(kind);
        createInstant(alice, room);

        RoomJoined bobIn = join(bob, room);
        assertThat(bobIn.created()).isFalse();
        assertThat(bobIn.occupants()).extracting(Occupant::nick).containsExactly(alice.nick());
        assertThat(bobIn.self().nick()).isEqualTo(bob.nick());
        assertThat(alice.await(OccupantChanged.class, e -> e.occupant().nick().equals(bob.nick())).occupant().room())
                .isEqualTo(room);
        assertThat(alice.rooms().joinedRooms(alice.account())).containsExactly(room);

        String id = say(alice, room, "hello room");
        InboundMessage atBob = roomMessage(bob, "hello room");
        assertThat(atBob.from()).isEqualTo(room);
        assertThat(atBob.fromResource()).isEqualTo(alice.nick());
        assertThat(atBob.peer()).isEqualTo(room);
        assertThat(atBob.direction()).isEqualTo(Direction.INCOMING);
        assertThat(atBob.originId()).isEqualTo(id);
        assertThat(atBob.stanzaId()).isNotBlank();
        assertThat(atBob.stanzaIdBy()).isEqualTo(room.value());
        assertThat(atBob.room().joinHistory()).isFalse();
        assertThat(atBob.room().isModeration()).isFalse();

        InboundMessage reflection = roomMessage(alice, "hello room");
        assertThat(reflection.direction()).isEqualTo(Direction.OUTGOING);
        assertThat(reflection.originId()).isEqualTo(id);
        assertThat(reflection.stanzaId()).isEqualTo(atBob.stanzaId());

        say(bob, room, "hi alice");
        assertThat(roomMessage(alice, "hi alice").fromResource()).isEqualTo(bob.nick());
        // a room message is never mistaken for a one-to-one chat
        assertThat(alice.client().events.drain()).noneMatch(e -> e instanceof InboundMessage m
                && m.kind() == ConversationKind.CHAT);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void aConfiguredRoomAsksForItsPasswordAndSaysWhatItIs(ServerKind kind) throws Exception {
        User alice = user(kind, "alice");
        User bob = user(kind, "bob");
        Address room = newRoom(kind);
        createConfigured(alice, room, Map.of(
                "muc#roomconfig_roomname", "Tea room",
                "muc#roomconfig_passwordprotectedroom", "1",
                "muc#roomconfig_roomsecret", "s3cret",
                "muc#roomconfig_persistentroom", "1"));

        RoomFeatures features = done(bob.rooms().features(bob.account(), room));
        assertThat(features.passwordProtected()).isTrue();
        assertThat(features.persistent()).isTrue();
        assertThat(features.name()).isEqualTo("Tea room");

        assertThat(problemOf(bob.rooms().join(new RoomJoinRequest(bob.account(), room, "bob", null, null, 0))))
                .isEqualTo(RoomProblem.WRONG_PASSWORD);
        assertThat(problemOf(bob.rooms().join(new RoomJoinRequest(bob.account(), room, "bob", "wrong", null, 0))))
                .isEqualTo(RoomProblem.WRONG_PASSWORD);
        assertThat(bob.rooms().joinedRooms(bob.account())).isEmpty();
        RoomJoined in = done(bob.rooms().join(new RoomJoinRequest(bob.account(), room, "bob", "s3cret", null, 0)));
        assertThat(in.features().passwordProtected()).isTrue();
        assertThat(in.occupants()).extracting(Occupant::nick).containsExactly("alice");
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void historyOnJoinIsSentOnlyWhenAskedForAndFlagged(ServerKind kind) throws Exception {
        User alice = user(kind, "alice");
        Address room = newRoom(kind);
        createInstant(alice, room);
        for (int i = 0; i < 3; i++) {
            say(alice, room, "before " + i);
            roomMessage(alice, "before " + i);
        }
        User bob = user(kind, "bob");
        RoomJoined in = done(bob.rooms().join(new RoomJoinRequest(bob.account(), room, "bob", null,
                Instant.now().minusSeconds(3600), 10)));
        for (int i = 0; i < 3; i++) {
            InboundMessage old = roomMessage(bob, "before " + i);
            assertThat(old.room().joinHistory()).as("history flag").isTrue();
            assertThat(old.serverTime()).isNotNull();
            assertThat(old.fromResource()).isEqualTo("alice");
        }
        assertThat(in.room()).isEqualTo(room);
        say(alice, room, "live");
        assertThat(roomMessage(bob, "live").room().joinHistory()).isFalse();

        User carol = user(kind, "carol");
        join(carol, room); // historySince null, maxHistory 0: none
        say(alice, room, "after carol");
        roomMessage(carol, "after carol");
        assertThat(carol.client().events.drain()).noneMatch(e -> e instanceof InboundMessage m
                && m.body().startsWith("before"));
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void refusalsAreTold(ServerKind kind) throws Exception {
        User alice = user(kind, "alice");
        User bob = user(kind, "bob");
        Address room = newRoom(kind);
        createConfigured(alice, room, Map.of("muc#roomconfig_membersonly", "1"));

        assertThat(problemOf(bob.rooms().join(new RoomJoinRequest(bob.account(), room, "bob", null, null, 0))))
                .isEqualTo(RoomProblem.MEMBERS_ONLY);
        done(alice.rooms().setAffiliation(alice.account(), room, bob.account().address(), RoomAffiliation.MEMBER,
                "welcome"));
        assertThat(problemOf(bob.rooms().join(new RoomJoinRequest(bob.account(), room, "alice", null, null, 0))))
                .isEqualTo(RoomProblem.NICK_TAKEN);
        RoomJoined in = join(bob, room);
        assertThat(in.self().affiliation()).isEqualTo(RoomAffiliation.MEMBER);

        Address nowhere = Address.of("no-such-room-" + UUID.randomUUID() + "@" + servers.server(kind).mucDomain());
        assertThat(problemOf(bob.rooms().features(bob.account(), nowhere))).isEqualTo(RoomProblem.NOT_FOUND);
        // only owners may see the configuration
        assertThat(problemOf(bob.rooms().configurationForm(bob.account(), room))).isEqualTo(RoomProblem.NOT_ALLOWED);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void kickAndBanPutThePersonOutWithTheReason(ServerKind kind) throws Exception {
        User alice = user(kind, "alice");
        User bob = user(kind, "bob");
        User carol = user(kind, "carol");
        Address room = newRoom(kind);
        createInstant(alice, room);
        join(bob, room);
        join(carol, room);

        done(alice.rooms().setRole(alice.account(), room, "bob", RoomRole.NONE, "too loud"));
        RoomExit kicked = bob.await(RoomExit.class, e -> e.room().equals(room));
        assertThat(kicked.kind()).isEqualTo(RoomExit.Kind.KICKED);
        assertThat(kicked.reason()).isEqualTo("too loud");
        assertThat(bob.rooms().joinedRooms(bob.account())).isEmpty();
        OccupantLeft seen = carol.await(OccupantLeft.class, e -> e.occupant().nick().equals("bob"));
        assertThat(seen.kind()).isEqualTo(RoomExit.Kind.KICKED);

        join(bob, room);
        done(alice.rooms().setAffiliation(alice.account(), room, bob.account().address(), RoomAffiliation.OUTCAST,
                "spam"));
        RoomExit banned = bob.await(RoomExit.class, e -> e.room().equals(room));
        assertThat(banned.kind()).isEqualTo(RoomExit.Kind.BANNED);
        assertThat(banned.reason()).isEqualTo("spam");
        assertThat(carol.await(OccupantLeft.class, e -> e.occupant().nick().equals("bob")).kind())
                .isEqualTo(RoomExit.Kind.BANNED);
        assertThat(problemOf(bob.rooms().join(new RoomJoinRequest(bob.account(), room, "bob", null, null, 0))))
                .isEqualTo(RoomProblem.BANNED);

        // a participant may not kick
        assertThat(problemOf(carol.rooms().setRole(carol.account(), room, "alice", RoomRole.NONE, null)))
                .isEqualTo(RoomProblem.NOT_ALLOWED);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void nicknameChangesAreRenamesAndVoiceIsARole(ServerKind kind) throws Exception {
        User alice = user(kind, "alice");
        User bob = user(kind, "bob");
        Address room = newRoom(kind);
        createInstant(alice, room);
        join(bob, room);

        done(bob.rooms().changeNick(bob.account(), room, "robert"));
        OccupantRenamed renamed = alice.await(OccupantRenamed.class, e -> e.oldNick().equals("bob"));
        assertThat(renamed.occupant().nick()).isEqualTo("robert");
        assertThat(bob.await(OccupantRenamed.class, e -> e.oldNick().equals("bob")).occupant().nick())
                .isEqualTo("robert");
        say(bob, room, "renamed");
        assertThat(roomMessage(alice, "renamed").fromResource()).isEqualTo("robert");
        assertThat(roomMessage(bob, "renamed").direction()).isEqualTo(Direction.OUTGOING);
        assertThat(problemOf(bob.rooms().changeNick(bob.account(), room, "alice"))).isEqualTo(RoomProblem.NICK_TAKEN);

        done(alice.rooms().setRole(alice.account(), room, "robert", RoomRole.VISITOR, "quiet please"));
        assertThat(bob.await(SelfChanged.class, e -> true).self().role()).isEqualTo(RoomRole.VISITOR);
        assertThat(alice.await(OccupantChanged.class, e -> e.occupant().nick().equals("robert")
                && e.occupant().role() == RoomRole.VISITOR)).isNotNull();
        done(alice.rooms().setRole(alice.account(), room, "robert", RoomRole.PARTICIPANT, null));
        assertThat(bob.await(SelfChanged.class, e -> true).self().role()).isEqualTo(RoomRole.PARTICIPANT);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void subjectAndDestructionWithAnAlternativeVenue(ServerKind kind) throws Exception {
        User alice = user(kind, "alice");
        User bob = user(kind, "bob");
        Address room = newRoom(kind);
        Address venue = newRoom(kind);
        createInstant(alice, room);
        join(bob, room);

        done(alice.rooms().changeSubject(alice.account(), room, "Tea at five"));
        SubjectChanged subject = bob.await(SubjectChanged.class, e -> e.room().equals(room));
        assertThat(subject.subject()).isEqualTo("Tea at five");
        assertThat(subject.by()).isEqualTo("alice");
        User carol = user(kind, "carol");
        assertThat(join(carol, room).subject()).isEqualTo("Tea at five");

        done(alice.rooms().destroy(alice.account(), room, "moving", venue));
        RoomExit gone = bob.await(RoomExit.class, e -> e.room().equals(room));
        assertThat(gone.kind()).isEqualTo(RoomExit.Kind.DESTROYED);
        assertThat(gone.reason()).isEqualTo("moving");
        assertThat(gone.alternativeVenue()).isEqualTo(venue);
        assertThat(alice.await(RoomExit.class, e -> e.room().equals(room)).kind()).isEqualTo(RoomExit.Kind.DESTROYED);
        assertThat(bob.rooms().joinedRooms(bob.account())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void privateMessagesGoToOneOccupant(ServerKind kind) throws Exception {
        User alice = user(kind, "alice");
        User bob = user(kind, "bob");
        Address room = newRoom(kind);
        createInstant(alice, room);
        join(bob, room);

        String id = UUID.randomUUID().toString();
        bob.rooms().sendPrivate(new OutboundMessage(bob.account(), room, ConversationKind.ROOM_PRIVATE, "psst", id),
                "alice");
        InboundMessage pm = alice.await(InboundMessage.class, m -> m.body().equals("psst"));
        assertThat(pm.kind()).isEqualTo(ConversationKind.ROOM_PRIVATE);
        assertThat(pm.peer()).isEqualTo(Address.occupant(room, "bob"));
        assertThat(pm.from()).isEqualTo(room);
        assertThat(pm.fromResource()).isEqualTo("bob");
        assertThat(pm.originId()).isEqualTo(id);
        assertThat(pm.direction()).isEqualTo(Direction.INCOMING);
        // exactly once: the one-to-one chat adapter leaves it alone
        assertThat(alice.client().events.drain()).noneMatch(e -> e instanceof InboundMessage m
                && m.body().equals("psst"));
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void invitationsOfBothKindsAndADecline(ServerKind kind) throws Exception {
        User alice = user(kind, "alice");
        User bob = user(kind, "bob");
        User carol = user(kind, "carol");
        Address room = newRoom(kind);
        createInstant(alice, room);

        alice.rooms().invite(alice.account(), room, bob.account().address(), "join us", false);
        RoomInvitation mediated = bob.await(RoomInvitation.class, i -> i.room().equals(room));
        assertThat(mediated.direct()).isFalse();
        // Prosody hides the inviter's address behind their nickname in the room; ejabberd gives it
        assertThat(mediated.inviter()).isIn(alice.account().address(), Address.occupant(room, "alice"));
        assertThat(mediated.reason()).isEqualTo("join us");
        bob.rooms().decline(mediated, "busy");
        Declined declined = alice.await(Declined.class, d -> d.room().equals(room));
        assertThat(declined.invitee()).isEqualTo(bob.account().address());
        assertThat(declined.reason()).isEqualTo("busy");

        alice.rooms().invite(alice.account(), room, carol.account().address(), "tea?", true);
        RoomInvitation direct = carol.await(RoomInvitation.class, i -> i.room().equals(room));
        assertThat(direct.direct()).isTrue();
        assertThat(direct.inviter()).isEqualTo(alice.account().address());
        assertThat(direct.reason()).isEqualTo("tea?");
        // invitations are not chat messages
        assertThat(bob.client().events.drain()).as("bob's events").noneMatch(InboundMessage.class::isInstance);
        assertThat(carol.client().events.drain()).as("carol's events").noneMatch(InboundMessage.class::isInstance);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void theRoomArchivePagesBackwardsWithTheRoomsIds(ServerKind kind) throws Exception {
        User alice = user(kind, "alice");
        User bob = user(kind, "bob");
        Address room = newRoom(kind);
        createInstant(alice, room);
        join(bob, room);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String body = "archived %02d".formatted(i);
            say(alice, room, body);
            sent.add(body);
        }
        roomMessage(bob, sent.getLast());

        List<InboundMessage> found = new ArrayList<>();
        HistoryPage page = done(bob.client().history.fetch(HistoryQuery.roomNewestSince(bob.account(), room, null,
                10)));
        while (true) {
            found.addAll(0, page.messages());
            if (page.complete() || page.firstArchiveId() == null) {
                break;
            }
            page = done(bob.client().history.fetch(HistoryQuery.roomBefore(bob.account(), room,
                    page.firstArchiveId(), 10)));
        }
        assertThat(found).extracting(InboundMessage::body).containsSubsequence(sent);
        InboundMessage first = found.stream().filter(m -> m.body().equals(sent.getFirst())).findFirst().orElseThrow();
        assertThat(first.kind()).isEqualTo(ConversationKind.ROOM);
        assertThat(first.source()).isEqualTo(MessageSource.ARCHIVE);
        assertThat(first.from()).isEqualTo(room);
        assertThat(first.fromResource()).isEqualTo("alice");
        assertThat(first.archiveId()).isNotBlank();
        assertThat(first.stanzaId()).isEqualTo(first.archiveId());
        assertThat(first.stanzaIdBy()).isEqualTo(room.value());
        assertThat(first.serverTime()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void selfPingNoticesThatAServerRestartDroppedTheUser(ServerKind kind) throws Exception {
        User alice = user(kind, "alice");
        Address room = newRoom(kind);
        createConfigured(alice, room, Map.of("muc#roomconfig_persistentroom", "1"));
        assertThat(done(alice.rooms().selfPing(alice.account(), room))).isEqualTo(SelfPingResult.JOINED);

        XmppTestServer server = servers.server(kind);
        server.stop();
        alice.await(Lost.class, l -> l.account().equals(alice.account()));
        assertThat(done(alice.rooms().selfPing(alice.account(), room))).isEqualTo(SelfPingResult.UNKNOWN);
        server.start();
        done(alice.client().connection.reconnect(alice.account()));

        RoomExit dropped = alice.await(RoomExit.class, e -> e.room().equals(room));
        assertThat(dropped.kind()).isEqualTo(RoomExit.Kind.DROPPED);
        assertThat(done(alice.rooms().selfPing(alice.account(), room))).isEqualTo(SelfPingResult.NOT_JOINED);
        RoomJoined back = join(alice, room);
        assertThat(back.created()).isFalse();
        assertThat(done(alice.rooms().selfPing(alice.account(), room))).isEqualTo(SelfPingResult.JOINED);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void occupantIdsAreBelievedOnlyFromRoomsThatAdvertiseThem(ServerKind kind) throws Exception {
        User alice = user(kind, "alice");
        User bob = user(kind, "bob");
        Address room = newRoom(kind);
        createInstant(alice, room);
        join(bob, room);
        Occupant bobSeen = alice.await(OccupantChanged.class, e -> e.occupant().nick().equals("bob")).occupant();
        say(bob, room, "who am I");
        InboundMessage m = roomMessage(alice, "who am I");
        boolean advertised = done(alice.rooms().features(alice.account(), room)).occupantIds();
        if (advertised) {
            assertThat(bobSeen.occupantId()).isNotBlank();
            assertThat(m.room().occupantId()).isEqualTo(bobSeen.occupantId());
        } else {
            assertThat(bobSeen.occupantId()).isNull();
            assertThat(m.room().occupantId()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void aModeratorRemovesAMessageWhereTheRoomSupportsIt(ServerKind kind) throws Exception {
        User alice = user(kind, "alice");
        User bob = user(kind, "bob");
        Address room = newRoom(kind);
        createInstant(alice, room);
        join(bob, room);
        say(bob, room, "something rude");
        InboundMessage rude = roomMessage(alice, "something rude");
        roomMessage(bob, "something rude");
        RoomFeatures features = done(alice.rooms().features(alice.account(), room));
        if (!features.moderation()) {
            assertThat(kind).as("ejabberd 23.01 has no XEP-0425").isEqualTo(ServerKind.EJABBERD);
            assertThat(problemOf(alice.rooms().moderate(alice.account(), room, rude.stanzaId(), "rude")))
                    .isEqualTo(RoomProblem.NOT_ALLOWED);
            return;
        }
        // participants may not moderate
        assertThat(problemOf(bob.rooms().moderate(bob.account(), room, rude.stanzaId(), "mine")))
                .isEqualTo(RoomProblem.NOT_ALLOWED);
        done(alice.rooms().moderate(alice.account(), room, rude.stanzaId(), "rude"));
        InboundMessage removal = bob.await(InboundMessage.class, m -> m.retractsId() != null);
        assertThat(removal.retractsId()).isEqualTo(rude.stanzaId());
        assertThat(removal.from()).isEqualTo(room);
        assertThat(removal.room().isModeration()).isTrue();
        assertThat(removal.room().moderatedBy()).isEqualTo("alice");
        assertThat(removal.room().moderationReason()).isEqualTo("rude");
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void forgedRoomStanzasAreDropped(ServerKind kind) throws Exception {
        User alice = user(kind, "alice");
        User bob = user(kind, "bob");
        User mallory = user(kind, "mallory");
        Address room = newRoom(kind);
        createInstant(alice, room);
        join(bob, room);
        join(mallory, room);
        say(alice, room, "original");
        String stanzaId = roomMessage(bob, "original").stanzaId();
        var wire = mallory.client().sessions.get(mallory.account()).connection;
        var bobFull = bob.client().sessions.get(bob.account()).connection.getUser();
        var roomJid = org.jxmpp.jid.impl.JidCreate.entityBareFrom(room.value());

        // straight to bob, not through the room: a groupchat message and a moderation from a non-room address
        wire.sendStanza(StanzaBuilder.buildMessage().ofType(Message.Type.groupchat).to(bobFull)
                .setBody("spoofed groupchat").build());
        wire.sendStanza(StanzaBuilder.buildMessage().ofType(Message.Type.groupchat).to(bobFull)
                .addExtension(moderation0(stanzaId, room.value() + "/alice")).build());
        wire.sendStanza(StanzaBuilder.buildMessage().ofType(Message.Type.chat).to(bobFull)
                .setBody("direct sentinel").build());
        bob.await(InboundMessage.class, m -> m.body().equals("direct sentinel"));

        // through the room: the room stamps mallory's nickname on both forms of moderation
        wire.sendStanza(StanzaBuilder.buildMessage().ofType(Message.Type.groupchat).to(roomJid)
                .addExtension(moderation0(stanzaId, room.value() + "/alice")).build());
        wire.sendStanza(StanzaBuilder.buildMessage().ofType(Message.Type.groupchat).to(roomJid)
                .addExtension(moderation1(stanzaId, room.value() + "/alice")).build());
        say(mallory, room, "room sentinel");
        roomMessage(bob, "room sentinel");

        assertThat(bob.client().events.drain()).noneMatch(e -> e instanceof InboundMessage m
                && (m.body().equals("spoofed groupchat") || stanzaId.equals(m.retractsId())
                        || (m.room() != null && m.room().isModeration())));
    }

    private static StandardExtensionElement moderation0(String stanzaId, String by) {
        return StandardExtensionElement.builder("apply-to", "urn:xmpp:fasten:0").addAttribute("id", stanzaId)
                .addElement(StandardExtensionElement.builder("moderated", "urn:xmpp:message-moderate:0")
                        .addAttribute("by", by)
                        .addElement(StandardExtensionElement.builder("retract", "urn:xmpp:message-retract:0").build())
                        .addElement("reason", "forged").build())
                .build();
    }

    private static StandardExtensionElement moderation1(String stanzaId, String by) {
        return StandardExtensionElement.builder("retract", "urn:xmpp:message-retract:1").addAttribute("id", stanzaId)
                .addElement(StandardExtensionElement.builder("moderated", "urn:xmpp:message-moderate:1")
                        .addAttribute("by", by).build())
                .addElement("reason", "forged").build();
    }
}
