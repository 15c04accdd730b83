package im.natter.service;

import im.natter.domain.event.BookmarksChanged;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Bookmark;
import im.natter.domain.model.ConnectionProblem;
import im.natter.domain.port.BookmarkPort;
import im.natter.domain.port.ConnectionPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The user's room bookmarks, kept in step with the server (other devices change them too, and say so through the
 * port's listener). {@link RoomService} joins the ones marked autojoin after each sign-in, adds one when the user
 * joins a room and clears autojoin when the user leaves.
 *
 * <p>The copy here is only a cache of the server's: it is fetched again after every sign-in that did not resume
 * the session, and once more a little later (see {@link #LOOK_AGAIN_SECONDS}), and every change goes to the server
 * first.
 */
public final class BookmarkService {

    /**
     * After a fresh sign-in the server learns that this device wants bookmark notifications from a question it asks
     * in its own time, and does not send what changed before that: another device's change in those first moments
     * would go unseen until the next sign-in. Looking again this many seconds later closes that gap.
     */
    static final long LOOK_AGAIN_SECONDS = 10;

    private static final System.Logger LOG = System.getLogger(BookmarkService.class.getName());

    private final BookmarkPort port;
    private final EventBus bus;
    private final Executor worker;
    private final ScheduledExecutorService scheduler;
    /** The server's bookmarks as last seen, per account; absent until fetched. */
    private final Map<AccountId, List<Bookmark>> known = new ConcurrentHashMap<>();

    public BookmarkService(BookmarkPort port, ConnectionPort connection, EventBus bus, Executor worker,
            ScheduledExecutorService scheduler) {
        this.port = port;
        this.bus = bus;
        this.worker = worker;
        this.scheduler = scheduler;
        port.addListener((account, bookmarks) -> worker.execute(() -> replace(account, bookmarks)));
        connection.addListener(new ConnectionPort.Listener() {
            @Override
            public void connected(AccountId account, boolean resumed) {
                if (!resumed) {
                    // another device may have changed them while we were away
                    known.remove(account);
                    lookAgainLater(account);
                }
            }

            @Override
            public void connectionLost(AccountId account, ConnectionProblem problem) {
            }
        });
    }

    /** The account's bookmarks as the server has them (fetched once per sign-in, then kept in step). */
    public CompletableFuture<List<Bookmark>> bookmarks(AccountId account) {
        List<Bookmark> cached = known.get(account);
        return cached != null ? CompletableFuture.completedFuture(cached) : fetch(account);
    }

    /** The bookmark of {@code room} as last seen, if any. */
    public Optional<Bookmark> bookmark(AccountId account, Address room) {
        return known.getOrDefault(account, List.of()).stream().filter(b -> b.room().equals(room)).findFirst();
    }

    /** Adds or replaces the bookmark of {@code bookmark.room()}. */
    public CompletableFuture<Void> save(AccountId account, Bookmark bookmark) {
        return port.save(account, bookmark).thenRunAsync(() -> {
            List<Bookmark> now = new ArrayList<>(without(account, bookmark.room()));
            now.add(bookmark);
            replace(account, now);
        }, worker);
    }

    public CompletableFuture<Void> remove(AccountId account, Address room) {
        return port.remove(account, room).thenRunAsync(() -> replace(account, without(account, room)), worker);
    }

    /** The bookmarks to join after a sign-in, fresh from the server. */
    public CompletableFuture<List<Bookmark>> autojoin(AccountId account) {
        return fetch(account).thenApply(all -> all.stream().filter(Bookmark::autojoin).toList());
    }

    private void lookAgainLater(AccountId account) {
        try {
            scheduler.schedule(() -> worker.execute(() -> fetch(account).exceptionally(e -> {
                // offline again, or the server would not say: the next sign-in fetches them anyway
                LOG.log(System.Logger.Level.DEBUG, "second look at the bookmarks of " + account + ": "
                        + Failures.reason(e));
                return null;
            })), LOOK_AGAIN_SECONDS, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private CompletableFuture<List<Bookmark>> fetch(AccountId account) {
        return port.fetch(account).thenApplyAsync(bookmarks -> {
            replace(account, bookmarks);
            return known.get(account);
        }, worker);
    }

    private List<Bookmark> without(AccountId account, Address room) {
        return known.getOrDefault(account, List.of()).stream().filter(b -> !b.room().equals(room)).toList();
    }

    private void replace(AccountId account, List<Bookmark> bookmarks) {
        List<Bookmark> now = List.copyOf(bookmarks);
        if (!now.equals(known.put(account, now))) {
            bus.publish(new BookmarksChanged(account, now));
        }
    }
}
