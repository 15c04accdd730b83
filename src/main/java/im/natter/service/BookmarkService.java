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

/**
 * The user's room bookmarks, kept in step with the server (other devices change them too, and say so through the
 * port's listener). {@link RoomService} joins the ones marked autojoin after each sign-in, adds one when the user
 * joins a room and clears autojoin when the user leaves.
 *
 * <p>The copy here is only a cache of the server's: it is fetched again after every sign-in that did not resume
 * the session, and every change goes to the server first.
 */
public final class BookmarkService {

    private final BookmarkPort port;
    private final EventBus bus;
    private final Executor worker;
    /** The server's bookmarks as last seen, per account; absent until fetched. */
    private final Map<AccountId, List<Bookmark>> known = new ConcurrentHashMap<>();

    public BookmarkService(BookmarkPort port, ConnectionPort connection, EventBus bus, Executor worker) {
        this.port = port;
        this.bus = bus;
        this.worker = worker;
        port.addListener((account, bookmarks) -> worker.execute(() -> replace(account, bookmarks)));
        connection.addListener(new ConnectionPort.Listener() {
            @Override
            public void connected(AccountId account, boolean resumed) {
                if (!resumed) {
                    // another device may have changed them while we were away
                    known.remove(account);
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
