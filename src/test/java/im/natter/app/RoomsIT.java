package im.natter.app;

import static im.natter.app.RoomMember.done;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import im.natter.domain.event.InvitationReceived;
import im.natter.domain.event.MessageAdded;
import im.natter.domain.event.NoticeRaised;
import im.natter.domain.event.RoomExited;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.DataForm;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import im.natter.domain.model.RoomException;
import im.natter.domain.model.RoomExit;
import im.natter.domain.model.RoomInvitation;
import im.natter.domain.model.RoomJoined;
import im.natter.domain.model.RoomProblem;
import im.natter.domain.model.RoomStatus;
import im.natter.testsupport.Eventually;
import im.natter.testsupport.prosody.TestAccount;
import im.natter.testsupport.server.ServerKind;
import im.natter.testsupport.server.XmppServers;
import im.natter.testsupport.server.XmppTestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.chat_markers.element.ChatMarkersElements;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Group rooms as a team uses them, with the whole Natter core of each person ({@link AppContext}, own data
 * directory each) against real Prosody and ejabberd: create, invite, talk, leave and come back, sign in on
 * another machine and find the whole conversation; nicknames, private messages, retraction, moderation, kick and
 * ban; a server restart in between.
 */
class RoomsIT {

    @RegisterExtension
    static final XmppServers servers = XmppServers.create();

    private static final AtomicInteger ROOMS = new AtomicInteger();

    @TempDir
    Path home;

    private final List<RoomMember> members = new ArrayList<>();

    private RoomMember signIn(ServerKind kind, TestAccount account, String machine) throws Exception {
        RoomMember m = RoomMember.signIn(servers.server(kind), account, home.resolve(account.username() + "-"
                + machine), machine);
        members.add(m);
        return m;
    }

    @org.junit.jupiter.api.AfterEach
    void closeMembers() {
        members.forEach(RoomMember::close);
        members.clear();
    }

    private static Address newRoom(ServerKind kind) {
        return Address.of("team" + ROOMS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8)
                + "@" + servers.server(kind).mucDomain());
    }

    /** Sends {@code body} into the conversation and returns it as stored. */
    private static void say(RoomMember who, ConversationKey conversation, String body) {
        done(who.app.chats.send(conversation, body));
    }

    /** Each body exactly once, in this order, own ones outgoing and delivered to the room. */
    private static void assertWholeConversation(RoomMember who, ConversationKey room, List<String> bodies,
            String ownPrefix) {
        Eventually.until(who.name + " has all " + bodies.size() + " messages of " + room.peer()
                + ", none of its own still waiting", () -> {
                    List<ChatMessage> now = who.history(room);
                    return now.stream().map(ChatMessage::body).toList().containsAll(bodies)
                            && now.stream().noneMatch(m -> m.state() == DeliveryState.QUEUED);
                });
        List<ChatMessage> stored = who.history(room).stream().filter(m -> bodies.contains(m.body())).toList();
        assertThat(stored).extracting(ChatMessage::body).as("%s's archive of the room", who.name)
                .containsExactlyElementsOf(bodies);
        for (ChatMessage m : stored) {
            boolean own = m.body().startsWith(ownPrefix);
            assertThat(m.direction()).as("direction of %s at %s", m.body(), who.name)
                    .isEqualTo(own ? Direction.OUTGOING : Direction.INCOMING);
            assertThat(m.state()).as("state of %s at %s", m.body(), who.name)
                    .isIn(own ? List.of(DeliveryState.DELIVERED, DeliveryState.ON_SERVER)
                            : List.of(DeliveryState.RECEIVED));
            assertThat(m.stanzaIdBy()).as("who named %s at %s", m.body(), who.name).isEqualTo(room.peer().value());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void aTeamTalksLeavesComesBackAndFindsItAllOnAnotherMachine(ServerKind kind) throws Exception {
        TestAccount aliceAccount = servers.newAccount(kind, "alice");
        TestAccount bobAccount = servers.newAccount(kind, "bob");
        RoomMember alice = signIn(kind, aliceAccount, "laptop");
        RoomMember bob = signIn(kind, bobAccount, "laptop");
        Address room = newRoom(kind);
        ConversationKey aliceRoom = alice.room(room);
        ConversationKey bobRoom = bob.room(room);

        // a room that stays and admits only members, configured through the form
        RoomJoined created = done(alice.app.rooms.join(alice.account(), room, "alice", null));
        assertThat(created.created()).isTrue();
        DataForm form = done(alice.app.rooms.configurationForm(aliceRoom))
                .withValues("muc#roomconfig_persistentroom", List.of("1"))
                .withValues("muc#roomconfig_membersonly", List.of("1"));
        done(alice.app.rooms.submitConfiguration(aliceRoom, form));
        alice.awaitRoom(room, s -> s.isJoined() && s.features() != null && s.features().membersOnly());

        // a members-only room is offered through the room, which makes bob a member
        done(alice.app.rooms.invite(aliceRoom, Address.of(bobAccount.jid()), "our team room"));
        RoomInvitation invitation = bob.await(InvitationReceived.class, i -> i.invitation().room().equals(room))
                .invitation();
        assertThat(invitation.direct()).isFalse();
        // a room that hides real addresses (Prosody's default) names the inviter by her nickname in it
        assertThat(invitation.inviter()).isIn(Address.of(aliceAccount.jid()), Address.occupant(room, "alice"));
        done(bob.app.rooms.accept(invitation, "bob"));
        bob.awaitJoined(room);
        alice.awaitRoom(room, s -> s.occupants().stream().anyMatch(o -> o.nick().equals("bob")));

        List<String> conversation = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            say(alice, aliceRoom, "alice " + i);
            conversation.add("alice " + i);
            bob.awaitStored(bobRoom, "alice " + i, m -> true);
            say(bob, bobRoom, "bob " + i);
            conversation.add("bob " + i);
            alice.awaitStored(aliceRoom, "bob " + i, m -> true);
        }
        assertWholeConversation(alice, aliceRoom, conversation, "alice");
        assertWholeConversation(bob, bobRoom, conversation, "bob");
        Eventually.until("bob's own messages confirmed by the room", () -> bob.history(bobRoom).stream()
                .filter(m -> m.isOutgoing()).allMatch(m -> m.state() == DeliveryState.DELIVERED));

        // bob leaves; alice goes on; bob comes back and the room's archive brings what he missed, once
        done(bob.app.rooms.leave(bobRoom));
        alice.awaitRoom(room, s -> s.occupants().stream().noneMatch(o -> o.nick().equals("bob")));
        for (int i = 4; i <= 5; i++) {
            say(alice, aliceRoom, "alice " + i);
            conversation.add("alice " + i);
        }
        alice.awaitStored(aliceRoom, "alice 5", m -> m.state() == DeliveryState.DELIVERED);
        done(bob.app.rooms.join(bob.account(), room, "bob", null));
        assertWholeConversation(bob, bobRoom, conversation, "bob");
        say(bob, bobRoom, "bob back");
        conversation.add("bob back");
        assertWholeConversation(alice, aliceRoom, conversation, "alice");
        assertWholeConversation(bob, bobRoom, conversation, "bob");

        // days later on another machine: the bookmark joins the room and its archive brings everything, once
        bob.close();
        members.remove(bob);
        alice.awaitRoom(room, s -> s.occupants().stream().noneMatch(o -> o.nick().equals("bob")));
        RoomMember desktop = signIn(kind, bobAccount, "desktop");
        desktop.awaitJoined(room);
        assertWholeConversation(desktop, desktop.room(room), conversation, "bob");
        say(desktop, desktop.room(room), "bob from the desktop");
        conversation.add("bob from the desktop");
        assertWholeConversation(alice, aliceRoom, conversation, "alice");
        assertWholeConversation(desktop, desktop.room(room), conversation, "bob");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void nicknamesPrivateMessagesRemovalsKickAndBan(ServerKind kind) throws Exception {
        TestAccount aliceAccount = servers.newAccount(kind, "alice");
        TestAccount bobAccount = servers.newAccount(kind, "bob");
        RoomMember alice = signIn(kind, aliceAccount, "laptop");
        RoomMember bob = signIn(kind, bobAccount, "laptop");
        Address room = newRoom(kind);
        ConversationKey aliceRoom = alice.room(room);
        ConversationKey bobRoom = bob.room(room);

        // an instant room, open to all: the invitation goes directly to bob
        assertThat(done(alice.app.rooms.join(alice.account(), room, "alice", null)).created()).isTrue();
        done(alice.app.rooms.createInstant(aliceRoom));
        done(alice.app.rooms.invite(aliceRoom, Address.of(bobAccount.jid()), null));
        RoomInvitation invitation = bob.await(InvitationReceived.class, i -> i.invitation().room().equals(room))
                .invitation();
        assertThat(invitation.direct()).isTrue();
        done(bob.app.rooms.accept(invitation, "bob"));

        // a new nickname: the others see the same person under it
        done(bob.app.rooms.changeNick(bobRoom, "bobby"));
        assertThat(bob.awaitJoined(room).nick()).isEqualTo("bobby");
        alice.awaitRoom(room, s -> s.occupants().stream().anyMatch(o -> o.nick().equals("bobby"))
                && s.occupants().stream().noneMatch(o -> o.nick().equals("bob")));
        say(bob, bobRoom, "hello alice, are you there?");
        assertThat(alice.awaitStored(aliceRoom, "hello alice, are you there?", m -> true))
                .satisfies(m -> {
                    assertThat(m.senderNick()).isEqualTo("bobby");
                    assertThat(m.mentionsMe()).isTrue();
                });

        // a private message through the room is its own conversation at both ends, and not in the room
        ConversationKey aliceToBobby = alice.app.rooms.openPrivate(aliceRoom, "bobby");
        say(alice, aliceToBobby, "psst, just you");
        ChatMessage psst = bob.await(MessageAdded.class, a -> a.message().body().equals("psst, just you"))
                .message();
        assertThat(psst.conversation()).isEqualTo(new ConversationKey(bob.account(),
                Address.occupant(room, "alice"), ConversationKind.ROOM_PRIVATE));
        // bob's Natter says it arrived (a receipt from the occupant, credited to the private conversation)
        alice.awaitStored(aliceToBobby, "psst, just you", m -> m.state() == DeliveryState.DELIVERED);
        say(bob, psst.conversation(), "got it");
        alice.awaitStored(aliceToBobby, "got it", m -> m.direction() == Direction.INCOMING);
        bob.awaitStored(psst.conversation(), "got it", m -> m.state() == DeliveryState.DELIVERED);
        assertThat(alice.bodies(aliceToBobby)).containsExactly("psst, just you", "got it");
        assertThat(alice.bodies(aliceRoom)).doesNotContain("psst, just you", "got it");
        assertThat(bob.bodies(bobRoom)).doesNotContain("psst, just you", "got it");

        // bob takes his own message back; alice sees it gone
        say(bob, bobRoom, "oops, wrong room");
        ChatMessage oops = bob.awaitStored(bobRoom, "oops, wrong room", m -> m.state() == DeliveryState.DELIVERED);
        alice.awaitStored(aliceRoom, "oops, wrong room", m -> true);
        done(bob.app.rooms.retractOwn(oops));
        Eventually.until("alice sees bob's message taken back", () -> alice.history(aliceRoom).stream()
                .anyMatch(m -> m.id() != 0 && m.retracted() && m.moderatedBy() == null
                        && "bobby".equals(m.senderNick()) && m.body().isEmpty()));
        assertThat(alice.bodies(aliceRoom)).doesNotContain("oops, wrong room");

        // a moderator removes bob's message for everyone, where the room can (Prosody)
        say(bob, bobRoom, "something rude");
        ChatMessage rude = alice.awaitStored(aliceRoom, "something rude", m -> true);
        bob.awaitStored(bobRoom, "something rude", m -> true);
        if (alice.awaitJoined(room).features().moderation()) {
            done(alice.app.rooms.moderate(rude, "be nice"));
            Eventually.until("bob sees his message removed by a moderator", () -> bob.history(bobRoom).stream()
                    .anyMatch(m -> m.retracted() && "alice".equals(m.moderatedBy())
                            && "be nice".equals(m.moderationReason())));
            assertThat(bob.bodies(bobRoom)).doesNotContain("something rude");
        } else {
            assertThat(kind).as("only ejabberd 23.01 lacks XEP-0425").isEqualTo(ServerKind.EJABBERD);
        }

        // kicked: bob is told why, in words, and may come back
        done(alice.app.rooms.kick(aliceRoom, "bobby", "too loud"));
        RoomExit kicked = bob.await(RoomExited.class, e -> e.exit().room().equals(room)).exit();
        assertThat(kicked.kind()).isEqualTo(RoomExit.Kind.KICKED);
        assertThat(kicked.reason()).isEqualTo("too loud");
        assertThat(bob.await(NoticeRaised.class, n -> n.text().contains("removed from")).text())
                .contains("too loud");
        assertThat(bob.awaitRoom(room, s -> s.status() == RoomStatus.LEFT).problem()).contains("too loud");
        done(bob.app.rooms.join(bob.account(), room, "bob", null));
        bob.awaitJoined(room);

        // banned: bob is told, and joining again is refused in words
        done(alice.app.rooms.ban(aliceRoom, Address.of(bobAccount.jid()), "spam"));
        RoomExit banned = bob.await(RoomExited.class, e -> e.exit().kind() == RoomExit.Kind.BANNED).exit();
        assertThat(banned.reason()).isEqualTo("spam");
        Throwable refused = catchThrowable(() -> done(bob.app.rooms.join(bob.account(), room, "bob", null)));
        assertThat(refused).isInstanceOf(CompletionException.class).cause().isInstanceOf(RoomException.class)
                .hasMessageContaining("banned");
        assertThat(((RoomException) refused.getCause()).problem()).isEqualTo(RoomProblem.BANNED);
        assertThat(bob.awaitRoom(room, s -> s.status() == RoomStatus.FAILED).problem()).contains("banned");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void afterAServerRestartBothAreBackInTheRoomByThemselves(ServerKind kind) throws Exception {
        XmppTestServer server = servers.server(kind);
        TestAccount aliceAccount = servers.newAccount(kind, "alice");
        TestAccount bobAccount = servers.newAccount(kind, "bob");
        RoomMember alice = signIn(kind, aliceAccount, "laptop");
        RoomMember bob = signIn(kind, bobAccount, "laptop");
        Address room = newRoom(kind);
        ConversationKey aliceRoom = alice.room(room);
        ConversationKey bobRoom = bob.room(room);
        assertThat(done(alice.app.rooms.join(alice.account(), room, "alice", null)).created()).isTrue();
        done(alice.app.rooms.submitConfiguration(aliceRoom, done(alice.app.rooms.configurationForm(aliceRoom))
                .withValues("muc#roomconfig_persistentroom", List.of("1"))));
        done(bob.app.rooms.join(bob.account(), room, "bob", null));
        List<String> conversation = new ArrayList<>(List.of("alice before", "bob before"));
        say(alice, aliceRoom, "alice before");
        bob.awaitStored(bobRoom, "alice before", m -> true);
        say(bob, bobRoom, "bob before");
        alice.awaitStored(aliceRoom, "bob before", m -> true);
        bob.awaitStored(bobRoom, "bob before", m -> m.state() == DeliveryState.DELIVERED);

        server.stop();
        alice.awaitRoom(room, s -> s.status() == RoomStatus.JOINING);
        // written while the server is down: it waits in the outbox until alice is in the room again
        say(alice, aliceRoom, "alice while down");
        conversation.add("alice while down");
        server.start();

        alice.awaitJoined(room);
        bob.awaitJoined(room);
        bob.awaitStored(bobRoom, "alice while down", m -> true);
        say(bob, bobRoom, "bob after");
        conversation.add("bob after");
        // one's own message stands where it was written: alice answers what she has seen
        alice.awaitStored(aliceRoom, "bob after", m -> true);
        say(alice, aliceRoom, "alice after");
        conversation.add("alice after");
        assertWholeConversation(alice, aliceRoom, conversation, "alice");
        assertWholeConversation(bob, bobRoom, conversation, "bob");
        Eventually.until("every own message confirmed by the room", () -> alice.history(aliceRoom).stream()
                .filter(ChatMessage::isOutgoing).allMatch(m -> m.state() == DeliveryState.DELIVERED)
                && bob.history(bobRoom).stream().filter(ChatMessage::isOutgoing)
                        .allMatch(m -> m.state() == DeliveryState.DELIVERED));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void whatAnOccupantSaysInPrivateCountsForThePrivateConversation(ServerKind kind) throws Exception {
        TestAccount aliceAccount = servers.newAccount(kind, "alice");
        RoomMember alice = signIn(kind, aliceAccount, "laptop");
        Address room = newRoom(kind);
        ConversationKey aliceRoom = alice.room(room);
        assertThat(done(alice.app.rooms.join(alice.account(), room, "alice", null)).created()).isTrue();
        done(alice.app.rooms.createInstant(aliceRoom));

        // carol uses another client, one that sends receipts, markers and chat states in private
        XMPPTCPConnection carol = servers.connect(kind, servers.newAccount(kind, "carol"));
        MultiUserChatManager.getInstanceFor(carol).getMultiUserChat(JidCreate.entityBareFrom(room.value()))
                .join(Resourcepart.from("carol"));
        alice.awaitRoom(room, s -> s.occupants().stream().anyMatch(o -> o.nick().equals("carol")));
        List<Message> carolGot = new CopyOnWriteArrayList<>();
        carol.addSyncStanzaListener(st -> carolGot.add((Message) st),
                st -> st instanceof Message m && "hi carol".equals(m.getBody()));

        ConversationKey toCarol = alice.app.rooms.openPrivate(aliceRoom, "carol");
        ChatMessage hi = done(alice.app.chats.send(toCarol, "hi carol"));
        Message got = Eventually.value("carol gets alice's private message",
                () -> carolGot.isEmpty() ? null : carolGot.getFirst());
        var toAlice = JidCreate.entityFullFrom(room.value() + "/alice");
        carol.sendStanza(carol.getStanzaFactory().buildMessageStanza().to(toAlice).ofType(Message.Type.chat)
                .addExtension(new DeliveryReceipt(hi.originId())).build());
        Eventually.until("carol's receipt counts for the private message", () -> alice.stored(toCarol, "hi carol")
                .map(m -> m.state() == DeliveryState.DELIVERED).orElse(false));
        carol.sendStanza(carol.getStanzaFactory().buildMessageStanza().to(toAlice).ofType(Message.Type.chat)
                .addExtension(new ChatMarkersElements.DisplayedExtension(hi.originId())).build());
        Eventually.until("carol's marker counts for the private message", () -> alice.stored(toCarol, "hi carol")
                .map(m -> m.state() == DeliveryState.DISPLAYED).orElse(false));
        carol.sendStanza(carol.getStanzaFactory().buildMessageStanza().to(toAlice).ofType(Message.Type.chat)
                .addExtension(new ChatStateExtension(org.jivesoftware.smackx.chatstates.ChatState.composing))
                .build());
        Eventually.until("carol types in the private conversation",
                () -> alice.app.chatStates.peerState(toCarol) == im.natter.domain.model.ChatState.COMPOSING);
        assertThat(alice.app.chatStates.peerState(ConversationKey.chat(alice.account(), room)))
                .isEqualTo(im.natter.domain.model.ChatState.ACTIVE);
        assertThat(got.getFrom().toString()).isEqualTo(room.value() + "/alice");
    }
}
