package im.natter.testsupport.fakes;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Availability;
import im.natter.domain.model.ConnectionProblem;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.DataForm;
import im.natter.domain.model.Direction;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.MessageSource;
import im.natter.domain.model.Occupant;
import im.natter.domain.model.OutboundMessage;
import im.natter.domain.model.RoomAffiliation;
import im.natter.domain.model.RoomException;
import im.natter.domain.model.RoomExit;
import im.natter.domain.model.RoomFeatures;
import im.natter.domain.model.RoomInvitation;
import im.natter.domain.model.RoomJoinRequest;
import im.natter.domain.model.RoomJoined;
import im.natter.domain.model.RoomMessageInfo;
import im.natter.domain.model.RoomProblem;
import im.natter.domain.model.RoomRole;
import im.natter.domain.model.SelfPingResult;
import im.natter.domain.port.ChatPort;
import im.natter.domain.port.ConnectionPort;
import im.natter.domain.port.RoomPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the xmpp layer's rooms in service and view-model tests (the wire itself is tested against real
 * servers). Everything happens synchronously on the calling thread. It records what was asked of it
 * ({@link #calls()}, {@link #joinRequests()}, {@link #sent()}) and lets a test speak for the rooms: messages,
 * occupants, exits, invitations, acks, self-ping answers. Rooms are forgotten when {@code connection} signs in
 * afresh (not when it resumes), as a server forgets a client's rooms.
 */
public final class FakeRooms implements RoomPort {

    /** The features of a room nobody configured: modern, with an archive. */
    public static final RoomFeatures MODERN = new RoomFeatures("A room", null, true, false, false, false, true,
            false, true, true, true);
    /** A room without an archive, occupant-ids or moderation. */
    public static final RoomFeatures PLAIN = new RoomFeatures("A plain room", null, true, false, false, false, true,
            false, false, false, false);

    private final ConnectionPort connection;
    private final List<RoomPort.Listener> listeners = new CopyOnWriteArrayList<>();
    private final Map<Address, RoomFeatures> features = new ConcurrentHashMap<>();
    private final Map<Address, List<Occupant>> present = new ConcurrentHashMap<>();
    private final Map<Address, String> subjects = new ConcurrentHashMap<>();
    private final Map<Address, SelfPingResult> pingAnswers = new ConcurrentHashMap<>();
    private final Map<AccountId, Set<Address>> joined = new ConcurrentHashMap<>();
    private final List<RoomJoinRequest> joinRequests = new CopyOnWriteArrayList<>();
    private final List<RoomException> joinFailures = new CopyOnWriteArrayList<>();
    private final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Set<Address> created = ConcurrentHashMap.newKeySet();
    private volatile boolean autoAck = true;

    /** @param connection whose fresh sign-ins empty the joined rooms (a {@link FakeXmpp}) */
    public FakeRooms(ConnectionPort connection) {
        this.connection = connection;
        connection.addListener(new ConnectionPort.Listener() {
            @Override
            public void connected(AccountId account, boolean resumed) {
                if (!resumed) {
                    joined.remove(account);
                }
            }

            @Override
            public void connectionLost(AccountId account, ConnectionProblem problem) {
                // a resumed session keeps them (XEP-0198); a fresh sign-in does not
            }
        });
    }

    // ---- test controls -------------------------------------------------------------------------------------

    public void setFeatures(Address room, RoomFeatures f) {
        features.put(room, f);
    }

    /** Who else is in {@code room} when the user joins. */
    public void setOccupants(Address room, List<Occupant> occupants) {
        present.put(room, List.copyOf(occupants));
    }

    public void setSubject(Address room, String subject) {
        subjects.put(room, subject);
    }

    /** The next join fails with this (queue several for several joins). */
    public void failNextJoin(RoomProblem problem) {
        joinFailures.add(new RoomException(problem, null));
    }

    /** The next join creates the room. */
    public void createNext(Address room) {
        created.add(room);
    }

    public void answerSelfPing(Address room, SelfPingResult result) {
        pingAnswers.put(room, result);
    }

    /** When true (the default) every message sent is acknowledged by the "server" at once. */
    public void setAutoAck(boolean autoAck) {
        this.autoAck = autoAck;
    }

    /** The server forgot that the user is in {@code room} (a restart of the room service, say). */
    public void forget(AccountId account, Address room) {
        joined.getOrDefault(account, Set.of()).remove(room);
    }

    public List<RoomJoinRequest> joinRequests() {
        return List.copyOf(joinRequests);
    }

    public List<OutboundMessage> sent() {
        return List.copyOf(sent);
    }

    /** Everything else asked, one line each, e.g. {@code "leave room@muc"}, {@code "moderate room@muc id why"}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public int listenerCount() {
        return listeners.size();
    }

    /** The room sends a message (a groupchat message, its reflection of the user's, history, a PM). */
    public void receive(InboundMessage message) {
        listeners.forEach(l -> l.messageReceived(message));
    }

    /**
     * A live groupchat message from {@code nick} in {@code room}.
     *
     * @param stanzaId the id the room gives it, or null for a room without an archive
     */
    public static InboundMessage groupchat(AccountId account, Address room, String nick, String occupantId,
            String body, String originId, String stanzaId) {
        return new InboundMessage(account, room, nick, ConversationKind.ROOM, body, ContentKind.TEXT, originId,
                originId, stanzaId, stanzaId == null ? null : room.value(), null, false, Direction.INCOMING, room,
                MessageSource.LIVE, null, null, null, null, new RoomMessageInfo(occupantId, null, null, false));
    }

    /** A message the room sends as history on join, stamped with the time it was sent. */
    public static InboundMessage history(AccountId account, Address room, String nick, String body, String originId,
            Instant sent) {
        return new InboundMessage(account, room, nick, ConversationKind.ROOM, body, ContentKind.TEXT, originId,
                originId, null, null, sent, false, Direction.INCOMING, room, MessageSource.LIVE, null, null, null,
                null, new RoomMessageInfo(null, null, null, true));
    }

    /** The same message as the room's archive gives it (XEP-0313 on the room). */
    public static InboundMessage archived(AccountId account, Address room, String nick, String occupantId,
            String body, String originId, String archiveId, Instant sent) {
        return new InboundMessage(account, room, nick, ConversationKind.ROOM, body, ContentKind.TEXT, originId,
                originId, archiveId, room.value(), sent, false, Direction.INCOMING, room, MessageSource.ARCHIVE,
                archiveId, null, null, null, new RoomMessageInfo(occupantId, null, null, false));
    }

    public void occupantChanged(AccountId account, Occupant occupant) {
        listeners.forEach(l -> l.occupantChanged(account, occupant));
    }

    public void occupantLeft(AccountId account, Occupant occupant, RoomExit.Kind kind, String reason) {
        listeners.forEach(l -> l.occupantLeft(account, occupant, kind, reason));
    }

    public void occupantRenamed(AccountId account, String oldNick, Occupant occupant) {
        listeners.forEach(l -> l.occupantRenamed(account, oldNick, occupant));
    }

    public void subjectChanged(AccountId account, Address room, String subject, String by) {
        listeners.forEach(l -> l.subjectChanged(account, room, subject, by));
    }

    /** The user is out of the room (the room forgets them too). */
    public void exit(RoomExit exit) {
        forget(exit.account(), exit.room());
        listeners.forEach(l -> l.exited(exit));
    }

    public void invitation(RoomInvitation invitation) {
        listeners.forEach(l -> l.invitationReceived(invitation));
    }

    public void acknowledge(AccountId account, String originId) {
        listeners.forEach(l -> l.serverAcknowledged(account, originId));
    }

    public void bounce(AccountId account, String originId, String reason) {
        listeners.forEach(l -> l.sendFailed(account, originId, reason));
    }

    public static Occupant occupant(Address room, String nick, String occupantId, RoomRole role) {
        return new Occupant(room, nick, null, occupantId, role, RoomAffiliation.NONE, Availability.AVAILABLE, null);
    }

    // ---- RoomPort ------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<RoomFeatures> features(AccountId account, Address room) {
        if (!connection.isConnected(account)) {
            return CompletableFuture.failedFuture(new RoomException(RoomProblem.NOT_CONNECTED, null));
        }
        if (created.contains(room)) {
            return CompletableFuture.failedFuture(new RoomException(RoomProblem.NOT_FOUND, null));
        }
        return CompletableFuture.completedFuture(features.getOrDefault(room, MODERN));
    }

    @Override
    public CompletableFuture<RoomJoined> join(RoomJoinRequest request) {
        joinRequests.add(request);
        if (!connection.isConnected(request.account())) {
            return CompletableFuture.failedFuture(new RoomException(RoomProblem.NOT_CONNECTED, null));
        }
        if (!joinFailures.isEmpty()) {
            return CompletableFuture.failedFuture(joinFailures.removeFirst());
        }
        Address room = request.room();
        boolean isNew = created.remove(room);
        joined.computeIfAbsent(request.account(), a -> ConcurrentHashMap.newKeySet()).add(room);
        RoomFeatures f = features.getOrDefault(room, MODERN);
        Occupant self = new Occupant(room, request.nick(), request.account().address(),
                f.occupantIds() ? "self-id" : null, isNew ? RoomRole.MODERATOR : RoomRole.PARTICIPANT,
                isNew ? RoomAffiliation.OWNER : RoomAffiliation.MEMBER, Availability.AVAILABLE, null);
        return CompletableFuture.completedFuture(new RoomJoined(request.account(), room, request.nick(), self,
                present.getOrDefault(room, List.of()), subjects.get(room), f, isNew));
    }

    @Override
    public CompletableFuture<Void> createInstant(AccountId account, Address room) {
        return call("create-instant " + room);
    }

    @Override
    public CompletableFuture<DataForm> configurationForm(AccountId account, Address room) {
        calls.add("configuration-form " + room);
        return CompletableFuture.completedFuture(new DataForm("Configure", List.of(), null, List.of()));
    }

    @Override
    public CompletableFuture<Void> submitConfiguration(AccountId account, Address room, DataForm answer) {
        return call("submit-configuration " + room);
    }

    @Override
    public void send(OutboundMessage message) throws ChatPort.NotConnectedException {
        check(message.account(), message.to());
        sent.add(message);
        if (autoAck) {
            acknowledge(message.account(), message.originId());
        }
    }

    @Override
    public void sendPrivate(OutboundMessage message, String nick) throws ChatPort.NotConnectedException {
        check(message.account(), message.to());
        sent.add(message);
        calls.add("private " + message.to() + "/" + nick + " " + message.body());
        if (autoAck) {
            acknowledge(message.account(), message.originId());
        }
    }

    @Override
    public void sendPrivateReceipt(AccountId account, Address room, String nick, String messageId) {
        calls.add("receipt " + room + "/" + nick + " " + messageId);
    }

    @Override
    public void retract(AccountId account, Address room, String targetId, String originId)
            throws ChatPort.NotConnectedException {
        check(account, room);
        calls.add("retract " + room + " " + targetId);
    }

    @Override
    public CompletableFuture<Void> changeNick(AccountId account, Address room, String newNick) {
        return call("nick " + room + " " + newNick);
    }

    @Override
    public CompletableFuture<Void> changeSubject(AccountId account, Address room, String subject) {
        return call("subject " + room + " " + subject);
    }

    @Override
    public CompletableFuture<Void> leave(AccountId account, Address room) {
        forget(account, room);
        return call("leave " + room);
    }

    @Override
    public CompletableFuture<Void> destroy(AccountId account, Address room, String reason, Address venue) {
        return call("destroy " + room + " " + reason + " " + venue);
    }

    @Override
    public CompletableFuture<Void> setRole(AccountId account, Address room, String nick, RoomRole role,
            String reason) {
        return call("role " + room + " " + nick + " " + role + " " + reason);
    }

    @Override
    public CompletableFuture<Void> setAffiliation(AccountId account, Address room, Address user,
            RoomAffiliation affiliation, String reason) {
        return call("affiliation " + room + " " + user + " " + affiliation + " " + reason);
    }

    @Override
    public CompletableFuture<Void> moderate(AccountId account, Address room, String stanzaId, String reason) {
        return call("moderate " + room + " " + stanzaId + " " + reason);
    }

    @Override
    public void invite(AccountId account, Address room, Address invitee, String reason, boolean direct)
            throws ChatPort.NotConnectedException {
        if (!connection.isConnected(account)) {
            throw new ChatPort.NotConnectedException("offline");
        }
        calls.add("invite " + room + " " + invitee + (direct ? " direct" : " mediated"));
    }

    @Override
    public void decline(RoomInvitation invitation, String reason) throws ChatPort.NotConnectedException {
        if (!connection.isConnected(invitation.account())) {
            throw new ChatPort.NotConnectedException("offline");
        }
        calls.add("decline " + invitation.room() + " " + reason);
    }

    @Override
    public CompletableFuture<SelfPingResult> selfPing(AccountId account, Address room) {
        calls.add("self-ping " + room);
        SelfPingResult answer = pingAnswers.get(room);
        if (answer == null) {
            answer = joined.getOrDefault(account, Set.of()).contains(room) ? SelfPingResult.JOINED
                    : SelfPingResult.NOT_JOINED;
        }
        return CompletableFuture.completedFuture(answer);
    }

    @Override
    public List<Address> joinedRooms(AccountId account) {
        return new ArrayList<>(joined.getOrDefault(account, Set.of()));
    }

    @Override
    public void addListener(RoomPort.Listener listener) {
        listeners.add(listener);
    }

    private void check(AccountId account, Address room) throws ChatPort.NotConnectedException {
        if (!connection.isConnected(account)) {
            throw new ChatPort.NotConnectedException("offline");
        }
        if (!joined.getOrDefault(account, Set.of()).contains(room)) {
            throw new IllegalStateException("sent to " + room + " without being in it");
        }
    }

    private CompletableFuture<Void> call(String line) {
        calls.add(line);
        return CompletableFuture.completedFuture(null);
    }
}
