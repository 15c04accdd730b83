package im.natter.domain.event;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Bookmark;
import java.util.List;

/** The account's room bookmarks as they are now (the whole set). */
public record BookmarksChanged(AccountId account, List<Bookmark> bookmarks) implements NatterEvent {

    public BookmarksChanged {
        bookmarks = List.copyOf(bookmarks);
    }

    @Override
    public Object coalesceKey() {
        return List.of("bookmarks", account);
    }
}
