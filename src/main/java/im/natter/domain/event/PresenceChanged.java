package im.natter.domain.event;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.PresenceStatus;

/** The presence a contact shows (the best of their devices) changed. */
public record PresenceChanged(AccountId account, Address contact, PresenceStatus status) implements NatterEvent {

    @Override
    public Object coalesceKey() {
        return java.util.List.of("presence", account, contact);
    }
}
