package im.natter.xmpp;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.DataForm;
import im.natter.domain.model.MessageSize;
import im.natter.domain.model.MessageSource;
import im.natter.domain.model.Occupant;
import im.natter.domain.model.OutboundMessage;
import im.natter.domain.model.RoomAffiliation;
import im.natter.domain.model.RoomException;
import im.natter.domain.model.RoomExit;
import im.natter.domain.model.RoomFeatures;
import im.natter.domain.model.RoomJoinRequest;
import im.natter.domain.model.RoomJoined;
import im.natter.domain.model.RoomProblem;
import im.natter.domain.model.RoomRole;
import im.natter.domain.model.SelfPingResult;
import im.natter.domain.port.ChatPort;
import im.natter.domain.port.RoomPort;
import im.natter.xmpp.chat.XmlText;
import im.natter.xmpp.room.Invitations;
import im.natter.xmpp.room.Occupants;
import im.natter.xmpp.room.RoomDisco;
import im.natter.xmpp.room.RoomErrors;
import im.natter.xmpp.room.RoomForms;
import im.natter.xmpp.room.RoomMessages;
import im.natter.xmpp.room.Moderation;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.muc.packet.Destroy;
import org.jivesoftware.smackx.muc.packet.MUCAdmin;
import org.jivesoftware.smackx.muc.packet.MUCInitialPresence;
import org.jivesoftware.smackx.muc.packet.MUCItem;
import org.jivesoftware.smackx.muc.packet.MUCOwner;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * Group rooms (XEP-0045) on the wire, driven by raw presences and messages so that every status code, the join
 * history and the subject are seen in the order the room sends them; Smack supplies the element classes. Each
 * account's rooms live in {@link JoinedRoom}s keyed by the room's bare address: a stanza from any other address
 * is never taken for the room's, and only the room's bare address speaks as the room itself.
 */
public final class RoomAdapter implements RoomPort {

    private static final System.Logger LOG = System.getLogger(RoomAdapter.class.getName());

    static final String MUC_NS = "http://jabber.org/protocol/muc";
    static final String DIRECT_INVITE_NS = "jabber:x:conference";

    /** How long a leave waits for the room's confirmation before counting the user as out anyway. */
    static final Duration LEAVE_WAIT = Duration.ofSeconds(5);
    /** How long a join waits for the subject (the end of the history) after the room accepted the user. */
    static final Duration SUBJECT_WAIT = Duration.ofSeconds(5);

    private final XmppSessions sessions;
    private final Listeners<Listener> listeners = new Listeners<>();
    private final Map<AccountId, Map<Address, JoinedRoom>> rooms = new ConcurrentHashMap<>();

    public RoomAdapter(XmppSessions sessions) {
        this.sessions = sessions;
        sessions.addHook(SessionHook.attachAndOnFreshSession(this::attach, session -> dropAll(session.account)));
        sessions.knowRoomsBy(new RoomDirectory() {
            @Override
            public boolean isRoom(AccountId account, Address address) {
                return roomsOf(account).containsKey(address);
            }

            @Override
            public String nick(AccountId account, Address room) {
                JoinedRoom r = roomsOf(account).get(room);
                return r == null ? null : r.nick;
            }

            @Override
            public boolean trustsOccupantIds(AccountId account, Address room) {
                JoinedRoom r = roomsOf(account).get(room);
                return r != null && r.trustsOccupantIds();
            }
        });
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public List<Address> joinedRooms(AccountId account) {
        return roomsOf(account).values().stream().filter(r -> r.phase != JoinedRoom.Phase.JOINING)
                .map(r -> r.room).sorted().toList();
    }

    // ---- requests -------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<RoomFeatures> features(AccountId account, Address room) {
        return call(account, session -> RoomDisco.features(discover(session, roomJid(room))));
    }

    @Override
    public CompletableFuture<RoomJoined> join(RoomJoinRequest request) {
        AccountId account = request.account();
        Session session;
        EntityFullJid occupantJid;
        try {
            session = live(account);
            occupantJid = JidCreate.entityFullFrom(roomJid(request.room()), Resourcepart.from(request.nick()));
        } catch (RoomException e) {
            return CompletableFuture.failedFuture(e);
        } catch (XmppStringprepException e) {
            return CompletableFuture.failedFuture(new RoomException(RoomProblem.OTHER,
                    "The nickname \"" + request.nick() + "\" cannot be used in a room."));
        }
        Map<Address, JoinedRoom> mine = roomsOf(account);
        JoinedRoom fresh = new JoinedRoom(account, request.room(), occupantJid.asEntityBareJid(), request.nick(),
                request.password(), RoomDisco.UNKNOWN);
        JoinedRoom current = mine.compute(request.room(), (k, old) -> {
            if (old != null && (!old.joined.isDone() || old.phase != JoinedRoom.Phase.JOINING)) {
                return old; // already entering, or in it
            }
            return fresh;
        });
        if (current != fresh) {
            return current.joined.isDone() ? CompletableFuture.completedFuture(current.snapshot())
                    : current.joined.copy();
        }
        sessions.config().executor().execute(() -> enter(session, fresh, occupantJid, request));
        return fresh.joined.copy();
    }

    private void enter(Session session, JoinedRoom r, EntityFullJid occupantJid, RoomJoinRequest request) {
        try {
            // Asked first: whether the room's occupant-ids can be believed decides how its history is read.
            r.features = RoomDisco.features(discover(session, r.jid));
        } catch (RoomException e) {
            // A room that does not exist yet answers item-not-found; the join creates it.
            LOG.log(Level.DEBUG, "No room info for " + r.room + " before joining: " + e.getMessage());
        }
        int maxStanzas;
        Date since = null;
        if (request.historySince() != null) {
            since = Date.from(request.historySince());
            maxStanzas = request.maxHistory() > 0 ? request.maxHistory() : -1;
        } else {
            maxStanzas = request.maxHistory();
        }
        Presence presence = StanzaBuilder.buildPresence()
                .ofType(Presence.Type.available)
                .to(occupantJid)
                .addExtension(new MUCInitialPresence(blankToNull(request.password()), -1, maxStanzas, -1, since))
                .build();
        try {
            session.connection.sendStanza(presence);
        } catch (SmackException.NotConnectedException e) {
            forget(r);
            r.joined.completeExceptionally(RoomErrors.notConnected(session.domain));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forget(r);
            r.joined.completeExceptionally(RoomErrors.notConnected(session.domain));
            return;
        }
        sessions.timer().schedule(() -> {
            if (r.phase == JoinedRoom.Phase.JOINING && r.joined.completeExceptionally(RoomErrors.noAnswer())) {
                forget(r);
            }
        }, sessions.config().replyTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletableFuture<Void> createInstant(AccountId account, Address room) {
        return owner(account, room, RoomForms.instant());
    }

    @Override
    public CompletableFuture<DataForm> configurationForm(AccountId account, Address room) {
        return call(account, session -> {
            MUCOwner get = new MUCOwner();
            get.setTo(roomJid(room));
            get.setType(IQ.Type.get);
            IQ answer = request(session, get);
            org.jivesoftware.smackx.xdata.packet.DataForm form =
                    org.jivesoftware.smackx.xdata.packet.DataForm.from(answer);
            if (form == null) {
                throw new RoomException(RoomProblem.OTHER, "The room sent no configuration form.");
            }
            return RoomForms.toDomain(form);
        });
    }

    @Override
    public CompletableFuture<Void> submitConfiguration(AccountId account, Address room, DataForm answer) {
        org.jivesoftware.smackx.xdata.packet.DataForm form;
        try {
            form = RoomForms.toSubmit(answer);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new RoomException(RoomProblem.OTHER, e.getMessage()));
        }
        return owner(account, room, form);
    }

    /** Sends an owner form (a configuration, or the empty instant one), then learns what the room now is. */
    private CompletableFuture<Void> owner(AccountId account, Address room,
            org.jivesoftware.smackx.xdata.packet.DataForm form) {
        return call(account, session -> {
            MUCOwner set = new MUCOwner();
            set.setTo(roomJid(room));
            set.setType(IQ.Type.set);
            set.addExtension(form);
            request(session, set);
            JoinedRoom r = roomsOf(account).get(room);
            if (r != null) {
                try {
                    r.features = RoomDisco.features(discover(session, r.jid));
                } catch (RoomException e) {
                    LOG.log(Level.DEBUG, "No room info for " + room + " after configuring: " + e.getMessage());
                }
            }
            return null;
        });
    }

    @Override
    public void send(OutboundMessage message) throws ChatPort.NotConnectedException {
        String body = checkedBody(message);
        Session session = sessions.live(message.account());
        var builder = StanzaBuilder.buildMessage(message.originId())
                .ofType(Message.Type.groupchat)
                .to(roomJidOrThrow(message.to()))
                .setBody(body)
                .addExtension(new OriginIdElement(message.originId()));
        sendMessage(session, message.account(), withDelay(builder, message, session).build());
    }

    @Override
    public void retract(AccountId account, Address room, String targetId, String originId)
            throws ChatPort.NotConnectedException {
        Session session = sessions.live(account);
        // XEP-0424: the retraction, a hint to keep it, and a body for clients that know neither (XEP-0428)
        Message stanza = StanzaBuilder.buildMessage(originId)
                .ofType(Message.Type.groupchat)
                .to(roomJidOrThrow(room))
                .setBody("This person attempted to retract a previous message, but it's unsupported by your client.")
                .addExtension(new OriginIdElement(originId))
                .addExtension(org.jivesoftware.smack.packet.StandardExtensionElement
                        .builder("retract", "urn:xmpp:message-retract:1").addAttribute("id", targetId).build())
                .addExtension(org.jivesoftware.smack.packet.StandardExtensionElement
                        .builder("fallback", "urn:xmpp:fallback:0")
                        .addAttribute("for", "urn:xmpp:message-retract:1").build())
                .addExtension(org.jivesoftware.smack.packet.StandardExtensionElement
                        .builder("store", "urn:xmpp:hints").build())
                .build();
        sendMessage(session, account, stanza);
    }

    /** A message sent well after it was written says when that was (XEP-0203), as one-to-one chats do. */
    private static org.jivesoftware.smack.packet.MessageBuilder withDelay(
            org.jivesoftware.smack.packet.MessageBuilder builder, OutboundMessage message, Session session) {
        if (message.writtenAt() != null) {
            builder.addExtension(new org.jivesoftware.smackx.delay.packet.DelayInformation(
                    java.util.Date.from(message.writtenAt()), session.connection.getUser().asBareJid().toString(),
                    null));
        }
        return builder;
    }

    /**
     * Sends a message the service tracks by its id: the server's stream-management ack (or, without stream
     * management, the write itself) is reported, so it counts as on the server only then.
     */
    private void sendMessage(Session session, AccountId account, Message stanza)
            throws ChatPort.NotConnectedException {
        String id = stanza.getStanzaId();
        var conn = session.connection;
        boolean viaSm = conn.isSmEnabled();
        if (viaSm) {
            try {
                conn.addStanzaIdAcknowledgedListener(id, acked -> listeners.fire(
                        l -> l.serverAcknowledged(account, id)));
            } catch (org.jivesoftware.smack.sm.StreamManagementException.StreamManagementNotEnabledException e) {
                viaSm = false;
            }
        }
        try {
            sendStanza(session, stanza);
        } catch (ChatPort.NotConnectedException e) {
            conn.removeStanzaIdAcknowledgedListener(id);
            throw e;
        }
        if (!viaSm) {
            listeners.fire(l -> l.serverAcknowledged(account, id));
        }
    }

    @Override
    public void sendPrivate(OutboundMessage message, String nick) throws ChatPort.NotConnectedException {
        String body = checkedBody(message);
        Session session = sessions.live(message.account());
        Jid to;
        try {
            to = JidCreate.entityFullFrom(roomJidOrThrow(message.to().bare()), Resourcepart.from(nick));
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException("The nickname \"" + nick + "\" is not valid.", e);
        }
        // The empty muc#user element marks it as a private message through a room (XEP-0045 §7.5), which also
        // tells the server how to copy it to the user's other devices (XEP-0280 §6).
        var builder = StanzaBuilder.buildMessage(message.originId())
                .ofType(Message.Type.chat)
                .to(to)
                .setBody(body)
                .addExtension(new OriginIdElement(message.originId()))
                .addExtension(new MUCUser());
        // unlike a groupchat message (XEP-0184 §5.3), a private one has one recipient who can say it arrived
        DeliveryReceiptRequest.addTo(builder);
        sendMessage(session, message.account(), withDelay(builder, message, session).build());
    }

    @Override
    public void sendPrivateReceipt(AccountId account, Address room, String nick, String messageId) {
        try {
            Receipts.send(sessions.live(account),
                    JidCreate.entityFullFrom(roomJidOrThrow(room), Resourcepart.from(nick)), messageId, true);
        } catch (ChatPort.NotConnectedException | SmackException.NotConnectedException e) {
            LOG.log(Level.DEBUG, "receipt for " + messageId + " in " + room + " not sent: not connected");
        } catch (XmppStringprepException | IllegalArgumentException e) {
            LOG.log(Level.DEBUG, "receipt for " + messageId + " not sent: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String checkedBody(OutboundMessage message) {
        String body = XmlText.sanitise(message.body());
        int max = sessions.config().maxStanzaBytes() - ChatAdapter.ENVELOPE_MARGIN;
        if (MessageSize.wireBytes(body) > max) {
            throw new IllegalArgumentException("The message is too long to send (more than " + max / 1024 + " KiB).");
        }
        return body;
    }

    @Override
    public CompletableFuture<Void> changeNick(AccountId account, Address room, String newNick) {
        JoinedRoom r = roomsOf(account).get(room);
        if (r == null || r.phase == JoinedRoom.Phase.JOINING) {
            return CompletableFuture.failedFuture(new RoomException(RoomProblem.NOT_ALLOWED,
                    "You are not in the room " + room + "."));
        }
        if (newNick.equals(r.nick)) {
            return CompletableFuture.completedFuture(null);
        }
        return call(account, session -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            r.requestedNick = newNick;
            r.nickChange = done;
            Presence presence = StanzaBuilder.buildPresence().ofType(Presence.Type.available)
                    .to(occupant(r.jid, newNick)).build();
            sendOrFail(session, presence);
            await(done, sessions.config().replyTimeout());
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> changeSubject(AccountId account, Address room, String subject) {
        return call(account, session -> {
            EntityBareJid jid = roomJid(room);
            Message message = StanzaBuilder.buildMessage().ofType(Message.Type.groupchat).to(jid)
                    .setSubject(subject == null ? "" : XmlText.sanitise(subject)).build();
            String id = message.getStanzaId();
            // The room answers with the subject change to everyone, or bounces the message.
            StanzaCollector collector = session.connection.createStanzaCollector(stanza ->
                    stanza instanceof Message m && m.getFrom() != null && m.getFrom().asBareJid().equals(jid)
                            && ((m.getType() == Message.Type.error && Objects.equals(id, m.getStanzaId()))
                                    || RoomMessages.isSubjectChange(m)));
            try {
                sendOrFail(session, message);
                Message answer = collector.nextResult(sessions.config().replyTimeout().toMillis());
                if (answer == null) {
                    throw RoomErrors.noAnswer();
                }
                if (answer.getType() == Message.Type.error) {
                    throw RoomErrors.ofAction(answer.getError());
                }
            } finally {
                collector.cancel();
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> leave(AccountId account, Address room) {
        JoinedRoom r = roomsOf(account).get(room);
        if (r == null) {
            return CompletableFuture.completedFuture(null);
        }
        Session session = sessions.get(account);
        if (session == null || !session.isLive()) {
            forget(r);
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        r.leaving = done;
        try {
            session.connection.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.unavailable)
                    .to(occupant(r.jid, r.nick)).build());
        } catch (SmackException.NotConnectedException | RoomException e) {
            forget(r);
            return CompletableFuture.completedFuture(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forget(r);
            return CompletableFuture.completedFuture(null);
        }
        sessions.timer().schedule(() -> {
            // The room did not confirm: the user is out as far as Natter is concerned.
            if (!done.isDone() && forget(r)) {
                listeners.fire(l -> l.exited(new RoomExit(account, room, RoomExit.Kind.LEFT, null, null, null)));
            }
            done.complete(null);
        }, LEAVE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return done.copy();
    }

    @Override
    public CompletableFuture<Void> destroy(AccountId account, Address room, String reason, Address alternativeVenue) {
        return call(account, session -> {
            MUCOwner set = new MUCOwner();
            set.setTo(roomJid(room));
            set.setType(IQ.Type.set);
            set.setDestroy(new Destroy(alternativeVenue == null ? null : roomJid(alternativeVenue),
                    blankToNull(reason)));
            request(session, set);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> setRole(AccountId account, Address room, String nick, RoomRole role,
            String reason) {
        return call(account, session -> {
            MUCAdmin set = new MUCAdmin();
            set.setTo(roomJid(room));
            set.setType(IQ.Type.set);
            set.addItem(new MUCItem(Occupants.role(role), resourcepart(nick), blankToNull(reason)));
            request(session, set);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> setAffiliation(AccountId account, Address room, Address user,
            RoomAffiliation affiliation, String reason) {
        return call(account, session -> {
            MUCAdmin set = new MUCAdmin();
            set.setTo(roomJid(room));
            set.setType(IQ.Type.set);
            set.addItem(new MUCItem(Occupants.affiliation(affiliation), bareJid(user.bare()), blankToNull(reason)));
            request(session, set);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> moderate(AccountId account, Address room, String stanzaId, String reason) {
        return call(account, session -> {
            EntityBareJid jid = roomJid(room);
            DiscoverInfo info = discover(session, jid);
            if (!RoomDisco.features(info).moderation()) {
                throw new RoomException(RoomProblem.NOT_ALLOWED, "The room " + room
                        + " does not support removing messages (XEP-0425).");
            }
            request(session, Moderation.request(jid, stanzaId, reason, RoomDisco.moderationNamespace(info)));
            return null;
        });
    }

    @Override
    public void invite(AccountId account, Address room, Address invitee, String reason, boolean direct)
            throws ChatPort.NotConnectedException {
        Session session = sessions.live(account);
        EntityBareJid roomJid = roomJidOrThrow(room);
        EntityBareJid inviteeJid = bareJidOrThrow(invitee);
        JoinedRoom r = roomsOf(account).get(room);
        Message invitation = direct
                ? Invitations.direct(roomJid, inviteeJid, reason, r == null ? null : r.password)
                : Invitations.mediated(roomJid, inviteeJid, reason);
        sendStanza(session, invitation);
    }

    @Override
    public void decline(im.natter.domain.model.RoomInvitation invitation, String reason)
            throws ChatPort.NotConnectedException {
        if (invitation.direct()) {
            return; // XEP-0249 has no decline
        }
        Session session = sessions.live(invitation.account());
        sendStanza(session, Invitations.decline(roomJidOrThrow(invitation.room()), invitation.inviter().value(),
                reason));
    }

    @Override
    public CompletableFuture<SelfPingResult> selfPing(AccountId account, Address room) {
        JoinedRoom r = roomsOf(account).get(room);
        if (r == null || r.phase == JoinedRoom.Phase.JOINING) {
            return CompletableFuture.completedFuture(SelfPingResult.NOT_JOINED);
        }
        Session session = sessions.get(account);
        if (session == null || !session.isLive()) {
            return CompletableFuture.completedFuture(SelfPingResult.UNKNOWN);
        }
        return call(account, s -> {
            Ping ping = new Ping(occupant(r.jid, r.nick));
            try {
                s.connection.sendIqRequestAndWaitForResponse(ping);
                return SelfPingResult.JOINED;
            } catch (XMPPException.XMPPErrorException e) {
                SelfPingResult result = selfPingResult(e.getStanzaError());
                if (result == SelfPingResult.NOT_JOINED) {
                    LOG.log(Level.INFO, "Self-ping: " + account + " is no longer in " + room + " ("
                            + e.getStanzaError().getCondition() + ")");
                    if (forget(r)) {
                        listeners.fire(l -> l.exited(new RoomExit(account, room, RoomExit.Kind.DROPPED, null,
                                null, null)));
                    }
                }
                return result;
            } catch (SmackException.NoResponseException e) {
                return SelfPingResult.UNKNOWN;
            } catch (SmackException.NotConnectedException e) {
                return SelfPingResult.UNKNOWN;
            }
        });
    }

    /** XEP-0410 §3: which answers mean the user is still in the room. */
    static SelfPingResult selfPingResult(StanzaError error) {
        if (error == null) {
            return SelfPingResult.NOT_JOINED;
        }
        return switch (error.getCondition()) {
            // joined; the room passed the ping on to a client that does not answer pings, or the nick just changed
            case service_unavailable, feature_not_implemented, item_not_found -> SelfPingResult.JOINED;
            case remote_server_not_found, remote_server_timeout -> SelfPingResult.UNKNOWN;
            default -> SelfPingResult.NOT_JOINED;
        };
    }

    // ---- what arrives --------------------------------------------------------------------------------------

    private void attach(Session session) {
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(session.connection);
        disco.addFeature(MUC_NS);
        disco.addFeature(DIRECT_INVITE_NS);
        session.connection.addSyncStanzaListener(stanza -> onPresence(session, (Presence) stanza),
                StanzaTypeFilter.PRESENCE);
        session.connection.addSyncStanzaListener(stanza -> onMessage(session, (Message) stanza),
                StanzaTypeFilter.MESSAGE);
    }

    private void onPresence(Session session, Presence presence) {
        Jid from = presence.getFrom();
        if (from == null) {
            return;
        }
        JoinedRoom r = room(session.account, from);
        if (r == null) {
            return;
        }
        String nick = from.getResourceOrNull() == null ? null : from.getResourceOrNull().toString();
        switch (presence.getType()) {
            case error -> presenceError(r, nick, presence);
            case available -> {
                if (nick != null) {
                    available(r, nick, presence);
                }
            }
            case unavailable -> {
                if (nick != null) {
                    unavailable(r, nick, presence);
                }
            }
            default -> {
                // subscriptions are not for rooms
            }
        }
    }

    private void presenceError(JoinedRoom r, String nick, Presence presence) {
        StanzaError error = presence.getError();
        if (r.phase == JoinedRoom.Phase.JOINING) {
            forget(r);
            r.joined.completeExceptionally(RoomErrors.ofJoin(error));
            return;
        }
        CompletableFuture<Void> change = r.nickChange;
        if (change != null && Objects.equals(nick, r.requestedNick)) {
            r.nickChange = null;
            r.requestedNick = null;
            change.completeExceptionally(RoomErrors.ofAction(error));
            return;
        }
        LOG.log(Level.DEBUG, "Room " + r.room + " sent an error presence: " + error);
    }

    private void available(JoinedRoom r, String nick, Presence presence) {
        boolean self = Occupants.has(presence, Occupants.SELF_110) || nick.equals(r.nick);
        Occupant occupant = Occupants.occupant(presence, r.room, nick, r.trustsOccupantIds());
        AccountId account = r.account;
        if (self) {
            String oldNick = r.renamedFrom.remove(nick);
            Occupant before = r.self;
            r.self = occupant;
            r.nick = nick;
            if (r.phase == JoinedRoom.Phase.JOINING) {
                r.created = Occupants.has(presence, Occupants.CREATED_201);
                if (r.created) {
                    // a new room has no history and waits, locked, for its configuration
                    r.phase = JoinedRoom.Phase.LIVE;
                    r.joined.complete(r.snapshot());
                } else {
                    r.phase = JoinedRoom.Phase.HISTORY;
                    sessions.timer().schedule(() -> endHistory(r), SUBJECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
                return;
            }
            if (oldNick != null) {
                CompletableFuture<Void> change = r.nickChange;
                r.nickChange = null;
                r.requestedNick = null;
                listeners.fire(l -> l.occupantRenamed(account, oldNick, occupant));
                if (change != null) {
                    change.complete(null);
                }
            } else if (before == null || before.role() != occupant.role()
                    || before.affiliation() != occupant.affiliation()) {
                listeners.fire(l -> l.selfChanged(account, occupant));
            }
            return;
        }
        String oldNick = r.renamedFrom.remove(nick);
        r.occupants.put(nick, occupant);
        if (r.phase == JoinedRoom.Phase.JOINING) {
            return; // reported in RoomJoined
        }
        if (oldNick != null) {
            listeners.fire(l -> l.occupantRenamed(account, oldNick, occupant));
        } else {
            listeners.fire(l -> l.occupantChanged(account, occupant));
        }
    }

    private void unavailable(JoinedRoom r, String nick, Presence presence) {
        boolean self = Occupants.has(presence, Occupants.SELF_110) || nick.equals(r.nick);
        String newNick = Occupants.newNick(presence);
        AccountId account = r.account;
        if (self) {
            if (newNick != null) {
                r.renamedFrom.put(newNick, nick);
                r.nick = newNick;
                return;
            }
            if (!forget(r)) {
                return;
            }
            RoomExit exit = new RoomExit(account, r.room, Occupants.exitKind(presence), Occupants.actor(presence),
                    Occupants.reason(presence), Occupants.alternativeVenue(presence));
            if (r.phase == JoinedRoom.Phase.JOINING) {
                r.joined.completeExceptionally(new RoomException(RoomProblem.OTHER,
                        "The room let you out while you were entering (" + exit.kind() + ")."));
                return;
            }
            listeners.fire(l -> l.exited(exit));
            CompletableFuture<Void> leaving = r.leaving;
            if (leaving != null) {
                leaving.complete(null);
            }
            return;
        }
        Occupant gone = r.occupants.remove(nick);
        if (newNick != null) {
            r.renamedFrom.put(newNick, nick);
            return;
        }
        if (r.phase == JoinedRoom.Phase.JOINING) {
            return;
        }
        Occupant occupant = gone != null ? gone : Occupants.occupant(presence, r.room, nick, r.trustsOccupantIds());
        RoomExit.Kind kind = Occupants.exitKind(presence);
        String reason = Occupants.reason(presence);
        listeners.fire(l -> l.occupantLeft(account, occupant, kind, reason));
    }

    private void onMessage(Session session, Message message) {
        AccountId account = session.account;
        if (Invitations.isInvitation(message)) {
            invitation(account, message);
            return;
        }
        if (CarbonExtension.from(message) != null) {
            carbon(session, message);
            return;
        }
        Jid from = message.getFrom();
        if (from == null) {
            return;
        }
        Message.Type type = message.getType();
        JoinedRoom r = room(account, from);
        if (type == Message.Type.groupchat) {
            if (r == null) {
                LOG.log(Level.DEBUG, "Dropped a groupchat message from " + from + ", which is not a room of "
                        + account);
                return;
            }
            if (RoomMessages.isSubjectChange(message)) {
                subject(r, message);
                return;
            }
            boolean history = r.phase != JoinedRoom.Phase.LIVE;
            RoomMessages.live(message, context(r, history))
                    .ifPresent(m -> listeners.fire(l -> l.messageReceived(m)));
            return;
        }
        if ((type == Message.Type.chat || type == Message.Type.normal) && r != null
                && from.getResourceOrNull() != null) {
            RoomMessages.privateMessage(message, context(r, false), from.getResourceOrNull().toString(), false,
                    MessageSource.LIVE).ifPresent(m -> listeners.fire(l -> l.messageReceived(m)));
        }
    }

    /** A private message through a room, copied from or to another of the user's devices (XEP-0280). */
    private void carbon(Session session, Message wrapper) {
        AccountId account = session.account;
        Jid wrapperFrom = wrapper.getFrom();
        if (wrapperFrom == null || !wrapperFrom.isEntityBareJid()
                || !wrapperFrom.asBareJid().equals(session.ownJid)) {
            return; // the chat adapter logs forged carbons
        }
        CarbonExtension carbon = CarbonExtension.from(wrapper);
        Message inner = carbon.getForwarded() == null ? null : carbon.getForwarded().getForwardedStanza();
        if (inner == null) {
            return;
        }
        boolean sent = carbon.getDirection() == CarbonExtension.Direction.sent;
        Jid occupant = sent ? inner.getTo() : inner.getFrom();
        if (occupant == null || occupant.getResourceOrNull() == null) {
            return;
        }
        JoinedRoom r = room(account, occupant);
        if (r == null) {
            return;
        }
        RoomMessages.privateMessage(inner, context(r, false), occupant.getResourceOrNull().toString(), sent,
                MessageSource.CARBON).ifPresent(m -> listeners.fire(l -> l.messageReceived(m)));
    }

    private void subject(JoinedRoom r, Message message) {
        String subject = RoomMessages.subject(message);
        boolean first = !r.subjectSeen;
        r.subjectSeen = true;
        r.subject = subject;
        if (first && r.created && (subject == null || subject.isEmpty())) {
            return; // a new room's empty subject, sent after the join was already complete
        }
        if (r.phase != JoinedRoom.Phase.LIVE) {
            endHistory(r); // the subject closes the history (XEP-0045 §7.2.15)
            return;
        }
        Jid from = message.getFrom();
        String by = from.getResourceOrNull() == null ? null : from.getResourceOrNull().toString();
        listeners.fire(l -> l.subjectChanged(r.account, r.room, subject == null || subject.isEmpty() ? null
                : subject, by));
    }

    private void endHistory(JoinedRoom r) {
        if (r.phase == JoinedRoom.Phase.HISTORY) {
            r.phase = JoinedRoom.Phase.LIVE;
            r.joined.complete(r.snapshot());
        }
    }

    private void invitation(AccountId account, Message message) {
        Invitations.received(message, account).ifPresent(i -> listeners.fire(l -> l.invitationReceived(i)));
        Invitations.declined(message).ifPresent(d ->
                listeners.fire(l -> l.invitationDeclined(account, d.room(), d.invitee(), d.reason())));
    }

    /** A fresh stream is in no room: every room of the previous one is reported as dropped, for a rejoin. */
    private void dropAll(AccountId account) {
        Map<Address, JoinedRoom> mine = roomsOf(account);
        for (JoinedRoom r : List.copyOf(mine.values())) {
            if (!forget(r)) {
                continue;
            }
            if (r.phase == JoinedRoom.Phase.JOINING) {
                r.joined.completeExceptionally(new RoomException(RoomProblem.NOT_CONNECTED,
                        "The connection was lost while entering the room."));
            } else {
                listeners.fire(l -> l.exited(new RoomExit(account, r.room, RoomExit.Kind.DROPPED, null, null,
                        null)));
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private RoomMessages.Context context(JoinedRoom r, boolean joinHistory) {
        return new RoomMessages.Context(r.account, r.room, r.nick, r.trustsOccupantIds(), joinHistory);
    }

    private Map<Address, JoinedRoom> roomsOf(AccountId account) {
        return rooms.computeIfAbsent(account, a -> new ConcurrentHashMap<>());
    }

    private JoinedRoom room(AccountId account, Jid from) {
        Optional<Address> bare = Address.parse(from.asBareJid().toString());
        return bare.map(b -> roomsOf(account).get(b)).orElse(null);
    }

    /** Removes the room if this very state is still the current one; true when it was. */
    private boolean forget(JoinedRoom r) {
        return roomsOf(r.account).remove(r.room, r);
    }

    private Session live(AccountId account) throws RoomException {
        return RoomCalls.live(sessions, account);
    }

    private DiscoverInfo discover(Session session, EntityBareJid room) throws RoomException {
        DiscoverInfo get = DiscoverInfo.builder(session.connection).to(room).ofType(IQ.Type.get).build();
        return (DiscoverInfo) request(session, get);
    }

    /** Sends a request to the room and returns its answer; refusals become {@link RoomException}s. */
    private IQ request(Session session, IQ iq) throws RoomException {
        try {
            return session.connection.sendIqRequestAndWaitForResponse(iq);
        } catch (XMPPException.XMPPErrorException e) {
            throw RoomErrors.ofAction(e.getStanzaError());
        } catch (SmackException.NoResponseException e) {
            throw RoomErrors.noAnswer();
        } catch (SmackException.NotConnectedException e) {
            throw RoomErrors.notConnected(session.domain);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RoomErrors.notConnected(session.domain);
        }
    }

    private static void sendOrFail(Session session, Stanza stanza) throws RoomException {
        try {
            session.connection.sendStanza(stanza);
        } catch (SmackException.NotConnectedException e) {
            throw RoomErrors.notConnected(session.domain);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RoomErrors.notConnected(session.domain);
        }
    }

    private static void sendStanza(Session session, Stanza stanza) throws ChatPort.NotConnectedException {
        try {
            session.connection.sendStanza(stanza);
        } catch (SmackException.NotConnectedException e) {
            throw new ChatPort.NotConnectedException("Not connected to " + session.domain + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatPort.NotConnectedException("Sending was interrupted.");
        }
    }

    private static void await(CompletableFuture<Void> answer, Duration limit) throws RoomException {
        try {
            answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RoomException re) {
                throw re;
            }
            throw new RoomException(RoomProblem.OTHER, String.valueOf(e.getCause()));
        } catch (java.util.concurrent.TimeoutException e) {
            throw RoomErrors.noAnswer();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RoomErrors.noAnswer();
        }
    }

    /** Work that talks to the room: on the executor, failing with a {@link RoomException} in words. */
    private <T> CompletableFuture<T> call(AccountId account, RoomCalls.Work<T> work) {
        return RoomCalls.call(sessions, account, work);
    }

    static EntityBareJid roomJid(Address room) throws RoomException {
        try {
            return JidCreate.entityBareFrom(room.bare().value());
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new RoomException(RoomProblem.NOT_FOUND, "\"" + room + "\" is not a room address.");
        }
    }

    private static EntityBareJid roomJidOrThrow(Address room) {
        return bareJidOrThrow(room);
    }

    private static EntityBareJid bareJidOrThrow(Address address) {
        try {
            return JidCreate.entityBareFrom(address.bare().value());
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + address + "\" is not a valid XMPP address.", e);
        }
    }

    private static Jid bareJid(Address address) throws RoomException {
        try {
            return JidCreate.bareFrom(address.value());
        } catch (XmppStringprepException e) {
            throw new RoomException(RoomProblem.OTHER, "\"" + address + "\" is not a valid XMPP address.");
        }
    }

    private static EntityFullJid occupant(EntityBareJid room, String nick) throws RoomException {
        return JidCreate.entityFullFrom(room, resourcepart(nick));
    }

    private static Resourcepart resourcepart(String nick) throws RoomException {
        try {
            return Resourcepart.from(nick);
        } catch (XmppStringprepException e) {
            throw new RoomException(RoomProblem.OTHER, "The nickname \"" + nick + "\" cannot be used in a room.");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
