package im.natter.service;

import im.natter.domain.event.HistorySyncProgress;
import im.natter.domain.event.MessageAdded;
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
import im.natter.domain.model.PagePosition;
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
import java.util.concurrent.TimeUnit;

/**
 * Catches up with the server's archive (XEP-0313) after every sign-in that did not resume the previous session:
 * from the last archive id Natter stored, page by page, each page stored together with its cursor in one archive
 * transaction. Live messages arriving meanwhile go through the same unique keys, so nothing is doubled. The first
 * sign-in of an account fetches a bounded recent window instead of everything. Rooms keep archives of their own,
 * caught up on each join ({@link RoomCatchUp}).
 *
 * <p>Pages are fetched on the xmpp layer's threads (the next one while the last is stored) and stored on the serial
 * service {@code worker}, so the UI never waits for a catch-up.
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

    private final HistoryPort history;
    private final SyncStateStore syncStates;
    private final EventBus bus;
    private final Executor worker;
    private final Clock clock;
    private final Settings settings;
    private final ArchivePages pages;
    private final RoomCatchUp rooms;
    /** Accounts with a catch-up under way; touched only on {@code worker}. */
    private final Set<AccountId> running = new LinkedHashSet<>();
    /** Accounts whose last catch-up stopped before the archive's end (worker thread only). */
    private final Set<AccountId> unfinished = new LinkedHashSet<>();
    /** Catch-ups started again since the last sign-in because the server did not answer in time (worker only). */
    private final Map<AccountId, Integer> retries = new HashMap<>();
    private static final int MAX_RETRIES = 3;
    /** When a first-window catch-up began, per account; touched only on {@code worker}. */
    private final Map<AccountId, java.time.Instant> startedAt = new HashMap<>();
    /** Server and client clocks disagree a little; repeats from the overlap are recognised by their keys. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);
    /** Completed when catch-ups may run; held while a starting UI has not settled ({@link #holdWhileUiStarts}). */
    private volatile CompletableFuture<Void> uiSettled = CompletableFuture.completedFuture(null);
    private volatile Duration longestHold = Duration.ZERO;

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
        this.bus = bus;
        this.worker = worker;
        this.clock = clock;
        this.settings = settings;
        this.pages = new ArchivePages(history, syncStates, messages, conversations, bus);
        this.rooms = new RoomCatchUp(history, syncStates, messages, pages, bus, worker, clock, settings);
        connection.addListener(new ConnectionPort.Listener() {
            @Override
            public void connected(AccountId account, boolean resumed) {
                // a resumed stream lost nothing: the server replays what we had not acknowledged; but a catch-up
                // the break cut off (the account's or a room's) is not started again by anything, so it goes on
                // from its cursor now
                if (!resumed) {
                    afterUiSettled(() -> worker.execute(() -> {
                        retries.remove(account);
                        catchUp(account);
                    }));
                } else {
                    worker.execute(() -> {
                        if (unfinished.contains(account)) {
                            retries.remove(account);
                            catchUp(account);
                        }
                    });
                    rooms.resumed(account);
                }
            }

            @Override
            public void connectionLost(AccountId account, ConnectionProblem problem) {
                // a catch-up in progress fails on its next page and starts again on the next sign-in
            }
        });
    }

    /**
     * A UI is starting: the catch-ups of sign-ins from now until it {@link #uiSettled() has settled} wait for that,
     * at most {@code longest} after the first of them. A first start styles its window and views in a JVM that has
     * run none of their code yet; on a small machine a catch-up beside it (the server's answers, storing them, the
     * rows they add) takes the cores those frames need. Messages that arrive live are not held, the archive is on
     * screen already, and a user who opens a conversation settles the UI at once.
     */
    public void holdWhileUiStarts(Duration longest) {
        if (longest.isNegative() || longest.isZero()) {
            throw new IllegalArgumentException("longest must be positive");
        }
        longestHold = longest;
        uiSettled = new CompletableFuture<>();
    }

    /** The starting UI has settled: held catch-ups start now, later ones are not held. Any thread; never blocks. */
    public void uiSettled() {
        uiSettled.complete(null);
    }

    private void afterUiSettled(Runnable start) {
        CompletableFuture<Void> settled = uiSettled;
        if (!settled.isDone()) {
            // the bound counts from a sign-in, not from the start: a first sign-in may follow minutes of typing
            settled.completeOnTimeout(null, longestHold.toMillis(), TimeUnit.MILLISECONDS);
        }
        settled.thenRun(start);
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
                boolean room = key.kind() == ConversationKind.ROOM;
                if (room && rooms.keepsNoArchive(key.account(), key.peer())) {
                    done.completeExceptionally(new IllegalStateException(
                            "Older messages are not available: this room keeps no archive."));
                    return;
                }
                if (!room && !history.isSupported(key.account())) {
                    done.completeExceptionally(new IllegalStateException(
                            "Older messages are not available: the server keeps no archive, or you are offline."));
                    return;
                }
                var oldest = pages.oldestArchived(key);
                String before = oldest.map(ChatMessage::stanzaId).orElse("");
                HistoryQuery query = room ? HistoryQuery.roomBefore(key.account(), key.peer(), before, max)
                        : HistoryQuery.before(key.account(), key.peer(), before, max);
                PagePosition position = oldest.map(m -> PagePosition.before(List.of(m)))
                        .orElse(PagePosition.UNKNOWN);
                history.fetch(query)
                        .whenCompleteAsync((page, error) -> olderArrived(key, page, error, position, done), worker);
            } catch (ArchiveException e) {
                done.completeExceptionally(e);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private void olderArrived(ConversationKey key, HistoryPage page, Throwable error, PagePosition position,
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
            ArchivePages.Mapped mapped = key.kind() == ConversationKind.ROOM
                    ? rooms.map(key.account(), key.peer(), ours) : map(ours);
            // no cursor: a page fetched while scrolling back must not rewind the catch-up
            pages.store(mapped, null, position);
            done.complete(ours.size());
        } catch (ArchiveException e) {
            done.completeExceptionally(e);
        }
    }

    /**
     * The user is in {@code room} (again): remembers who they are there and, when the room keeps an archive,
     * catches up with it (see {@link RoomCatchUp}): the first time a bounded recent window, later the newest page
     * first and then the gap since the last catch-up. Rooms without an archive send their history on join instead.
     *
     * @return how many messages were new, once caught up; fails with words when the room's archive or ours failed
     */
    CompletableFuture<Integer> roomJoined(AccountId account, Address room, RoomMessages.Self self,
            boolean archived) {
        return rooms.joined(account, room, self, archived);
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
        forward(account, pages.prefetching(history.fetch(first),
                page -> page.complete() || page.lastArchiveId() == null ? null
                        : HistoryQuery.after(account, page.lastArchiveId(), settings.pageSize())),
                lastSynced, storedSoFar);
    }

    private void forward(AccountId account, ArchivePages.Prefetched pending, java.time.Instant lastSynced,
            int storedSoFar) {
        pending.page().whenCompleteAsync((page, error) -> {
            if (error != null && Failures.unwrap(error) instanceof java.util.NoSuchElementException) {
                // the server no longer knows our last id (its archive expired or was reset): take everything
                // since we last synced, newest first; repeats are recognised by their keys
                LOG.log(Level.INFO, "archive cursor of " + account + " is gone; catching up by date");
                backwards(account, HistoryQuery.newestSince(account, null,
                        lastSynced.minus(Duration.ofHours(1)), settings.pageSize()), null, new HashMap<>(),
                        new HashMap<>(), storedSoFar);
                return;
            }
            if (error != null) {
                failOrRetry(account, storedSoFar, error);
                return;
            }
            try {
                int stored = storedSoFar + pages.store(map(page.messages()), cursor(account, page.lastArchiveId()),
                        PagePosition.UNKNOWN);
                bus.publish(new HistorySyncProgress(account, stored, false, null));
                ArchivePages.Prefetched next = pending.next().join();
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
     * The first sign-in: newest page first, then backwards within the window, keeping at most
     * {@code maxPerConversation} per conversation. The cursor is the newest id, set with the first page, so the
     * next catch-up continues forwards from there.
     */
    private void firstWindow(AccountId account) {
        var start = clock.instant().minus(settings.firstWindow());
        backwards(account, HistoryQuery.newestSince(account, null, start, settings.pageSize()), null, new HashMap<>(),
                new HashMap<>(), 0);
    }

    private void backwards(AccountId account, HistoryQuery query, String newestId,
            Map<ConversationKey, Integer> perConversation, Map<ConversationKey, ChatMessage> newer,
            int storedSoFar) {
        backwards(account, pages.prefetching(history.fetch(query),
                page -> page.complete() || page.firstArchiveId() == null ? null
                        : new HistoryQuery(account, null, null, page.firstArchiveId(), query.start(),
                                settings.pageSize())),
                newestId, perConversation, newer, storedSoFar);
    }

    /**
     * @param newer per conversation, the oldest message the newer pages stored: the neighbour beyond this page,
     *              before which its messages of the same second go
     */
    private void backwards(AccountId account, ArchivePages.Prefetched pending, String newestId,
            Map<ConversationKey, Integer> perConversation, Map<ConversationKey, ChatMessage> newer,
            int storedSoFar) {
        pending.page().whenCompleteAsync((page, error) -> {
            if (error != null) {
                failOrRetry(account, storedSoFar, error);
                return;
            }
            try {
                String cursor = newestId != null ? newestId : page.lastArchiveId();
                ArchivePages.Mapped wanted = map(withinLimit(page, perConversation));
                PagePosition position = newer.isEmpty() ? PagePosition.UNKNOWN
                        : PagePosition.before(List.copyOf(newer.values()));
                int stored = storedSoFar
                        + (cursor == null ? 0 : pages.store(wanted, cursor(account, cursor), position));
                Map<ConversationKey, ChatMessage> oldestOfPage = new HashMap<>();
                for (ChatMessage m : wanted.messages()) {
                    oldestOfPage.putIfAbsent(m.conversation(), m);
                }
                newer.putAll(oldestOfPage);
                bus.publish(new HistorySyncProgress(account, stored, false, null));
                boolean full = !perConversation.isEmpty() && perConversation.values().stream()
                        .allMatch(n -> n >= settings.maxPerConversation());
                ArchivePages.Prefetched next = full ? null : pending.next().join();
                if (next == null) {
                    if (cursor == null) {
                        rememberEmptyArchive(account);
                    }
                    finish(account, stored, null);
                } else {
                    backwards(account, next, cursor, perConversation, newer, stored);
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

    /** A page of the account's own archive as the archive stores it. */
    private ArchivePages.Mapped map(List<InboundMessage> page) {
        List<ChatMessage> mapped = new ArrayList<>(page.size());
        List<MessageChange> changes = new ArrayList<>();
        for (InboundMessage m : page) {
            if (m.changesAnother()) {
                changes.add(InboundMessages.toChange(m, clock.instant()));
            } else {
                mapped.add(InboundMessages.toChatMessage(m, clock.instant()));
            }
        }
        return new ArchivePages.Mapped(mapped, changes);
    }

    /** The own archive's cursor at {@code archiveId}; none (the cursor stays) when the page was empty. */
    private SyncState cursor(AccountId account, String archiveId) {
        return archiveId == null ? null : new SyncState(account, null, archiveId, clock.instant());
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
        if (problem == null) {
            unfinished.remove(account);
        } else {
            unfinished.add(account);
        }
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
