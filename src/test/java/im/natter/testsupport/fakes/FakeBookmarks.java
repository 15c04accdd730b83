package im.natter.testsupport.fakes;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Bookmark;
import im.natter.domain.model.RoomException;
import im.natter.domain.model.RoomProblem;
import im.natter.domain.port.BookmarkPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The server's bookmark store for service tests: keeps bookmarks per account, records what was asked
 * ({@link #calls()}), and lets a test play another device changing them ({@link #changeElsewhere}).
 */
public final class FakeBookmarks implements BookmarkPort {

    private final Map<AccountId, Map<Address, Bookmark>> stored = new ConcurrentHashMap<>();
    private final List<BookmarkPort.Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile boolean failSaves;

    /** What the server holds now. */
    public synchronized List<Bookmark> onServer(AccountId account) {
        return List.copyOf(stored.getOrDefault(account, Map.of()).values());
    }

    /** Puts bookmarks on the server without telling anyone (as before the user signs in). */
    public synchronized void preset(AccountId account, List<Bookmark> bookmarks) {
        Map<Address, Bookmark> map = new LinkedHashMap<>();
        bookmarks.forEach(b -> map.put(b.room(), b));
        stored.put(account, map);
    }

    /** Another device replaced the bookmarks; the server notifies (PEP). */
    public void changeElsewhere(AccountId account, List<Bookmark> bookmarks) {
        preset(account, bookmarks);
        listeners.forEach(l -> l.bookmarksChanged(account, List.copyOf(bookmarks)));
    }

    public void failSaves(boolean fail) {
        failSaves = fail;
    }

    /** {@code "fetch"}, {@code "save ROOM autojoin"} or {@code "remove ROOM"}, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized CompletableFuture<List<Bookmark>> fetch(AccountId account) {
        calls.add("fetch");
        return CompletableFuture.completedFuture(new ArrayList<>(onServer(account)));
    }

    @Override
    public synchronized CompletableFuture<Void> save(AccountId account, Bookmark bookmark) {
        calls.add("save " + bookmark.room() + (bookmark.autojoin() ? " autojoin" : ""));
        if (failSaves) {
            return CompletableFuture.failedFuture(new RoomException(RoomProblem.NO_ANSWER, null));
        }
        stored.computeIfAbsent(account, a -> new LinkedHashMap<>()).put(bookmark.room(), bookmark);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Void> remove(AccountId account, Address room) {
        calls.add("remove " + room);
        stored.getOrDefault(account, new LinkedHashMap<>()).remove(room);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void addListener(BookmarkPort.Listener listener) {
        listeners.add(listener);
    }
}
