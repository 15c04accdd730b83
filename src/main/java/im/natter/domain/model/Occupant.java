package im.natter.domain.model;

import java.util.Objects;

/**
 * Someone in a room, as their presence in it says.
 *
 * @param room        the room's bare address
 * @param nick        the nickname, unique in the room at any one time
 * @param realAddress the occupant's bare address when the room shows it (non-anonymous rooms, or to moderators),
 *                    else null
 * @param occupantId  XEP-0421 occupant-id set by the room, stable across nickname changes; null when the room
 *                    does not support it
 * @param availability what their presence says (never OFFLINE while they are in the room)
 * @param statusText  their status message, or null
 */
public record Occupant(Address room, String nick, Address realAddress, String occupantId, RoomRole role,
        RoomAffiliation affiliation, Availability availability, String statusText) {

    public Occupant {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(nick, "nick");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(affiliation, "affiliation");
        Objects.requireNonNull(availability, "availability");
    }
}
