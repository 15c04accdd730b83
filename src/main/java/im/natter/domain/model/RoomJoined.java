package im.natter.domain.model;

import java.util.List;
import java.util.Objects;

/**
 * The room accepted the user: what it looked like at that moment.
 *
 * @param nick      the nickname the room gave the user (a room may change the one asked for)
 * @param self      the user as an occupant (role, affiliation)
 * @param occupants everyone else in the room when the join completed
 * @param subject   the room's subject, or null
 * @param created   the room did not exist and was created by this join (the user is its owner and it may wait for
 *                  configuration: XEP-0045 §10.1)
 */
public record RoomJoined(AccountId account, Address room, String nick, Occupant self, List<Occupant> occupants,
        String subject, RoomFeatures features, boolean created) {

    public RoomJoined {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(nick, "nick");
        Objects.requireNonNull(self, "self");
        occupants = List.copyOf(occupants);
        Objects.requireNonNull(features, "features");
    }
}
