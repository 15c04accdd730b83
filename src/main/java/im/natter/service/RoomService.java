package im.natter.service;

import im.natter.domain.event.ConversationChanged;
import im.natter.domain.event.InvitationReceived;
import im.natter.domain.event.MessageAdded;
import im.natter.domain.event.MessageChanged;
import im.natter.domain.event.NoticeRaised;
import im.natter.domain.event.RoomChanged;
import im.natter.domain.event.RoomExited;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Bookmark;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConnectionProblem;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.Conversation;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.Direction;
import im.natter.domain.model.DataForm;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.MessageChange;
import im.natter.domain.model.MessageSource;
import im.natter.domain.model.NotificationLevel;
import im.natter.domain.model.Occupant;
import im.natter.domain.model.RoomAffiliation;
import im.natter.domain.model.RoomException;
import im.natter.domain.model.RoomExit;
import im.natter.domain.model.RoomFeatures;
import im.natter.domain.model.RoomInvitation;
import im.natter.domain.model.RoomJoinRequest;
import im.natter.domain.model.RoomJoined;
import im.natter.domain.model.RoomProblem;
import im.natter.domain.model.RoomRole;
import im.natter.domain.model.RoomSnapshot;
import im.natter.domain.model.RoomStatus;
import im.natter.domain.model.SelfPingResult;
import im.natter.domain.model.StoredMessages;
import im.natter.domain.port.ArchiveException;
import im.natter.domain.port.ChatPort;
import im.natter.domain.port.ConnectionPort;
import im.natter.domain.port.ConversationStore;
import im.natter.domain.port.MessageStore;
import im.natter.domain.port.RoomPort;
import im.natter.domain.port.SyncStateStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Group rooms (XEP-0045): joining and leaving, what each joined room looks like now ({@link RoomSnapshot}, published
 * as {@code RoomChanged}), moderation, invitations, private messages through a room, and staying in rooms across
 * reconnects and silent drops (self-ping, XEP-0410). Room messages are archived like chat messages, once each,
 * whichever road they came by (live, the room's reflection of the user's own, join history, the room's archive).
 *
 * <p>Futures fail with {@link RoomException} (its message is for the user) or {@link ArchiveException}. All state is
 * kept on the serial {@code worker}; {@link #room} and {@link #rooms} read the last published snapshots.
 */
public final class RoomService {

    private static final System.Logger LOG = System.getLogger(RoomService.class.getName());

    /**
     * @param selfPingEvery  how often to ask a quiet joined room whether the user is still in it
     * @param maxJoinHistory at most this many messages of join history from a room without an archive
     * @param firstWindow    how far back the join history of a room never joined before reaches
     */
    public record Settings(Duration selfPingEvery, int maxJoinHistory, Duration firstWindow) {
        public static Settings standard() {
            return new Settings(Duration.ofMinutes(5), 100, Duration.ofDays(30));
        }
    }

    private final RoomPort rooms;
    private final BookmarkService bookmarks;
    private final MessageStore messages;
    private final SyncStateStore pages;
    private final ConversationStore conversations;
    private final ConnectionPort connection;
    private final HistorySyncService history;
    private final EventBus bus;
    private final Executor worker;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Settings settings;
    private final Supplier<String> ids;
    /** Every room the service knows of, by [account, room]; touched only on {@code worker}. */
    private final Map<List<Object>, RoomState> states = new LinkedHashMap<>();
    /** The last published snapshot of each room, for readers on any thread. */
    private final Map<List<Object>, RoomSnapshot> snapshots = new ConcurrentHashMap<>();
    /** Whether the self-ping round is scheduled; touched only on {@code worker}. */
    private boolean pingScheduled;

    /** What the service knows of one room; only touched on {@code worker}. */
    private static final class RoomState {
        final AccountId account;
        final Address room;
        RoomStatus status = RoomStatus.JOINING;
        String nick;
        String password;
        Occupant self;
        final Map<String, Occupant> occupants = new LinkedHashMap<>();
        String subject;
        RoomFeatures features;
        NotificationLevel notifications = NotificationLevel.ALL;
        String problem;
        /** The user wants to be in the room: it is joined again after a drop. */
        boolean wanted;
        /** When the room last said anything (message, presence); self-ping asks only quiet rooms. */
        Instant lastHeard;
        /** Joins asked for and not answered yet, to tell a stale answer from the current one. */
        int attempt;

        RoomState(AccountId account, Address room) {
            this.account = account;
            this.room = room;
        }

        ConversationKey conversation() {
            return new ConversationKey(account, room, ConversationKind.ROOM);
        }

        RoomMessages.Self identity() {
            return nick == null ? null : new RoomMessages.Self(nick, self == null ? null : self.occupantId());
        }

        RoomSnapshot snapshot() {
            return new RoomSnapshot(account, room, status, nick, self, List.copyOf(occupants.values()), subject,
                    features, notifications, problem);
        }
    }

    public RoomService(RoomPort rooms, BookmarkService bookmarks, MessageStore messages, SyncStateStore pages,
            ConversationStore conversations, ConnectionPort connection, HistorySyncService history, EventBus bus,
            Executor worker, ScheduledExecutorService scheduler, Clock clock, Settings settings) {
        this(rooms, bookmarks, messages, pages, conversations, connection, history, bus, worker, scheduler, clock,
                settings, () -> UUID.randomUUID().toString());
    }

    /**
     * @param pages stores join history so that history older than the read point does not count as unread
     * @param ids   origin-ids for the retractions the user sends
     */
    public RoomService(RoomPort rooms, BookmarkService bookmarks, MessageStore messages, SyncStateStore pages,
            ConversationStore conversations, ConnectionPort connection, HistorySyncService history, EventBus bus,
            Executor worker, ScheduledExecutorService scheduler, Clock clock, Settings settings,
            Supplier<String> ids) {
        this.rooms = rooms;
        this.bookmarks = bookmarks;
        this.messages = messages;
        this.pages = pages;
        this.conversations = conversations;
        this.connection = connection;
        this.history = history;
        this.bus = bus;
        this.worker = worker;
        this.scheduler = scheduler;
        this.clock = clock;
        this.settings = settings;
        this.ids = ids;
        rooms.addListener(new Heard());
        connection.addListener(new ConnectionPort.Listener() {
            @Override
            public void connected(AccountId account, boolean resumed) {
                worker.execute(() -> signedIn(account, resumed));
            }

            @Override
            public void connectionLost(AccountId account, ConnectionProblem problem) {
                worker.execute(() -> dropped(account));
            }
        });
    }

    public Optional<RoomSnapshot> room(AccountId account, Address room) {
        return Optional.ofNullable(snapshots.get(List.of(account, room)));
    }

    /** The account's rooms that are joined, joining, failed or left in this session, in the order first seen. */
    public List<RoomSnapshot> rooms(AccountId account) {
        return snapshots.values().stream().filter(s -> s.account().equals(account)).toList();
    }

    /**
     * Enters the room (creating it when it does not exist: see {@link RoomJoined#created}), creates its ROOM
     * conversation, saves its bookmark with autojoin, and catches up with its history.
     *
     * @param password the room's password, or null
     */
    public CompletableFuture<RoomJoined> join(AccountId account, Address room, String nick, String password) {
        CompletableFuture<RoomJoined> done = new CompletableFuture<>();
        if (nick == null || nick.isBlank()) {
            done.completeExceptionally(new RoomException(RoomProblem.OTHER, "Choose a nickname first."));
            return done;
        }
        worker.execute(() -> {
            RoomState state = state(account, room.bare());
            state.nick = nick.strip();
            state.password = password;
            state.wanted = true;
            try {
                Conversation opened = conversations.open(state.conversation());
                state.notifications = opened.notifications();
                bus.publish(new ConversationChanged(opened));
            } catch (ArchiveException e) {
                notice(e);
                done.completeExceptionally(e);
                return;
            }
            enter(state, true, done);
        });
        return done;
    }

    /** Unlocks a room the user just created with the server's default configuration. */
    public CompletableFuture<Void> createInstant(ConversationKey room) {
        return rooms.createInstant(room.account(), room.peer()).thenCompose(v -> refreshFeatures(room));
    }

    public CompletableFuture<DataForm> configurationForm(ConversationKey room) {
        return rooms.configurationForm(room.account(), room.peer());
    }

    /** Configures the room; what it is now (members-only, archived, ...) is asked afresh and published. */
    public CompletableFuture<Void> submitConfiguration(ConversationKey room, DataForm answer) {
        return rooms.submitConfiguration(room.account(), room.peer(), answer).thenCompose(v -> refreshFeatures(room));
    }

    /**
     * Asks the room what it is after a change of its configuration: what the join saw (a locked, just-created
     * room) no longer holds, and invitations (mediated for members-only rooms) and the archive catch-up depend on
     * it. The configuration stands even when the room does not answer, so this never fails.
     */
    private CompletableFuture<Void> refreshFeatures(ConversationKey room) {
        return rooms.features(room.account(), room.peer()).handleAsync((features, error) -> {
            if (error != null) {
                LOG.log(Level.INFO, "features of " + room.peer() + " unknown after configuring: " + Failures.reason(error));
                return null;
            }
            RoomState state = states.get(key(room.account(), room.peer()));
            if (state != null && !features.equals(state.features)) {
                state.features = features;
                publish(state);
            }
            return null;
        }, worker);
    }

    /** Leaves the room and clears its bookmark's autojoin; its history stays. */
    public CompletableFuture<Void> leave(ConversationKey room) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        worker.execute(() -> {
            RoomState state = states.get(key(room.account(), room.peer()));
            if (state != null) {
                state.wanted = false;
                state.attempt++;
                state.status = RoomStatus.LEFT;
                state.problem = null;
                state.occupants.clear();
                publish(state);
            }
            Optional<Bookmark> kept = bookmarks.bookmark(room.account(), room.peer());
            CompletableFuture<Void> unmark = kept.isPresent() && kept.get().autojoin()
                    ? bookmarks.save(room.account(), withAutojoin(kept.get(), false))
                    : CompletableFuture.completedFuture(null);
            rooms.leave(room.account(), room.peer())
                    .thenCombine(unmark.exceptionally(e -> {
                        LOG.log(Level.INFO, "autojoin of " + room.peer() + " stays set: " + Failures.reason(e));
                        return null;
                    }), (a, b) -> (Void) null)
                    .whenComplete((v, e) -> complete(done, v, e));
        });
        return done;
    }

    /** Destroys the room (owners), pointing its people to {@code alternativeVenue} (or null); drops its bookmark. */
    public CompletableFuture<Void> destroy(ConversationKey room, String reason, Address alternativeVenue) {
        return rooms.destroy(room.account(), room.peer(), reason, alternativeVenue).thenRunAsync(() -> {
            RoomState state = states.get(key(room.account(), room.peer()));
            if (state != null) {
                state.wanted = false;
            }
            if (bookmarks.bookmark(room.account(), room.peer()).isPresent()) {
                bookmarks.remove(room.account(), room.peer()).exceptionally(e -> {
                    LOG.log(Level.INFO, "bookmark of destroyed " + room.peer() + " stays: " + Failures.reason(e));
                    return null;
                });
            }
        }, worker);
    }

    public CompletableFuture<Void> changeNick(ConversationKey room, String newNick) {
        if (newNick == null || newNick.isBlank()) {
            return CompletableFuture.failedFuture(new RoomException(RoomProblem.OTHER, "The nickname is empty."));
        }
        String nick = newNick.strip();
        return rooms.changeNick(room.account(), room.peer(), nick).thenRunAsync(() -> {
            RoomState state = states.get(key(room.account(), room.peer()));
            if (state != null) {
                state.nick = nick;
                publish(state);
                history.roomJoined(state.account, state.room, state.identity(), false);
            }
            bookmarks.bookmark(room.account(), room.peer()).ifPresent(b -> bookmarks.save(room.account(),
                    new Bookmark(b.room(), b.name(), nick, b.password(), b.autojoin())));
        }, worker);
    }

    public CompletableFuture<Void> changeSubject(ConversationKey room, String subject) {
        return rooms.changeSubject(room.account(), room.peer(), subject == null ? "" : subject);
    }

    public CompletableFuture<Void> kick(ConversationKey room, String nick, String reason) {
        return setRole(room, nick, RoomRole.NONE, reason);
    }

    public CompletableFuture<Void> ban(ConversationKey room, Address user, String reason) {
        return setAffiliation(room, user, RoomAffiliation.OUTCAST, reason);
    }

    public CompletableFuture<Void> setRole(ConversationKey room, String nick, RoomRole role, String reason) {
        return rooms.setRole(room.account(), room.peer(), nick, role, reason);
    }

    public CompletableFuture<Void> setAffiliation(ConversationKey room, Address user, RoomAffiliation affiliation,
            String reason) {
        return rooms.setAffiliation(room.account(), room.peer(), user.bare(), affiliation, reason);
    }

    /**
     * Removes someone's message for everyone (XEP-0425; moderators of rooms that support it). The message changes
     * here when the room announces the removal, like everywhere else.
     */
    public CompletableFuture<Void> moderate(ChatMessage message, String reason) {
        ConversationKey room = message.conversation();
        if (room.kind() != ConversationKind.ROOM) {
            return notAllowed("Only messages in a room can be removed by a moderator.");
        }
        if (message.stanzaId() == null || !room.peer().value().equals(message.stanzaIdBy())) {
            return notAllowed("The room gave this message no id, so it cannot be removed.");
        }
        Optional<RoomSnapshot> now = room(room.account(), room.peer());
        if (now.isPresent() && now.get().features() != null && !now.get().features().moderation()) {
            return notAllowed("This room does not let moderators remove messages.");
        }
        return rooms.moderate(room.account(), room.peer(), message.stanzaId(), reason);
    }

    /** Takes back the user's own room message for everyone (XEP-0424): in the room, then here. */
    public CompletableFuture<Void> retractOwn(ChatMessage message) {
        ConversationKey room = message.conversation();
        if (room.kind() != ConversationKind.ROOM || !message.isOutgoing()) {
            return notAllowed("Only your own messages in a room can be taken back here.");
        }
        if (message.retracted()) {
            return CompletableFuture.completedFuture(null);
        }
        // XEP-0424 names a room message by the id the room gave it
        String target = message.stanzaId() != null && room.peer().value().equals(message.stanzaIdBy())
                ? message.stanzaId() : message.originId();
        if (target == null) {
            return notAllowed("This message has no id the room knows, so it cannot be taken back.");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        worker.execute(() -> {
            String originId = ids.get();
            try {
                rooms.retract(room.account(), room.peer(), target, originId);
            } catch (ChatPort.NotConnectedException e) {
                done.completeExceptionally(new RoomException(RoomProblem.NOT_CONNECTED, null));
                return;
            }
            try {
                StoredMessages result = messages.applyChange(new MessageChange(room, MessageChange.Kind.RETRACTION,
                        room.account().address(), target, "", ContentKind.TEXT, originId, null, null, null,
                        clock.instant()));
                publish(result);
                done.complete(null);
            } catch (ArchiveException e) {
                notice(e);
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /**
     * Invites {@code invitee}: through the room when it admits only members (so the room can let them in), else
     * directly (XEP-0249), which reaches clients that ignore mediated invitations.
     */
    public CompletableFuture<Void> invite(ConversationKey room, Address invitee, String reason) {
        boolean membersOnly = room(room.account(), room.peer()).map(RoomSnapshot::features)
                .map(RoomFeatures::membersOnly).orElse(false);
        try {
            rooms.invite(room.account(), room.peer(), invitee.bare(), reason, !membersOnly);
            return CompletableFuture.completedFuture(null);
        } catch (ChatPort.NotConnectedException e) {
            return CompletableFuture.failedFuture(new RoomException(RoomProblem.NOT_CONNECTED, null));
        }
    }

    /** Joins the room of the invitation with {@code nick}. */
    public CompletableFuture<RoomJoined> accept(RoomInvitation invitation, String nick) {
        return join(invitation.account(), invitation.room(), nick, invitation.password());
    }

    /** Declines; a direct invitation needs no answer, a mediated one is answered through the room. */
    public CompletableFuture<Void> decline(RoomInvitation invitation, String reason) {
        if (invitation.direct()) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            rooms.decline(invitation, reason);
            return CompletableFuture.completedFuture(null);
        } catch (ChatPort.NotConnectedException e) {
            return CompletableFuture.failedFuture(new RoomException(RoomProblem.NOT_CONNECTED, null));
        }
    }

    /** The private conversation with occupant {@code nick} of the room (kind ROOM_PRIVATE), created if new. */
    public ConversationKey openPrivate(ConversationKey room, String nick) {
        ConversationKey key = new ConversationKey(room.account(), Address.occupant(room.peer(), nick),
                ConversationKind.ROOM_PRIVATE);
        worker.execute(() -> {
            try {
                bus.publish(new ConversationChanged(conversations.open(key)));
            } catch (ArchiveException e) {
                notice(e);
            }
        });
        return key;
    }

    public CompletableFuture<Void> setNotificationLevel(ConversationKey room, NotificationLevel level) {
        Objects.requireNonNull(level, "level");
        CompletableFuture<Void> done = new CompletableFuture<>();
        worker.execute(() -> {
            try {
                bus.publish(new ConversationChanged(conversations.setNotificationLevel(room, level)));
                RoomState state = states.get(key(room.account(), room.peer()));
                if (state != null) {
                    state.notifications = level;
                    publish(state);
                }
                done.complete(null);
            } catch (ArchiveException e) {
                notice(e);
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** A nickname to offer when {@code taken} is already used in a room: the same with a number after it. */
    public String suggestNick(String taken) {
        String base = taken == null ? "" : taken.strip();
        int end = base.length();
        while (end > 0 && Character.isDigit(base.charAt(end - 1))) {
            end--;
        }
        if (end == base.length() || end == 0) {
            return (base.isEmpty() ? "guest" : base) + "2";
        }
        String digits = base.substring(end);
        try {
            return base.substring(0, end) + (Long.parseLong(digits) + 1);
        } catch (NumberFormatException tooLong) {
            return base + "_";
        }
    }

    // ---- joining ----

    /**
     * Asks the room what it keeps, then enters it: a room with an archive is caught up from it afterwards, one
     * without sends its history since the last message stored here.
     *
     * @param byUser the user asked (their bookmark is saved); false for rejoins and autojoin
     */
    private void enter(RoomState state, boolean byUser, CompletableFuture<RoomJoined> done) {
        int attempt = ++state.attempt;
        state.status = RoomStatus.JOINING;
        state.problem = null;
        publish(state);
        rooms.features(state.account, state.room)
                .handle((features, error) -> error == null ? features : null)
                .thenComposeAsync(features -> {
                    if (features != null) {
                        state.features = features;
                    }
                    return rooms.join(request(state, features));
                }, worker)
                .whenCompleteAsync((joined, error) -> {
                    if (attempt != state.attempt) {
                        // the user left (or a newer join began) meanwhile: this answer is not the current one
                        complete(done, joined, error);
                        return;
                    }
                    if (error != null) {
                        refused(state, Failures.unwrap(error), byUser);
                        done.completeExceptionally(Failures.unwrap(error));
                    } else {
                        joined(state, joined, byUser);
                        done.complete(joined);
                    }
                }, worker);
    }

    private RoomJoinRequest request(RoomState state, RoomFeatures features) {
        boolean archived = features != null ? features.archived()
                : state.features != null && state.features.archived();
        if (archived || features == null && state.features == null && !hasHistory(state)) {
            // the archive catch-up fetches it; a room we know nothing about (likely new) has none to send
            return new RoomJoinRequest(state.account, state.room, state.nick, state.password, null, 0);
        }
        return new RoomJoinRequest(state.account, state.room, state.nick, state.password, historySince(state),
                settings.maxJoinHistory());
    }

    private boolean hasHistory(RoomState state) {
        try {
            return !messages.page(state.conversation(), 0, 1).isEmpty();
        } catch (ArchiveException e) {
            return false;
        }
    }

    /** Join history from the newest message stored here (repeats are recognised), else the first window. */
    private Instant historySince(RoomState state) {
        try {
            List<ChatMessage> newest = messages.page(state.conversation(), 0, 1);
            if (!newest.isEmpty()) {
                return newest.getFirst().displayTime();
            }
        } catch (ArchiveException e) {
            LOG.log(Level.INFO, "newest message of " + state.room + " unknown: " + e.getMessage());
        }
        return clock.instant().minus(settings.firstWindow());
    }

    private void joined(RoomState state, RoomJoined joined, boolean byUser) {
        state.status = RoomStatus.JOINED;
        state.problem = null;
        state.nick = joined.nick();
        state.self = joined.self();
        state.features = joined.features();
        state.subject = joined.subject();
        state.occupants.clear();
        for (Occupant o : joined.occupants()) {
            state.occupants.put(o.nick(), o);
        }
        state.lastHeard = clock.instant();
        publish(state);
        history.roomJoined(state.account, state.room, state.identity(), joined.features().archived())
                .exceptionally(e -> {
                    LOG.log(Level.INFO, "catch-up of " + state.room + " stopped: " + Failures.reason(e));
                    return 0;
                });
        if (byUser) {
            keepBookmark(state, joined);
        }
        schedulePings();
    }

    /** Saves or updates the room's bookmark so the next sign-in joins it again, unless it already says so. */
    private void keepBookmark(RoomState state, RoomJoined joined) {
        Optional<Bookmark> kept = bookmarks.bookmark(state.account, state.room);
        String name = kept.map(Bookmark::name).orElse(joined.features().name());
        Bookmark wanted = new Bookmark(state.room, name, state.nick, state.password, true);
        if (kept.isPresent() && kept.get().equals(wanted)) {
            return;
        }
        bookmarks.save(state.account, wanted).exceptionally(e -> {
            bus.publish(new NoticeRaised(NoticeRaised.Level.WARNING, "Natter could not bookmark " + state.room
                    + ", so it will not join it again by itself at the next sign-in: " + Failures.reason(e)));
            return null;
        });
    }

    private void refused(RoomState state, Throwable error, boolean byUser) {
        String words = Failures.reason(error);
        if (error instanceof RoomException e && e.problem() == RoomProblem.NICK_TAKEN) {
            words = words + " Try " + suggestNick(state.nick) + ".";
        }
        boolean retryLater = error instanceof RoomException e
                && (e.problem() == RoomProblem.NOT_CONNECTED || e.problem() == RoomProblem.NO_ANSWER);
        if (retryLater && state.wanted) {
            // the next sign-in (or self-ping round) tries again
            state.status = RoomStatus.JOINING;
            state.problem = words;
            publish(state);
            return;
        }
        state.status = RoomStatus.FAILED;
        state.problem = words;
        state.wanted = false;
        publish(state);
        if (!byUser) {
            // nobody waits for the answer of a rejoin or an autojoin: say it
            bus.publish(new NoticeRaised(NoticeRaised.Level.WARNING,
                    "Natter could not join " + state.room + ": " + words));
        }
    }

    // ---- staying in ----

    private void signedIn(AccountId account, boolean resumed) {
        if (resumed) {
            // the session and its rooms survived the gap, unless a room gave up on the user meanwhile: ask
            for (RoomState state : roomsOf(account)) {
                if (state.wanted) {
                    afterResumption(state);
                }
            }
            return;
        }
        for (RoomState state : roomsOf(account)) {
            if (state.wanted) {
                enter(state, false, new CompletableFuture<>());
            }
        }
        bookmarks.autojoin(account).whenCompleteAsync((marked, error) -> {
            if (error != null) {
                LOG.log(Level.INFO, "bookmarks of " + account + " unavailable: " + Failures.reason(error));
                return;
            }
            for (Bookmark b : marked) {
                RoomState state = states.get(key(account, b.room()));
                if (state != null && (state.wanted || state.status == RoomStatus.JOINED)) {
                    continue;
                }
                RoomState fresh = state(account, b.room());
                fresh.nick = b.nick() != null && !b.nick().isBlank() ? b.nick() : defaultNick(account);
                fresh.password = b.password();
                fresh.wanted = true;
                loadNotificationLevel(fresh);
                enter(fresh, false, new CompletableFuture<>());
            }
        }, worker);
    }

    private void dropped(AccountId account) {
        for (RoomState state : roomsOf(account)) {
            if (state.wanted && state.status != RoomStatus.JOINING) {
                state.attempt++;
                state.status = RoomStatus.JOINING;
                state.occupants.clear();
                publish(state);
            }
        }
    }

    private void schedulePings() {
        if (pingScheduled) {
            return;
        }
        pingScheduled = true;
        scheduler.schedule(() -> worker.execute(this::pingRound), settings.selfPingEvery().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Asks every joined room that has been quiet for a while whether the user is still in it. */
    private void pingRound() {
        pingScheduled = false;
        Instant quietSince = clock.instant().minus(settings.selfPingEvery());
        boolean any = false;
        for (RoomState state : List.copyOf(states.values())) {
            if (state.status != RoomStatus.JOINED) {
                continue;
            }
            any = true;
            if (state.lastHeard == null || !state.lastHeard.isAfter(quietSince)) {
                ping(state);
            }
        }
        if (any) {
            schedulePings();
        }
    }

    private void afterResumption(RoomState state) {
        int attempt = state.attempt;
        rooms.selfPing(state.account, state.room).whenCompleteAsync((result, error) -> {
            if (attempt != state.attempt || !state.wanted) {
                return;
            }
            if (error == null && result == SelfPingResult.JOINED) {
                state.status = RoomStatus.JOINED;
                state.lastHeard = clock.instant();
                publish(state);
            } else {
                enter(state, false, new CompletableFuture<>());
            }
        }, worker);
    }

    private void ping(RoomState state) {
        if (!connection.isConnected(state.account)) {
            return;
        }
        int attempt = state.attempt;
        rooms.selfPing(state.account, state.room).whenCompleteAsync((result, error) -> {
            if (error != null || attempt != state.attempt || state.status != RoomStatus.JOINED) {
                return;
            }
            if (result == SelfPingResult.NOT_JOINED) {
                // the room forgot the user (a restart, a lost presence): join again, quietly
                LOG.log(Level.INFO, "self-ping: no longer in " + state.room + "; joining again");
                bus.publish(new RoomExited(new RoomExit(state.account, state.room, RoomExit.Kind.DROPPED, null,
                        null, null)));
                enter(state, false, new CompletableFuture<>());
            } else if (result == SelfPingResult.JOINED) {
                state.lastHeard = clock.instant();
            }
        }, worker);
    }

    // ---- what rooms say ----

    /** Callbacks arrive on the xmpp library's threads: each is handed to the worker at once. */
    private final class Heard implements RoomPort.Listener {
        @Override
        public void messageReceived(InboundMessage message) {
            worker.execute(() -> receive(message));
        }

        @Override
        public void occupantChanged(AccountId account, Occupant occupant) {
            worker.execute(() -> inRoom(account, occupant.room(), state -> {
                state.occupants.put(occupant.nick(), occupant);
                publish(state);
            }));
        }

        @Override
        public void occupantLeft(AccountId account, Occupant occupant, RoomExit.Kind kind, String reason) {
            worker.execute(() -> inRoom(account, occupant.room(), state -> {
                if (state.occupants.remove(occupant.nick()) != null) {
                    publish(state);
                }
            }));
        }

        @Override
        public void occupantRenamed(AccountId account, String oldNick, Occupant occupant) {
            worker.execute(() -> inRoom(account, occupant.room(), state -> {
                if (oldNick.equals(state.nick)) {
                    state.nick = occupant.nick();
                    state.self = occupant;
                    history.roomJoined(state.account, state.room, state.identity(), false);
                } else {
                    state.occupants.remove(oldNick);
                    state.occupants.put(occupant.nick(), occupant);
                }
                publish(state);
            }));
        }

        @Override
        public void subjectChanged(AccountId account, Address room, String subject, String by) {
            worker.execute(() -> inRoom(account, room, state -> {
                state.subject = subject;
                publish(state);
            }));
        }

        @Override
        public void selfChanged(AccountId account, Occupant self) {
            worker.execute(() -> inRoom(account, self.room(), state -> {
                state.self = self;
                publish(state);
            }));
        }

        @Override
        public void exited(RoomExit exit) {
            worker.execute(() -> out(exit));
        }

        @Override
        public void invitationReceived(RoomInvitation invitation) {
            worker.execute(() -> bus.publish(new InvitationReceived(invitation)));
        }

        @Override
        public void invitationDeclined(AccountId account, Address room, Address invitee, String reason) {
            worker.execute(() -> bus.publish(new NoticeRaised(NoticeRaised.Level.INFO, invitee
                    + " declined your invitation to " + room
                    + (reason == null || reason.isBlank() ? "." : ": " + sentence(reason)))));
        }
    }

    private void inRoom(AccountId account, Address room, java.util.function.Consumer<RoomState> change) {
        RoomState state = states.get(key(account, room.bare()));
        if (state == null || state.status == RoomStatus.LEFT || state.status == RoomStatus.FAILED) {
            return;
        }
        state.lastHeard = clock.instant();
        change.accept(state);
    }

    private void out(RoomExit exit) {
        RoomState state = states.get(key(exit.account(), exit.room()));
        if (state == null) {
            return;
        }
        if (exit.kind() == RoomExit.Kind.DROPPED) {
            if (state.wanted && state.status == RoomStatus.JOINED) {
                bus.publish(new RoomExited(exit));
                if (connection.isConnected(exit.account())) {
                    enter(state, false, new CompletableFuture<>());
                } else {
                    dropped(exit.account());
                }
            }
            return;
        }
        boolean wasWanted = state.wanted;
        state.wanted = false;
        state.attempt++;
        state.status = RoomStatus.LEFT;
        state.occupants.clear();
        state.problem = exit.kind() == RoomExit.Kind.LEFT ? null : exitWords(exit);
        publish(state);
        bus.publish(new RoomExited(exit));
        if (exit.kind() != RoomExit.Kind.LEFT || wasWanted) {
            // the user did not ask to leave: tell them why they are out
            bus.publish(new NoticeRaised(NoticeRaised.Level.WARNING, exitWords(exit)));
        }
        if (exit.kind() == RoomExit.Kind.BANNED || exit.kind() == RoomExit.Kind.DESTROYED) {
            // joining it again at every sign-in would fail each time
            bookmarks.bookmark(exit.account(), exit.room())
                    .filter(Bookmark::autojoin)
                    .ifPresent(b -> bookmarks.save(exit.account(), withAutojoin(b, false)).exceptionally(e -> null));
        }
    }

    /** Why the user is out of a room, in plain words. */
    static String exitWords(RoomExit exit) {
        String room = exit.room().value();
        String by = exit.actor() == null || exit.actor().isBlank() ? "" : " by " + exit.actor();
        String because = exit.reason() == null || exit.reason().isBlank() ? "." : ": " + sentence(exit.reason());
        return switch (exit.kind()) {
            case LEFT -> "You left " + room + ".";
            case KICKED -> "You were removed from " + room + by + because + " You can join it again.";
            case BANNED -> "You were banned from " + room + by + because;
            case MEMBERSHIP_LOST -> "You are no longer a member of " + room
                    + ", and it now admits only members" + because;
            case DESTROYED -> "The room " + room + " was closed" + because
                    + (exit.alternativeVenue() == null ? ""
                            : " Its people moved to " + exit.alternativeVenue() + ".");
            case SHUTDOWN -> "The room service of " + exit.room().domain() + " shut down, so you are out of "
                    + room + ".";
            case DROPPED -> "The connection to " + room + " was lost; Natter joins it again.";
        };
    }

    /** The reason as the end of a sentence: a full stop unless it has its own. */
    private static String sentence(String reason) {
        String r = reason.strip();
        char last = r.charAt(r.length() - 1);
        return last == '.' || last == '!' || last == '?' ? r : r + ".";
    }

    // ---- messages ----

    /**
     * Stores a room message (or a private message through a room) once, whichever road it came by, and tells the
     * UI. The room's reflection of the user's own message is that message: it is recognised by its origin-id, and
     * marks it delivered to the room.
     */
    private void receive(InboundMessage in) {
        RoomState state = states.get(key(in.account(), in.from().bare()));
        if (state != null) {
            state.lastHeard = clock.instant();
        }
        RoomMessages.Self self = state == null ? null : state.identity();
        try {
            boolean own = RoomMessages.isOwn(in, self, messages);
            if (in.changesAnother()) {
                publish(messages.applyChange(InboundMessages.toChange(in, clock.instant(), own)));
                return;
            }
            ChatMessage mapped = RoomMessages.toChatMessage(in, clock.instant(), self, messages);
            Optional<ChatMessage> stored;
            if (in.room() != null && in.room().joinHistory()) {
                // history on join may be long read: it counts as unread only after the read point
                stored = pages.storePage(List.of(mapped), null).stream().findFirst();
            } else {
                stored = messages.insert(mapped);
            }
            if (stored.isPresent()) {
                publishAdded(stored.get());
                answerReceipt(in);
            } else if (own && in.source() == MessageSource.LIVE && in.kind() == ConversationKind.ROOM
                    && mapped.originId() != null) {
                // the room sent the user's message to everyone
                messages.updateState(in.account(), mapped.originId(), DeliveryState.DELIVERED, null)
                        .ifPresent(m -> bus.publish(new MessageChanged(m)));
            }
        } catch (ArchiveException e) {
            // not stored: the room's archive (or its history at the next join) still has it
            notice(e);
        }
    }

    /**
     * A private message whose sender asked for a receipt gets one once it is stored (as a one-to-one message does);
     * only the device it was delivered to answers, not carbons or archive copies.
     */
    private void answerReceipt(InboundMessage in) {
        if (in.kind() == ConversationKind.ROOM_PRIVATE && in.source() == MessageSource.LIVE
                && in.direction() == Direction.INCOMING && in.receiptRequested() && in.messageId() != null
                && in.fromResource() != null) {
            rooms.sendPrivateReceipt(in.account(), in.from().bare(), in.fromResource(), in.messageId());
        }
    }

    private void publish(StoredMessages result) throws ArchiveException {
        result.changed().forEach(m -> bus.publish(new MessageChanged(m)));
        for (ChatMessage m : result.added()) {
            bus.publish(new MessageAdded(m));
        }
        List<ConversationKey> touched = new ArrayList<>();
        result.changed().forEach(m -> touched.add(m.conversation()));
        result.added().forEach(m -> touched.add(m.conversation()));
        for (ConversationKey key : touched.stream().distinct().toList()) {
            conversations.conversation(key).ifPresent(c -> bus.publish(new ConversationChanged(c)));
        }
    }

    private void publishAdded(ChatMessage stored) throws ArchiveException {
        bus.publish(new MessageAdded(stored));
        conversations.conversation(stored.conversation()).ifPresent(c -> bus.publish(new ConversationChanged(c)));
    }

    // ---- helpers ----

    private RoomState state(AccountId account, Address room) {
        return states.computeIfAbsent(key(account, room), k -> new RoomState(account, room));
    }

    private List<RoomState> roomsOf(AccountId account) {
        return states.values().stream().filter(s -> s.account.equals(account)).toList();
    }

    private void loadNotificationLevel(RoomState state) {
        try {
            state.notifications = conversations.open(state.conversation()).notifications();
        } catch (ArchiveException e) {
            LOG.log(Level.INFO, "notification level of " + state.room + " unknown: " + e.getMessage());
        }
    }

    private void publish(RoomState state) {
        RoomSnapshot snapshot = state.snapshot();
        snapshots.put(key(state.account, state.room), snapshot);
        bus.publish(new RoomChanged(state.account, state.room, snapshot));
    }

    private static List<Object> key(AccountId account, Address room) {
        return List.of(account, room.bare());
    }

    private static Bookmark withAutojoin(Bookmark b, boolean autojoin) {
        return new Bookmark(b.room(), b.name(), b.nick(), b.password(), autojoin);
    }

    private static String defaultNick(AccountId account) {
        return account.address().localpart().orElse(account.address().value());
    }

    private static <T> CompletableFuture<T> notAllowed(String words) {
        return CompletableFuture.failedFuture(new RoomException(RoomProblem.NOT_ALLOWED, words));
    }

    private static <T> void complete(CompletableFuture<T> done, T value, Throwable error) {
        if (error != null) {
            done.completeExceptionally(Failures.unwrap(error));
        } else {
            done.complete(value);
        }
    }

    private void notice(ArchiveException e) {
        LOG.log(Level.WARNING, e.getMessage(), e);
        bus.publish(new NoticeRaised(NoticeRaised.Level.ERROR, e.getMessage()));
    }

}
