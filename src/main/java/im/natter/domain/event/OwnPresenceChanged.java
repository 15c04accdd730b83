package im.natter.domain.event;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.PresenceStatus;

public record OwnPresenceChanged(AccountId account, PresenceStatus status) implements NatterEvent {

    @Override
    public Object coalesceKey() {
        return java.util.List.of("own-presence", account);
    }
}
