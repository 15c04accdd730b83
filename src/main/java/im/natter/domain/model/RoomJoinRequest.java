package im.natter.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Asks to enter a room.
 *
 * @param password     the room's password, or null
 * @param historySince ask the room for the messages it holds since then (XEP-0045 §7.2.14); null asks for none
 *                     (the archive catch-up fetches them instead); rooms without an archive get a bounded history
 * @param maxHistory   at most this many history messages on join; 0 for none
 */
public record RoomJoinRequest(AccountId account, Address room, String nick, String password, Instant historySince,
        int maxHistory) {

    public RoomJoinRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(nick, "nick");
        if (nick.isBlank()) {
            throw new IllegalArgumentException("empty nickname");
        }
        if (maxHistory < 0) {
            throw new IllegalArgumentException("maxHistory < 0");
        }
    }
}
