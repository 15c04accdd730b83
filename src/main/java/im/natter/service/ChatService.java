package im.natter.service;

import im.natter.domain.event.ConversationChanged;
import im.natter.domain.event.MessageAdded;
import im.natter.domain.event.MessageChanged;
import im.natter.domain.event.NoticeRaised;
import im.natter.domain.event.RoomChanged;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.MessageSize;
import im.natter.domain.model.MessageSource;
import im.natter.domain.model.Occupant;
import im.natter.domain.model.OutboundMessage;
import im.natter.domain.model.RoomExit;
import im.natter.domain.model.RoomInvitation;
import im.natter.domain.model.StoredMessages;
import im.natter.domain.port.ArchiveException;
import im.natter.domain.port.ChatPort;
import im.natter.domain.port.ConnectionPort;
import im.natter.domain.port.ConversationStore;
import im.natter.domain.port.MessageStore;
import im.natter.domain.port.RoomPort;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One-to-one messages in both directions. The rule it keeps: a message is in the archive before anything else
 * depends on it — before it is shown, before it is sent, before a receipt confirms it.
 *
 * <p>All work runs on one serial {@code worker} executor, so messages are stored and published in the order they
 * arrived and the xmpp library's threads are never held up.
 */
public final class ChatService {

    private static final System.Logger LOG = System.getLogger(ChatService.class.getName());

    private final MessageStore messages;
    private final ConversationStore conversations;
    private final ChatPort chat;
    private final ConnectionPort connection;
    private final EventBus bus;
    private final Executor worker;
    private final Executor reader;
    private final Clock clock;
    /** The time the last message was written, so the next one is always later (see {@link #writingClock()}). */
    private Instant lastWritingTime;
    /** Messages put on the wire since each account's last connect, so the outbox does not send them twice. */
    private final java.util.Map<AccountId, java.util.Set<String>> inFlight = new java.util.HashMap<>();
    /** How many connections died with each message on the wire and unacknowledged; only touched on worker. */
    private final java.util.Map<String, Integer> lostWithConnection = new java.util.HashMap<>();

    /**
     * A message that was on the wire each time the connection died this often is taken as refused by the server
     * (e.g. over a stanza limit lower than ours, which servers answer by closing the stream): it fails with words
     * instead of looping through reconnects. The user can retry it.
     */
    static final int MAX_LOST_CONNECTIONS = 3;
    /** How long before a lost connection a message the server accepted may still have been dropped by it. */
    static final Duration UNCONFIRMED_WINDOW = Duration.ofSeconds(15);
    /** A message that goes out later than this after it was written says when it was written (XEP-0203). */
    static final Duration LATE = Duration.ofSeconds(5);
    /** Messages this process has put on the wire at least once, until the server has them (worker only). */
    private final java.util.Set<String> transmittedBefore = new java.util.HashSet<>();
    /** When each account's connection went away, until the next connected() (worker only). */
    private final java.util.Map<AccountId, Instant> lostAt = new java.util.HashMap<>();
    /**
     * Accounts whose outbox went out since their last connect. Until then a new message waits behind the queued
     * ones: the connection is up a moment before {@code connected} reaches the worker, and a message sent directly
     * in that moment would overtake the older ones still in the outbox.
     */
    private final java.util.Set<AccountId> outboxFlushed = new java.util.HashSet<>();
    private final Supplier<String> ids;
    /** Where room messages and private messages through a room go; null where there are no rooms. */
    private final RoomPort rooms;
    /** Rooms ([account, room]) last seen joined, so their outbox goes out once per entry. */
    private final java.util.Set<List<Object>> joinedRooms = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Without rooms: ROOM and ROOM_PRIVATE messages stay queued. */
    public ChatService(MessageStore messages, ConversationStore conversations, ChatPort chat,
            ConnectionPort connection, EventBus bus, Executor worker, Executor reader, Clock clock,
            Supplier<String> ids) {
        this(messages, conversations, chat, null, connection, bus, worker, reader, clock, ids);
    }

    /**
     * @param rooms sends ROOM messages and ROOM_PRIVATE ones (through the room); they go out only while the room is
     *              joined, the rest wait in the outbox for the (re)join
     */
    public ChatService(MessageStore messages, ConversationStore conversations, ChatPort chat, RoomPort rooms,
            ConnectionPort connection, EventBus bus, Executor worker, Executor reader, Clock clock,
            Supplier<String> ids) {
        this.rooms = rooms;
        this.messages = messages;
        this.conversations = conversations;
        this.chat = chat;
        this.connection = connection;
        this.bus = bus;
        this.worker = worker;
        this.reader = reader;
        this.clock = clock;
        this.ids = ids;
        chat.addListener(new ChatPort.Listener() {
            @Override
            public void messageReceived(InboundMessage message) {
                worker.execute(() -> receive(message));
            }

            @Override
            public void receiptReceived(AccountId account, Address from, String originId) {
                worker.execute(() -> confirmDelivery(account, from, originId));
            }

            @Override
            public void serverAcknowledged(AccountId account, String originId) {
                worker.execute(() -> onServer(account, originId));
            }

            @Override
            public void sendFailed(AccountId account, String originId, String reason) {
                worker.execute(() -> advance(account, originId, DeliveryState.FAILED, reason));
            }
        });
        if (rooms != null) {
            rooms.addListener(new RoomAcknowledgements());
            bus.subscribe(event -> {
                if (event instanceof RoomChanged changed) {
                    // only on entering: an occupant burst publishes a RoomChanged per presence
                    List<Object> room = List.of(changed.account(), changed.room());
                    if (!changed.snapshot().isJoined()) {
                        joinedRooms.remove(room);
                    } else if (joinedRooms.add(room)) {
                        worker.execute(() -> flushRoom(changed.account(), changed.room()));
                    }
                }
            });
        }
        connection.addListener(new ConnectionPort.Listener() {
            @Override
            public void connected(AccountId account, boolean resumed) {
                worker.execute(() -> {
                    // a resumed session resends what the server had not acknowledged by itself (XEP-0198);
                    // after a fresh login, every queued message goes out again with its origin-id
                    if (!resumed) {
                        inFlight.remove(account);
                    }
                    flushOutbox(account);
                    Instant lost = lostAt.remove(account);
                    if (!resumed && lost != null) {
                        resendUnconfirmed(account, lost);
                    }
                    outboxFlushed.add(account);
                });
            }

            @Override
            public void connectionLost(AccountId account, im.natter.domain.model.ConnectionProblem problem) {
                // queued messages stay queued and go out on the next connected(), unless they keep killing it;
                // a server that stopped answering did not refuse anything, so that does not count against them
                worker.execute(() -> {
                    outboxFlushed.remove(account);
                    lostAt.putIfAbsent(account, clock.instant());
                    if (problem.kind() != im.natter.domain.model.ConnectionProblem.Kind.TIMED_OUT) {
                        countLostConnection(account);
                    }
                });
            }
        });
    }

    /** Why {@code body} cannot be sent, or empty if it can. For the composer to say before the user presses Enter. */
    public Optional<String> checkBody(String body) {
        if (body == null || body.isBlank()) {
            return Optional.of("The message is empty.");
        }
        long bytes = MessageSize.wireBytes(body);
        if (bytes > chat.maxBodyBytes()) {
            return Optional.of("This message is too long to send (%d KB; the limit is %d KB). Split it or send it as a file."
                    .formatted((bytes + 1023) / 1024, chat.maxBodyBytes() / 1024));
        }
        return Optional.empty();
    }

    /**
     * Stores the message as queued, then sends it if the account is connected. Completes with the stored message,
     * or fails with {@link MessageRejectedException} (nothing is stored) or {@link ArchiveException}.
     */
    public CompletableFuture<ChatMessage> send(ConversationKey conversation, String body) {
        var result = new CompletableFuture<ChatMessage>();
        Optional<String> problem = checkBody(body);
        if (problem.isPresent()) {
            result.completeExceptionally(new MessageRejectedException(problem.get()));
            return result;
        }
        worker.execute(() -> {
            try {
                ChatMessage draft = new ChatMessage(0, conversation, Direction.OUTGOING,
                        conversation.account().address(), null, body, ContentKind.TEXT, ids.get(), null, null, null,
                        clock.instant(), DeliveryState.QUEUED, null).withSenderClock(writingClock());
                ChatMessage stored = messages.insert(draft).orElseThrow();
                publishAdded(stored);
                result.complete(stored);
                if (outboxFlushed.contains(conversation.account())) {
                    transmit(stored);
                }
            } catch (ArchiveException e) {
                result.completeExceptionally(e);
                notice(e);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * The writer's clock a message states (ADR 0012): now, to the millisecond the archive keeps, and always after
     * the message written before it, so a burst of messages has no ties. Kept with the message, so a resend after
     * a restart states the same. Runs on the worker only.
     */
    private Instant writingClock() {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (lastWritingTime != null && !now.isAfter(lastWritingTime)) {
            now = lastWritingTime.plusMillis(1);
        }
        lastWritingTime = now;
        return now;
    }

    /** Sends a failed message again, as it was. */
    public void retry(ChatMessage failed) {
        worker.execute(() -> {
            try {
                messages.updateState(failed.conversation().account(), failed.originId(), DeliveryState.QUEUED, null)
                        .ifPresent(m -> {
                            bus.publish(new MessageChanged(m));
                            inFlight.getOrDefault(m.conversation().account(), new java.util.HashSet<>())
                                    .remove(m.originId());
                            transmit(m);
                        });
            } catch (ArchiveException e) {
                notice(e);
            }
        });
    }

    /**
     * The message of the conversation that a reply names ({@link ChatMessage#replyToId()}), from the archive;
     * empty when the archive does not have it.
     */
    public CompletableFuture<Optional<ChatMessage>> referenced(ConversationKey conversation, String id) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return messages.findReferenced(conversation, id);
            } catch (ArchiveException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, reader);
    }

    /** Up to {@code limit} messages before message {@code beforeId} (0: the newest), oldest first. */
    public CompletableFuture<List<ChatMessage>> history(ConversationKey conversation, long beforeId, int limit) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return messages.page(conversation, beforeId, limit);
            } catch (ArchiveException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, reader);
    }

    private void transmit(ChatMessage m) {
        transmit(m, false);
    }

    /**
     * Puts {@code m} on the wire unless it is on its way already.
     *
     * <p>A message that leaves for the first time well after it was written (typed offline) says when it was
     * written (XEP-0203), so the recipient shows and orders it by then; so does one sent again because the server
     * may have dropped it ({@code stampWritten}). A plain resend of what an earlier connection may still deliver goes
     * without: the recipient keeps whichever copy arrives first, and the two streams keep the sender's order only
     * when both are placed by arrival.
     */
    private void transmit(ChatMessage m, boolean stampWritten) {
        AccountId account = m.conversation().account();
        if (!connection.isConnected(account)) {
            return;
        }
        ConversationKind kind = m.conversation().kind();
        Address room = m.conversation().peer().bare();
        if (kind != ConversationKind.CHAT
                && (rooms == null || !rooms.joinedRooms(account).contains(room))) {
            // a room drops what comes from outside it: wait for the (re)join, then flushRoom sends it
            return;
        }
        if (!inFlight.computeIfAbsent(account, a -> new java.util.HashSet<>()).add(m.originId())) {
            return;
        }
        try {
            boolean late = Duration.between(m.localTime(), clock.instant()).compareTo(LATE) > 0;
            boolean first = transmittedBefore.add(m.originId());
            Instant writtenAt = stampWritten || first && late ? m.localTime() : null;
            switch (kind) {
                case CHAT -> chat.send(new OutboundMessage(account, m.conversation().peer(), kind, m.body(),
                        m.originId(), writtenAt, m.senderClock() != null ? m.senderClock() : m.localTime()));
                case ROOM -> rooms.send(new OutboundMessage(account, room, kind, m.body(), m.originId(), writtenAt));
                case ROOM_PRIVATE -> rooms.sendPrivate(new OutboundMessage(account, room, kind, m.body(),
                        m.originId(), writtenAt), m.conversation().peer().nick().orElseThrow());
            }
        } catch (ChatPort.NotConnectedException e) {
            inFlight.get(account).remove(m.originId());
            // it stays queued and goes out with the outbox on the next connection
            LOG.log(Level.DEBUG, "not connected, message stays queued");
        }
    }

    private void countLostConnection(AccountId account) {
        for (String originId : java.util.List.copyOf(inFlight.getOrDefault(account, java.util.Set.of()))) {
            if (lostWithConnection.merge(originId, 1, Integer::sum) >= MAX_LOST_CONNECTIONS) {
                lostWithConnection.remove(originId);
                inFlight.get(account).remove(originId);
                advance(account, originId, DeliveryState.FAILED, "The server closed the connection each time this "
                        + "message was sent, so Natter stopped trying. It may be too long for this server.");
            }
        }
    }

    /**
     * A server going down may drop what it accepted in its last moments before reaching the recipient (ejabberd
     * 23.01 in a restart: acknowledged, archived for the sender, never delivered). Messages accepted just before
     * the connection was lost, to a peer whose client confirms messages but has not confirmed these, go out once
     * more with the same origin-id; the recipient drops the repeat by that id (XEP-0359).
     */
    private void resendUnconfirmed(AccountId account, Instant lost) {
        try {
            for (ChatMessage m : messages.unconfirmedSince(account, lost.minus(UNCONFIRMED_WINDOW))) {
                if (!m.localTime().isAfter(lost)) {
                    transmit(m, true);
                }
            }
        } catch (ArchiveException e) {
            notice(e);
        }
    }

    /** Sends what waited for the room to be joined (its messages and the private ones through it). */
    private void flushRoom(AccountId account, Address room) {
        try {
            for (ChatMessage m : messages.queued(account)) {
                if (m.conversation().kind() != ConversationKind.CHAT && m.conversation().peer().bare().equals(room)) {
                    transmit(m);
                }
            }
        } catch (ArchiveException e) {
            notice(e);
        }
    }

    /** Acks and bounces of messages sent through a room, as {@link ChatPort} reports them for chats. */
    private final class RoomAcknowledgements implements RoomPort.Listener {
        @Override
        public void serverAcknowledged(AccountId account, String originId) {
            worker.execute(() -> onServer(account, originId));
        }

        @Override
        public void sendFailed(AccountId account, String originId, String reason) {
            worker.execute(() -> advance(account, originId, DeliveryState.FAILED, reason));
        }

        // what else a room says is RoomService's
        @Override
        public void messageReceived(InboundMessage message) {
        }

        @Override
        public void occupantChanged(AccountId account, Occupant occupant) {
        }

        @Override
        public void occupantLeft(AccountId account, Occupant occupant, RoomExit.Kind kind, String reason) {
        }

        @Override
        public void occupantRenamed(AccountId account, String oldNick, Occupant occupant) {
        }

        @Override
        public void subjectChanged(AccountId account, Address room, String subject, String by) {
        }

        @Override
        public void selfChanged(AccountId account, Occupant self) {
        }

        @Override
        public void exited(RoomExit exit) {
        }

        @Override
        public void invitationReceived(RoomInvitation invitation) {
        }

        @Override
        public void invitationDeclined(AccountId account, Address room, Address invitee, String reason) {
        }
    }

    private void flushOutbox(AccountId account) {
        try {
            for (ChatMessage m : messages.queued(account)) {
                transmit(m);
            }
        } catch (ArchiveException e) {
            notice(e);
        }
    }

    private void receive(InboundMessage in) {
        try {
            if (in.changesAnother()) {
                StoredMessages result = messages.applyChange(InboundMessages.toChange(in, clock.instant()));
                result.changed().forEach(changed -> bus.publish(new MessageChanged(changed)));
                result.added().forEach(this::publishAdded);
            } else {
                StoredMessages result = messages.store(InboundMessages.toChatMessage(in, clock.instant()));
                result.added().forEach(this::publishAdded);
                result.changed().forEach(moved -> bus.publish(new MessageChanged(moved)));
            }
        } catch (ArchiveException e) {
            // not archived, so not confirmed: the sender's client keeps it undelivered and the server's
            // archive still has it for a later catch-up
            notice(e);
            return;
        }
        // only the device a message was delivered to answers for it; carbons and archive copies are not ours to
        // confirm
        if (in.source() == MessageSource.LIVE && in.direction() == Direction.INCOMING && in.receiptRequested()
                && in.messageId() != null) {
            chat.sendReceipt(in.account(), in.from(), in.fromResource(), in.messageId());
        }
    }

    private void confirmDelivery(AccountId account, Address from, String originId) {
        try {
            Optional<ChatMessage> ours = messages.findByOriginId(account, originId);
            // only the person we wrote to can confirm it; anyone else's receipt is ignored
            if (ours.isPresent() && ours.get().conversation().peer().equals(from)) {
                advance(account, originId, DeliveryState.DELIVERED, null);
            }
        } catch (ArchiveException e) {
            notice(e);
        }
    }

    /** The server acknowledged {@code originId} (XEP-0198), whichever road it went out by. */
    private void onServer(AccountId account, String originId) {
        lostWithConnection.remove(originId);
        transmittedBefore.remove(originId);
        inFlight.getOrDefault(account, java.util.Set.of()).remove(originId);
        advance(account, originId, DeliveryState.ON_SERVER, null);
    }

    private void advance(AccountId account, String originId, DeliveryState state, String error) {
        try {
            messages.updateState(account, originId, state, error).ifPresent(m -> bus.publish(new MessageChanged(m)));
        } catch (ArchiveException e) {
            notice(e);
        }
    }

    private void publishAdded(ChatMessage stored) {
        bus.publish(new MessageAdded(stored));
        try {
            conversations.conversation(stored.conversation())
                    .ifPresent(c -> bus.publish(new ConversationChanged(c)));
        } catch (ArchiveException e) {
            notice(e);
        }
    }

    private void notice(ArchiveException e) {
        LOG.log(Level.WARNING, e.getMessage(), e);
        bus.publish(new NoticeRaised(NoticeRaised.Level.ERROR, e.getMessage()));
    }
}
