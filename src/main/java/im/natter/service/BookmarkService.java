package im.natter.service;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Bookmark;
import im.natter.domain.port.BookmarkPort;
import im.natter.domain.port.ConnectionPort;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The user's room bookmarks, kept in step with the server (other devices change them too). {@link RoomService}
 * joins the ones marked autojoin after each sign-in, adds one when the user joins a room and clears autojoin when
 * the user leaves.
 */
public final class BookmarkService {

    public BookmarkService(BookmarkPort port, ConnectionPort connection, EventBus bus, Executor worker) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The account's bookmarks as the server has them (fetched once per sign-in, then kept in step). */
    public CompletableFuture<List<Bookmark>> bookmarks(AccountId account) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Adds or replaces the bookmark of {@code bookmark.room()}. */
    public CompletableFuture<Void> save(AccountId account, Bookmark bookmark) {
        throw new UnsupportedOperationException("not yet");
    }

    public CompletableFuture<Void> remove(AccountId account, Address room) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The bookmarks to join after a sign-in. */
    public CompletableFuture<List<Bookmark>> autojoin(AccountId account) {
        throw new UnsupportedOperationException("not yet");
    }
}
