package im.natter.domain.model;

import java.util.Objects;

/**
 * The user is no longer in a room.
 *
 * @param actor            the nickname of who did it (kick, ban), or null
 * @param reason           the reason given, or null
 * @param alternativeVenue for a destroyed room, where its people went, or null
 */
public record RoomExit(AccountId account, Address room, Kind kind, String actor, String reason,
        Address alternativeVenue) {

    public enum Kind {
        /** The user left. */
        LEFT,
        KICKED,
        BANNED,
        /** The room became members-only, or the user's membership was taken away. */
        MEMBERSHIP_LOST,
        DESTROYED,
        /** The room's service is shutting down (XEP-0045 status 332). */
        SHUTDOWN,
        /** The connection went away, or self-ping found the user no longer joined; a rejoin follows. */
        DROPPED
    }

    public RoomExit {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(kind, "kind");
    }
}
