package im.natter.domain.event;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;

/** A pending subscription request was accepted or declined (here or on another device). */
public record SubscriptionRequestResolved(AccountId account, Address from) implements NatterEvent {
}
