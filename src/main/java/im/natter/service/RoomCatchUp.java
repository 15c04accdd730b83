package im.natter.service;

import im.natter.domain.event.NoticeRaised;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.HistoryPage;
import im.natter.domain.model.HistoryQuery;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.MessageChange;
import im.natter.domain.model.PagePosition;
import im.natter.domain.model.SyncState;
import im.natter.domain.port.ArchiveException;
import im.natter.domain.port.HistoryPort;
import im.natter.domain.port.MessageStore;
import im.natter.domain.port.SyncStateStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Catches up with a room's archive (XEP-0313 on the room) each time the user is in the room again. A room seen
 * before shows the present at once: its newest page is stored first, then the gap between the stored cursor and
 * that page is filled oldest first, each page stored with the cursor it reaches, until the pages reach the newest
 * one. The cursor never passes a page that is not stored: a fill cut off (the connection lost, Natter closed)
 * continues from it at the next join, and the pages it repeats are recognised by the room's stanza-ids. The first
 * join takes a bounded recent window, newest page first.
 *
 * <p>Every page is stored with where it lies among what is stored ({@link PagePosition}), so that a room's whole
 * second stamps keep the archive's order across pages stored out of order.
 */
final class RoomCatchUp {

    private static final System.Logger LOG = System.getLogger(RoomCatchUp.class.getName());

    /** Server and client clocks disagree a little; repeats from the overlap are recognised by their keys. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);

    private final HistoryPort history;
    private final SyncStateStore syncStates;
    private final MessageStore messages;
    private final ArchivePages pages;
    private final EventBus bus;
    private final Executor worker;
    private final Clock clock;
    private final HistorySyncService.Settings settings;
    /** Who the user is in each joined room ([account, room]), to recognise their own messages in its archive. */
    private final Map<List<Object>, RoomMessages.Self> selves = new ConcurrentHashMap<>();
    /** Whether each room ([account, room]) keeps an archive, as its last join said. */
    private final Map<List<Object>, Boolean> archived = new ConcurrentHashMap<>();
    /** Rooms ([account, room]) with a catch-up under way. */
    private final Set<List<Object>> running = ConcurrentHashMap.newKeySet();
    /** Rooms ([account, room]) whose last catch-up stopped before it was done (the connection went, say). */
    private final Set<List<Object>> unfinished = ConcurrentHashMap.newKeySet();

    RoomCatchUp(HistoryPort history, SyncStateStore syncStates, MessageStore messages, ArchivePages pages,
            EventBus bus, Executor worker, Clock clock, HistorySyncService.Settings settings) {
        this.history = history;
        this.syncStates = syncStates;
        this.messages = messages;
        this.pages = pages;
        this.bus = bus;
        this.worker = worker;
        this.clock = clock;
        this.settings = settings;
    }

    /** See {@link HistorySyncService#roomJoined}. */
    CompletableFuture<Integer> joined(AccountId account, Address room, RoomMessages.Self self, boolean keepsArchive) {
        List<Object> key = List.of(account, room);
        selves.put(key, self);
        archived.put(key, keepsArchive);
        CompletableFuture<Integer> done = new CompletableFuture<>();
        if (!keepsArchive) {
            done.complete(0);
            return done;
        }
        worker.execute(() -> catchUp(account, room, done));
        return done;
    }

    /**
     * The account's session came back without a new sign-in (resumed): the rooms are still joined, so nothing joins
     * them again; the catch-ups the break cut off continue from their stored cursors now.
     */
    void resumed(AccountId account) {
        for (List<Object> key : List.copyOf(unfinished)) {
            if (key.getFirst().equals(account) && Boolean.TRUE.equals(archived.get(key))) {
                worker.execute(() -> catchUp(account, (Address) key.get(1), new CompletableFuture<>()));
            }
        }
    }

    /** Whether the room's last join said it keeps no archive. */
    boolean keepsNoArchive(AccountId account, Address room) {
        return Boolean.FALSE.equals(archived.get(List.of(account, room)));
    }

    /** A page of the room's archive the way live room messages are stored: the user's own ones recognised. */
    ArchivePages.Mapped map(AccountId account, Address room, List<InboundMessage> page) throws ArchiveException {
        RoomMessages.Self self = selves.get(List.of(account, room));
        List<ChatMessage> mapped = new ArrayList<>(page.size());
        List<MessageChange> changes = new ArrayList<>();
        for (InboundMessage m : page) {
            if (m.changesAnother()) {
                changes.add(InboundMessages.toChange(m, clock.instant(), RoomMessages.isOwn(m, self, messages)));
            } else {
                mapped.add(RoomMessages.toChatMessage(m, clock.instant(), self, messages));
            }
        }
        return new ArchivePages.Mapped(mapped, changes);
    }

    private void catchUp(AccountId account, Address room, CompletableFuture<Integer> done) {
        List<Object> key = List.of(account, room);
        if (!running.add(key)) {
            done.complete(0); // the one under way stores everything this one would
            return;
        }
        done.whenComplete((n, error) -> {
            running.remove(key);
            if (error == null) {
                unfinished.remove(key);
            } else {
                unfinished.add(key);
            }
        });
        Instant started = clock.instant();
        try {
            var state = syncStates.syncState(account, room);
            if (state.isEmpty()) {
                Instant start = started.minus(settings.firstWindow());
                window(account, room, HistoryQuery.roomNewestSince(account, room, start, settings.pageSize()), null,
                        List.of(), 0, 0, done);
            } else {
                newestFirst(account, room, state.get(), started, done);
            }
        } catch (ArchiveException e) {
            failed(account, room, e, done);
        }
    }

    /**
     * A room seen before: its newest page, and when that does not reach back to the stored cursor, the gap behind
     * it. An empty cursor means the room's archive was empty when last read: then everything since that time.
     */
    private void newestFirst(AccountId account, Address room, SyncState from, Instant started,
            CompletableFuture<Integer> done) {
        boolean wasEmpty = from.lastArchiveId().isEmpty();
        Instant since = wasEmpty ? from.lastSynced().minus(CLOCK_MARGIN) : null;
        history.fetch(HistoryQuery.roomNewestSince(account, room, since, settings.pageSize()))
                .whenCompleteAsync((newest, error) -> {
                    if (error != null) {
                        failed(account, room, error, done);
                        return;
                    }
                    try {
                        newestArrived(account, room, from, since, newest, started, done);
                    } catch (ArchiveException e) {
                        failed(account, room, e, done);
                    }
                }, worker);
    }

    private void newestArrived(AccountId account, Address room, SyncState from, Instant since, HistoryPage newest,
            Instant started, CompletableFuture<Integer> done) throws ArchiveException {
        if (newest.lastArchiveId() == null) {
            // nothing there (since then): remember when we looked, so the next join reads forwards from then
            rememberEmptyArchive(account, room, started);
            done.complete(0);
            return;
        }
        List<InboundMessage> all = newest.messages();
        int cursorAt = indexOf(all, from.lastArchiveId());
        if (cursorAt >= 0 || newest.complete()) {
            // the newest page reaches back to the cursor: it is the whole catch-up
            List<InboundMessage> after = all.subList(cursorAt + 1, all.size());
            done.complete(pages.store(map(account, room, after), cursor(account, room, newest.lastArchiveId()),
                    PagePosition.AFTER_CURSOR));
            return;
        }
        // the present first, without moving the cursor: the gap behind it is not stored yet
        int ahead = pages.store(map(account, room, all), null, PagePosition.UNKNOWN);
        HistoryQuery gap = since != null
                ? new HistoryQuery(account, room, null, null, null, since, settings.pageSize())
                : HistoryQuery.roomAfter(account, room, from.lastArchiveId(), settings.pageSize());
        forward(account, room, gap, from, newest, ahead, done);
    }

    /**
     * Fills the gap behind the newest page, stored {@code ahead}: pages forwards through the room's archive, moving
     * the cursor page by page, until a page reaches the one ahead (then the cursor moves to that one's end) or the
     * archive says it is complete.
     */
    private void forward(AccountId account, Address room, HistoryQuery query, SyncState from, HistoryPage ahead,
            int storedSoFar, CompletableFuture<Integer> done) {
        Set<String> aheadIds = archiveIds(ahead);
        ArchivePages.Prefetched first = pages.prefetching(history.fetch(query), page -> {
            Reach reach = Reach.of(page, ahead, aheadIds);
            boolean last = page.complete() || page.lastArchiveId() == null || reach == Reach.INTO;
            return last ? null : HistoryQuery.roomAfter(account, room, page.lastArchiveId(), settings.pageSize());
        });
        forward(account, room, first, from, ahead, aheadIds, storedSoFar, done);
    }

    private void forward(AccountId account, Address room, ArchivePages.Prefetched pending, SyncState from,
            HistoryPage ahead, Set<String> aheadIds, int storedSoFar, CompletableFuture<Integer> done) {
        pending.page().whenCompleteAsync((page, error) -> {
            if (error != null && Failures.unwrap(error) instanceof NoSuchElementException) {
                // the room no longer knows our last id (its archive expired or was reset): take what it has since
                LOG.log(Level.INFO, "archive cursor of room " + room + " is gone; catching up by date");
                window(account, room, HistoryQuery.roomNewestSince(account, room,
                        from.lastSynced().minus(Duration.ofHours(1)), settings.pageSize()), null, List.of(), 0,
                        storedSoFar, done);
                return;
            }
            if (error != null) {
                failed(account, room, error, done);
                return;
            }
            try {
                String last = page.lastArchiveId();
                if (last == null) {
                    done.complete(storedSoFar); // the archive changed under us; the next join looks again
                    return;
                }
                Reach reach = Reach.of(page, ahead, aheadIds);
                // a page that reaches into the newest one fills the gap: the cursor may pass that one too
                String cursor = reach == Reach.INTO ? ahead.lastArchiveId() : last;
                int stored = storedSoFar + pages.store(map(account, room, page.messages()),
                        cursor(account, room, cursor), PagePosition.AFTER_CURSOR);
                ArchivePages.Prefetched next = page.complete() || reach == Reach.INTO ? null : pending.next().join();
                if (next == null) {
                    done.complete(stored);
                } else {
                    forward(account, room, next, from, ahead, aheadIds, stored, done);
                }
            } catch (ArchiveException e) {
                failed(account, room, e, done);
            }
        }, worker);
    }

    /** How far a page of the gap reaches towards the newest page stored ahead of it. */
    private enum Reach {
        /** Not there yet. */
        SHORT,
        /** Into the page ahead, not past its end: the gap is filled. */
        INTO,
        /** To the end of the page ahead or past it: what came after it (live, meanwhile) follows. */
        PAST;

        static Reach of(HistoryPage page, HistoryPage ahead, Set<String> aheadIds) {
            boolean into = false;
            for (InboundMessage m : page.messages()) {
                if (ahead.lastArchiveId().equals(m.archiveId())) {
                    return PAST;
                }
                into |= aheadIds.contains(m.archiveId());
            }
            return into ? INTO : SHORT;
        }
    }

    /**
     * The first join (or a lost cursor): the newest page first, then backwards within the window, at most
     * {@code maxPerConversation} messages. The cursor is the newest id, stored with the first page, so the next
     * catch-up continues forwards from there.
     *
     * @param newer the messages of the page stored just before (newer than this one), oldest first
     */
    private void window(AccountId account, Address room, HistoryQuery query, String newestId,
            List<ChatMessage> newer, int fetched, int storedSoFar, CompletableFuture<Integer> done) {
        Instant started = clock.instant();
        history.fetch(query).whenCompleteAsync((page, error) -> {
            if (error != null) {
                failed(account, room, error, done);
                return;
            }
            try {
                String cursor = newestId != null ? newestId : page.lastArchiveId();
                List<InboundMessage> all = page.messages();
                int left = Math.max(0, settings.maxPerConversation() - fetched);
                // the page is oldest first and we walk backwards: keep its newest end
                List<InboundMessage> wanted = all.subList(Math.max(0, all.size() - left), all.size());
                ArchivePages.Mapped mapped = map(account, room, wanted);
                int stored = storedSoFar + (cursor == null ? 0
                        : pages.store(mapped, cursor(account, room, cursor),
                                newer.isEmpty() ? PagePosition.UNKNOWN : PagePosition.before(newer)));
                int fetchedNow = fetched + all.size();
                if (page.complete() || page.firstArchiveId() == null
                        || fetchedNow >= settings.maxPerConversation()) {
                    if (cursor == null) {
                        rememberEmptyArchive(account, room, started);
                    }
                    done.complete(stored);
                } else {
                    window(account, room, new HistoryQuery(account, room, null, null, page.firstArchiveId(),
                            query.start(), settings.pageSize()), cursor, mapped.messages(), fetchedNow, stored,
                            done);
                }
            } catch (ArchiveException e) {
                failed(account, room, e, done);
            }
        }, worker);
    }

    private SyncState cursor(AccountId account, Address room, String archiveId) {
        return new SyncState(account, room, archiveId, clock.instant());
    }

    private void rememberEmptyArchive(AccountId account, Address room, Instant since) throws ArchiveException {
        syncStates.storePage(List.of(), new SyncState(account, room, "", since));
    }

    /** The next join continues from the stored cursor; live messages go on meanwhile. */
    private void failed(AccountId account, Address room, Throwable error, CompletableFuture<Integer> done) {
        LOG.log(Level.INFO, "catch-up of room " + room + " for " + account + " stopped: " + Failures.reason(error));
        if (Failures.unwrap(error) instanceof ArchiveException e) {
            bus.publish(new NoticeRaised(NoticeRaised.Level.ERROR, e.getMessage()));
        }
        done.completeExceptionally(Failures.unwrap(error));
    }

    private static int indexOf(List<InboundMessage> page, String archiveId) {
        for (int i = 0; i < page.size(); i++) {
            if (archiveId.equals(page.get(i).archiveId())) {
                return i;
            }
        }
        return -1;
    }

    private static Set<String> archiveIds(HistoryPage page) {
        Set<String> ids = new HashSet<>();
        for (InboundMessage m : page.messages()) {
            if (m.archiveId() != null) {
                ids.add(m.archiveId());
            }
        }
        return ids;
    }
}
