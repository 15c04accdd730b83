package im.natter.domain.model;

import java.util.List;
import java.util.Objects;

/**
 * A room as it is now, for the UI.
 *
 * @param nick          the user's nickname in the room (asked for, or given by the room)
 * @param self          the user as an occupant, or null while not joined
 * @param occupants     everyone else in the room, by nickname
 * @param subject       the room's subject, or null
 * @param features      what the room said about itself, or null before the first join answered
 * @param notifications which of its messages ask for attention
 * @param problem       why the join failed or the user is out, in words; null when all is well
 */
public record RoomSnapshot(AccountId account, Address room, RoomStatus status, String nick, Occupant self,
        List<Occupant> occupants, String subject, RoomFeatures features, NotificationLevel notifications,
        String problem) {

    public RoomSnapshot {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(status, "status");
        occupants = List.copyOf(occupants);
        Objects.requireNonNull(notifications, "notifications");
    }

    public ConversationKey conversation() {
        return new ConversationKey(account, room, ConversationKind.ROOM);
    }

    public boolean isJoined() {
        return status == RoomStatus.JOINED;
    }
}
