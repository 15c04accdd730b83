package im.natter.service;

import im.natter.domain.event.ConversationChanged;
import im.natter.domain.event.HistorySyncProgress;
import im.natter.domain.event.MessageAdded;
import im.natter.domain.event.MessageChanged;
import im.natter.domain.event.NoticeRaised;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConnectionFailedException;
import im.natter.domain.model.ConnectionProblem;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.HistoryPage;
import im.natter.domain.model.HistoryQuery;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.MessageChange;
import im.natter.domain.model.StoredMessages;
import im.natter.domain.model.SyncState;
import im.natter.domain.port.ArchiveException;
import im.natter.domain.port.ConnectionPort;
import im.natter.domain.port.ConversationStore;
import im.natter.domain.port.HistoryPort;
import im.natter.domain.port.MessageStore;
import im.natter.domain.port.SyncStateStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Catches up with the server's archive (XEP-0313) after every sign-in that did not resume the previous session:
 * from the last archive id Natter stored, page by page, each page stored together with its cursor in one archive
 * transaction. Live messages arriving meanwhile go through the same unique keys, so nothing is doubled. The first
 * sign-in of an account fetches a bounded recent window instead of everything.
 *
 * <p>Pages are fetched one after the other on the xmpp layer's threads and stored on the service's serial
 * {@code worker}, so the UI never waits for a catch-up.
 */
public final class HistorySyncService {

    private static final System.Logger LOG = System.getLogger(HistorySyncService.class.getName());

    /**
     * @param firstWindow          how far back the first sign-in of an account reaches
     * @param maxPerConversation   at most this many messages per conversation on the first sign-in
     * @param pageSize             messages per archive request
     */
    public record Settings(Duration firstWindow, int maxPerConversation, int pageSize) {
        public static Settings standard() {
            return new Settings(Duration.ofDays(30), 1000, 100);
        }
    }

    /** How many local messages one look for the oldest archive id reads at a time. */
    private static final int LOCAL_SCAN_PAGE = 500;

    private final HistoryPort history;
    private final SyncStateStore syncStates;
    private final MessageStore messages;
    private final ConversationStore conversations;
    private final EventBus bus;
    private final Executor worker;
    private final Clock clock;
    private final Settings settings;
    /** Accounts with a catch-up under way; touched only on {@code worker}. */
    private final Set<AccountId> running = new LinkedHashSet<>();
    /** Catch-ups started again since the last sign-in because the server did not answer in time (worker only). */
    private final Map<AccountId, Integer> retries = new HashMap<>();
    private static final int MAX_RETRIES = 3;
    /** When a first-window catch-up began, per account; touched only on {@code worker}. */
    private final Map<AccountId, java.time.Instant> startedAt = new HashMap<>();
    /** Server and client clocks disagree a little; repeats from the overlap are recognised by their keys. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);
    /** Who the user is in each joined room ([account, room]), to recognise their own messages in its archive. */
    private final Map<List<Object>, RoomMessages.Self> roomSelves = new java.util.concurrent.ConcurrentHashMap<>();
    /** Whether each room ([account, room]) keeps an archive, as its last join said. */
    private final Map<List<Object>, Boolean> roomArchived = new java.util.concurrent.ConcurrentHashMap<>();
    /** Rooms ([account, room]) with a catch-up under way. */
    private final Set<List<Object>> roomsRunning = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Without a message store: catches up, but {@link #fetchOlder} always starts at the server's newest page. */
    public HistorySyncService(HistoryPort history, SyncStateStore syncStates, ConversationStore conversations,
            ConnectionPort connection, EventBus bus, Executor worker, Clock clock, Settings settings) {
        this(history, syncStates, null, conversations, connection, bus, worker, clock, settings);
    }

    /** @param messages where {@link #fetchOlder} looks up the oldest archive id stored for a conversation */
    public HistorySyncService(HistoryPort history, SyncStateStore syncStates, MessageStore messages,
            ConversationStore conversations, ConnectionPort connection, EventBus bus, Executor worker, Clock clock,
            Settings settings) {
        this.history = history;
        this.syncStates = syncStates;
        this.messages = messages;
        this.conversations = conversations;
        this.bus = bus;
        this.worker = worker;
        this.clock = clock;
        this.settings = settings;
        connection.addListener(new ConnectionPort.Listener() {
            @Override
            public void connected(AccountId account, boolean resumed) {
                // a resumed stream lost nothing: the server replays what we had not acknowledged
                if (!resumed) {
                    worker.execute(() -> {
                        retries.remove(account);
                        catchUp(account);
                    });
                }
            }

            @Override
            public void connectionLost(AccountId account, ConnectionProblem problem) {
                // a catch-up in progress fails on its next page and starts again on the next sign-in
            }
        });
    }

    /**
     * Scrolling back past the local history: asks the server for up to {@code max} messages with the conversation's
     * peer from before the oldest archive id stored for it (its newest page when none is), stores them without
     * moving the catch-up cursor, and publishes {@link MessageAdded} for those that were new.
     *
     * @return how many messages the server gave (new or not), or 0 when it has no older ones; fails with words
     *         for the user when the account is offline, the server keeps no archive, or the archive cannot store
     */
    public CompletableFuture<Integer> fetchOlder(ConversationKey key, int max) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        worker.execute(() -> {
            try {
                if (key.kind() == ConversationKind.ROOM) {
                    olderOfRoom(key, max, done);
                    return;
                }
                if (!history.isSupported(key.account())) {
                    done.completeExceptionally(new IllegalStateException(
                            "Older messages are not available: the server keeps no archive, or you are offline."));
                    return;
                }
                String before = oldestArchiveId(key).orElse("");
                history.fetch(HistoryQuery.before(key.account(), key.peer(), before, max))
                        .whenCompleteAsync((page, error) -> olderArrived(key, page, error, done), worker);
            } catch (ArchiveException e) {
                done.completeExceptionally(e);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private void olderArrived(ConversationKey key, HistoryPage page, Throwable error,
            CompletableFuture<Integer> done) {
        if (error != null) {
            LOG.log(Level.INFO, "older messages of " + key + " could not be fetched: " + Failures.reason(error));
            done.completeExceptionally(new IllegalStateException(
                    "Older messages could not be fetched from the server: " + Failures.reason(error), Failures.unwrap(error)));
            return;
        }
        try {
            // the peer filter is the server's; a result for another conversation is not this page's to store
            List<InboundMessage> ours = page.messages().stream()
                    .filter(m -> InboundMessages.conversation(m).equals(key)).toList();
            if (key.kind() == ConversationKind.ROOM) {
                storeRoom(key.account(), key.peer(), ours, null);
            } else {
                store(key.account(), ours, null);
            }
            done.complete(ours.size());
        } catch (ArchiveException e) {
            done.completeExceptionally(e);
        }
    }

    private void olderOfRoom(ConversationKey key, int max, CompletableFuture<Integer> done) throws ArchiveException {
        if (Boolean.FALSE.equals(roomArchived.get(List.of(key.account(), key.peer())))) {
            done.completeExceptionally(new IllegalStateException(
                    "Older messages are not available: this room keeps no archive."));
            return;
        }
        String before = oldestArchiveId(key).orElse("");
        history.fetch(HistoryQuery.roomBefore(key.account(), key.peer(), before, max))
                .whenCompleteAsync((page, error) -> olderArrived(key, page, error, done), worker);
    }

    /**
     * The user is in {@code room} (again): remembers who they are there and, when the room keeps an archive,
     * catches up with it from where the last catch-up stopped (the first time, a bounded recent window), each page
     * stored with its cursor in one transaction. Rooms without an archive send their history on join instead.
     *
     * @return how many messages were new, once caught up; fails with words when the room's archive or ours failed
     */
    CompletableFuture<Integer> roomJoined(AccountId account, Address room, RoomMessages.Self self,
            boolean archived) {
        List<Object> key = List.of(account, room);
        roomSelves.put(key, self);
        roomArchived.put(key, archived);
        CompletableFuture<Integer> done = new CompletableFuture<>();
        if (!archived) {
            done.complete(0);
            return done;
        }
        worker.execute(() -> catchUpRoom(account, room, done));
        return done;
    }

    private void catchUpRoom(AccountId account, Address room, CompletableFuture<Integer> done) {
        List<Object> key = List.of(account, room);
        if (!roomsRunning.add(key)) {
            done.complete(0); // the one under way stores everything this one would
            return;
        }
        done.whenComplete((n, error) -> roomsRunning.remove(key));
        java.time.Instant started = clock.instant();
        try {
            var state = syncStates.syncState(account, room);
            if (state.isEmpty()) {
                java.time.Instant start = started.minus(settings.firstWindow());
                roomWindow(account, room, HistoryQuery.roomNewestSince(account, room, start, settings.pageSize()),
                        null, 0, 0, started, done);
            } else if (state.get().lastArchiveId().isEmpty()) {
                // the room's archive was empty when we last looked: everything since then, oldest first
                roomForward(account, room, new HistoryQuery(account, room, null, null, null,
                        state.get().lastSynced().minus(CLOCK_MARGIN), settings.pageSize()), state.get(), 0, started,
                        done);
            } else {
                roomForward(account, room, HistoryQuery.roomAfter(account, room, state.get().lastArchiveId(),
                        settings.pageSize()), state.get(), 0, started, done);
            }
        } catch (ArchiveException e) {
            roomFailed(account, room, e, done);
        }
    }

    /** Pages forwards through the room's archive until it says it is complete, moving the cursor page by page. */
    private void roomForward(AccountId account, Address room, HistoryQuery query, SyncState from, int storedSoFar,
            java.time.Instant started, CompletableFuture<Integer> done) {
        history.fetch(query).whenCompleteAsync((page, error) -> {
            if (error != null && Failures.unwrap(error) instanceof java.util.NoSuchElementException) {
                // the room no longer knows our last id (its archive expired or was reset): take what it has since
                LOG.log(Level.INFO, "archive cursor of room " + room + " is gone; catching up by date");
                roomWindow(account, room, HistoryQuery.roomNewestSince(account, room,
                        from.lastSynced().minus(Duration.ofHours(1)), settings.pageSize()), null, 0, storedSoFar,
                        started, done);
                return;
            }
            if (error != null) {
                roomFailed(account, room, error, done);
                return;
            }
            try {
                String last = page.lastArchiveId();
                int stored = storedSoFar + storeRoom(account, room, page.messages(),
                        last == null ? null : new SyncState(account, room, last, clock.instant()));
                if (page.complete() || last == null) {
                    if (last == null && query.afterArchiveId() == null) {
                        rememberEmptyRoomArchive(account, room, started);
                    }
                    done.complete(stored);
                } else {
                    roomForward(account, room, HistoryQuery.roomAfter(account, room, last, settings.pageSize()),
                            from, stored, started, done);
                }
            } catch (ArchiveException e) {
                roomFailed(account, room, e, done);
            }
        }, worker);
    }

    /**
     * The first join (or a lost cursor): the newest page first, then backwards within the window, at most
     * {@code maxPerConversation} messages. The cursor is the newest id, stored with the first page, so the next
     * catch-up continues forwards from there.
     */
    private void roomWindow(AccountId account, Address room, HistoryQuery query, String newestId, int fetched,
            int storedSoFar, java.time.Instant started, CompletableFuture<Integer> done) {
        history.fetch(query).whenCompleteAsync((page, error) -> {
            if (error != null) {
                roomFailed(account, room, error, done);
                return;
            }
            try {
                String cursor = newestId != null ? newestId : page.lastArchiveId();
                List<InboundMessage> all = page.messages();
                int left = Math.max(0, settings.maxPerConversation() - fetched);
                // the page is oldest first and we walk backwards: keep its newest end
                List<InboundMessage> wanted = all.subList(Math.max(0, all.size() - left), all.size());
                int stored = storedSoFar + (cursor == null ? 0
                        : storeRoom(account, room, wanted, new SyncState(account, room, cursor, clock.instant())));
                int fetchedNow = fetched + all.size();
                if (page.complete() || page.firstArchiveId() == null
                        || fetchedNow >= settings.maxPerConversation()) {
                    if (cursor == null) {
                        rememberEmptyRoomArchive(account, room, started);
                    }
                    done.complete(stored);
                } else {
                    roomWindow(account, room, new HistoryQuery(account, room, null, null, page.firstArchiveId(),
                            query.start(), settings.pageSize()), cursor, fetchedNow, stored, started, done);
                }
            } catch (ArchiveException e) {
                roomFailed(account, room, e, done);
            }
        }, worker);
    }

    private void rememberEmptyRoomArchive(AccountId account, Address room, java.time.Instant since)
            throws ArchiveException {
        syncStates.storePage(List.of(), new SyncState(account, room, "", since));
    }

    /** The next join continues from the stored cursor; live messages go on meanwhile. */
    private void roomFailed(AccountId account, Address room, Throwable error, CompletableFuture<Integer> done) {
        LOG.log(Level.INFO, "catch-up of room " + room + " for " + account + " stopped: " + Failures.reason(error));
        if (Failures.unwrap(error) instanceof ArchiveException e) {
            bus.publish(new NoticeRaised(NoticeRaised.Level.ERROR, e.getMessage()));
        }
        done.completeExceptionally(Failures.unwrap(error));
    }

    /** Stores one page of a room's archive (with its cursor, or none) the way live room messages are stored. */
    private int storeRoom(AccountId account, Address room, List<InboundMessage> page, SyncState cursor)
            throws ArchiveException {
        RoomMessages.Self self = roomSelves.get(List.of(account, room));
        List<ChatMessage> mapped = new ArrayList<>(page.size());
        List<MessageChange> changes = new ArrayList<>();
        for (InboundMessage m : page) {
            if (m.changesAnother()) {
                changes.add(InboundMessages.toChange(m, clock.instant(), RoomMessages.isOwn(m, self, messages)));
            } else {
                mapped.add(RoomMessages.toChatMessage(m, clock.instant(), self, messages));
            }
        }
        return publish(syncStates.storePage(mapped, changes, cursor));
    }

    /** The archive id of the oldest stored message of the conversation that has one from its archive's owner. */
    private java.util.Optional<String> oldestArchiveId(ConversationKey key) throws ArchiveException {
        if (messages == null) {
            return java.util.Optional.empty();
        }
        // a room's archive is the room's; everything else is in the account's own
        String own = key.kind() == ConversationKind.ROOM ? key.peer().value() : key.account().address().value();
        String oldest = null;
        long before = 0;
        while (true) {
            List<ChatMessage> chunk = messages.page(key, before, LOCAL_SCAN_PAGE);
            for (ChatMessage m : chunk) { // oldest first: the first hit is the oldest of this chunk
                if (m.stanzaId() != null && own.equals(m.stanzaIdBy())) {
                    oldest = m.stanzaId();
                    break;
                }
            }
            if (chunk.size() < LOCAL_SCAN_PAGE) {
                return java.util.Optional.ofNullable(oldest);
            }
            before = chunk.getFirst().id();
        }
    }

    private void catchUp(AccountId account) {
        if (!running.add(account)) {
            return;
        }
        if (!history.isSupported(account)) {
            finish(account, 0, null);
            return;
        }
        try {
            var state = syncStates.syncState(account, null);
            if (state.isPresent()) {
                forward(account, state.get().lastArchiveId(), state.get().lastSynced(), 0);
            } else {
                startedAt.put(account, clock.instant());
                firstWindow(account);
            }
        } catch (ArchiveException e) {
            archiveFailed(account, 0, e);
        }
    }

    /**
     * Pages forwards from {@code afterId} until the archive says it is complete. An empty id means the archive had
     * nothing when we last looked: then everything since that time, oldest first, so messages are stored in the
     * order they were sent.
     */
    private void forward(AccountId account, String afterId, java.time.Instant lastSynced, int storedSoFar) {
        HistoryQuery first = afterId.isEmpty()
                ? new HistoryQuery(account, null, null, null, lastSynced.minus(CLOCK_MARGIN), settings.pageSize())
                : HistoryQuery.after(account, afterId, settings.pageSize());
        forward(account, prefetching(history.fetch(first),
                page -> page.complete() || page.lastArchiveId() == null ? null
                        : HistoryQuery.after(account, page.lastArchiveId(), settings.pageSize())),
                lastSynced, storedSoFar);
    }

    private void forward(AccountId account, Prefetched pending, java.time.Instant lastSynced, int storedSoFar) {
        pending.page().whenCompleteAsync((page, error) -> {
            if (error != null && Failures.unwrap(error) instanceof java.util.NoSuchElementException) {
                // the server no longer knows our last id (its archive expired or was reset): take everything
                // since we last synced, newest first; repeats are recognised by their keys
                LOG.log(Level.INFO, "archive cursor of " + account + " is gone; catching up by date");
                backwards(account, HistoryQuery.newestSince(account, null,
                        lastSynced.minus(Duration.ofHours(1)), settings.pageSize()), null, new HashMap<>(),
                        storedSoFar);
                return;
            }
            if (error != null) {
                failOrRetry(account, storedSoFar, error);
                return;
            }
            try {
                int stored = storedSoFar + store(account, page.messages(), page.lastArchiveId());
                bus.publish(new HistorySyncProgress(account, stored, false, null));
                Prefetched next = pending.next().join();
                if (next == null) {
                    finish(account, stored, null);
                } else {
                    forward(account, next, lastSynced, stored);
                }
            } catch (ArchiveException e) {
                archiveFailed(account, storedSoFar, e);
            }
        }, worker);
    }

    /**
     * A page being fetched, and the request for the page after it, which starts as soon as this one has arrived:
     * the server prepares the next page while this one is stored. Pages are still stored strictly in order (each
     * store runs on the serial worker after the previous one), so the cursor never passes an unstored page.
     */
    private record Prefetched(CompletableFuture<HistoryPage> page, CompletableFuture<Prefetched> next) {
    }

    private Prefetched prefetching(CompletableFuture<HistoryPage> page,
            java.util.function.Function<HistoryPage, HistoryQuery> following) {
        CompletableFuture<Prefetched> next = page.handle((p, error) -> {
            HistoryQuery q = error == null ? following.apply(p) : null;
            return q == null ? null : prefetching(history.fetch(q), following);
        });
        return new Prefetched(page, next);
    }

    /**
     * The first sign-in: newest page first, then backwards within the window, keeping at most
     * {@code maxPerConversation} per conversation. The cursor is the newest id, set with the first page, so the
     * next catch-up continues forwards from there.
     */
    private void firstWindow(AccountId account) {
        var start = clock.instant().minus(settings.firstWindow());
        backwards(account, HistoryQuery.newestSince(account, null, start, settings.pageSize()), null, new HashMap<>(),
                0);
    }

    private void backwards(AccountId account, HistoryQuery query, String newestId,
            Map<ConversationKey, Integer> perConversation, int storedSoFar) {
        backwards(account, prefetching(history.fetch(query),
                page -> page.complete() || page.firstArchiveId() == null ? null
                        : new HistoryQuery(account, null, null, page.firstArchiveId(), query.start(),
                                settings.pageSize())),
                newestId, perConversation, storedSoFar);
    }

    private void backwards(AccountId account, Prefetched pending, String newestId,
            Map<ConversationKey, Integer> perConversation, int storedSoFar) {
        pending.page().whenCompleteAsync((page, error) -> {
            if (error != null) {
                failOrRetry(account, storedSoFar, error);
                return;
            }
            try {
                String cursor = newestId != null ? newestId : page.lastArchiveId();
                List<InboundMessage> wanted = withinLimit(page, perConversation);
                int stored = storedSoFar + (cursor == null ? 0 : store(account, wanted, cursor));
                bus.publish(new HistorySyncProgress(account, stored, false, null));
                boolean full = !perConversation.isEmpty() && perConversation.values().stream()
                        .allMatch(n -> n >= settings.maxPerConversation());
                Prefetched next = full ? null : pending.next().join();
                if (next == null) {
                    if (cursor == null) {
                        rememberEmptyArchive(account);
                    }
                    finish(account, stored, null);
                } else {
                    backwards(account, next, cursor, perConversation, stored);
                }
            } catch (ArchiveException e) {
                archiveFailed(account, storedSoFar, e);
            }
        }, worker);
    }

    private List<InboundMessage> withinLimit(HistoryPage page, Map<ConversationKey, Integer> perConversation) {
        List<InboundMessage> wanted = new ArrayList<>();
        // the page is oldest first and we walk backwards: count from its newest end
        for (int i = page.messages().size() - 1; i >= 0; i--) {
            InboundMessage m = page.messages().get(i);
            ConversationKey key = ConversationKey.chat(m.account(), m.peer());
            int n = perConversation.merge(key, 1, Integer::sum);
            if (n <= settings.maxPerConversation()) {
                wanted.addFirst(m);
            }
        }
        return wanted;
    }

    /** Stores one page with the cursor in one transaction and tells the UI about what was new. */
    private int store(AccountId account, List<InboundMessage> page, String cursorId) throws ArchiveException {
        List<ChatMessage> mapped = new ArrayList<>(page.size());
        List<MessageChange> changes = new ArrayList<>();
        for (InboundMessage m : page) {
            if (m.changesAnother()) {
                changes.add(InboundMessages.toChange(m, clock.instant()));
            } else {
                mapped.add(InboundMessages.toChatMessage(m, clock.instant()));
            }
        }
        // no cursor: a page fetched while scrolling back must not rewind the catch-up
        return publish(syncStates.storePage(mapped, changes,
                cursorId == null ? null : new SyncState(account, null, cursorId, clock.instant())));
    }

    /** Tells the UI what a stored page added and changed; returns how many messages were new. */
    private int publish(StoredMessages result) throws ArchiveException {
        List<ChatMessage> added = result.added();
        Set<ConversationKey> touched = new LinkedHashSet<>();
        for (ChatMessage m : added) {
            bus.publish(new MessageAdded(m));
            touched.add(m.conversation());
        }
        for (ChatMessage m : result.changed()) {
            bus.publish(new MessageChanged(m));
            touched.add(m.conversation());
        }
        for (ConversationKey key : touched) {
            conversations.conversation(key).ifPresent(c -> bus.publish(new ConversationChanged(c)));
        }
        return added.size();
    }

    /**
     * The archive had nothing for the first window: remember when we looked, so the next catch-up pages forwards
     * from then instead of starting a newest-first window again (which would store pages out of order).
     */
    private void rememberEmptyArchive(AccountId account) throws ArchiveException {
        java.time.Instant since = startedAt.getOrDefault(account, clock.instant());
        syncStates.storePage(List.of(), new SyncState(account, null, "", since));
    }

    private void finish(AccountId account, int stored, String problem) {
        startedAt.remove(account);
        running.remove(account);
        bus.publish(new HistorySyncProgress(account, stored, true, problem));
    }

    /**
     * A page that did not come in time, on a connection that is still up (a server busy just after a restart):
     * the catch-up starts again from the stored cursor, a few times; the wait for the answer spaces the tries.
     */
    private void failOrRetry(AccountId account, int stored, Throwable error) {
        boolean timedOut = Failures.unwrap(error) instanceof ConnectionFailedException failed
                && failed.problem().kind() == ConnectionProblem.Kind.TIMED_OUT;
        int tries = retries.merge(account, 1, Integer::sum);
        if (timedOut && tries <= MAX_RETRIES && history.isSupported(account)) {
            LOG.log(Level.INFO, "history catch-up of " + account + " timed out; trying again (" + tries + ")");
            running.remove(account);
            catchUp(account);
            return;
        }
        fail(account, stored, Failures.reason(error));
    }

    /** The server or the connection failed: the next sign-in continues from the stored cursor. */
    private void fail(AccountId account, int stored, String problem) {
        LOG.log(Level.INFO, "history catch-up of " + account + " stopped: " + problem);
        finish(account, stored, problem);
    }

    private void archiveFailed(AccountId account, int stored, ArchiveException e) {
        fail(account, stored, e.getMessage());
        bus.publish(new NoticeRaised(NoticeRaised.Level.ERROR, e.getMessage()));
    }

}
