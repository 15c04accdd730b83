package im.natter.domain.port;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Bookmark;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The user's room bookmarks on the server: PEP native bookmarks (XEP-0402) when the server advertises
 * {@code urn:xmpp:bookmarks:1#compat}, else legacy bookmarks in private storage (XEP-0048 over XEP-0049).
 * Implemented by the xmpp layer, which chooses the store per account after sign-in.
 */
public interface BookmarkPort {

    CompletableFuture<List<Bookmark>> fetch(AccountId account);

    /** Adds or replaces the bookmark for {@code bookmark.room()}. */
    CompletableFuture<Void> save(AccountId account, Bookmark bookmark);

    CompletableFuture<Void> remove(AccountId account, Address room);

    void addListener(Listener listener);

    interface Listener {

        /** Another device changed bookmarks (PEP notification): {@code bookmarks} is the whole new set. */
        void bookmarksChanged(AccountId account, List<Bookmark> bookmarks);
    }
}
