package im.natter.domain.event;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.RoomSnapshot;

/**
 * A room's state changed (occupants, subject, the user's own standing, joined or not). It carries the whole current
 * state, so a burst (a thousand occupants arriving at once) folds into the newest one.
 */
public record RoomChanged(AccountId account, Address room, RoomSnapshot snapshot) implements NatterEvent {

    @Override
    public Object coalesceKey() {
        return java.util.List.of("room", account, room);
    }
}
