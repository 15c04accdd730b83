package im.natter.domain.event;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;

public record ContactRemoved(AccountId account, Address address) implements NatterEvent {
}
