package im.natter.domain.model;

import java.util.Objects;

/**
 * A room the user keeps (XEP-0402 native bookmarks, or XEP-0048 in private storage on older servers).
 *
 * @param name     what the user calls it, or null
 * @param nick     the nickname to join with, or null for the account's default
 * @param password the room's password, or null
 * @param autojoin join it at sign-in
 */
public record Bookmark(Address room, String name, String nick, String password, boolean autojoin) {

    public Bookmark {
        Objects.requireNonNull(room, "room");
    }
}
