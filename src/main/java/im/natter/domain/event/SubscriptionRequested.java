package im.natter.domain.event;

import im.natter.domain.model.SubscriptionRequest;

public record SubscriptionRequested(SubscriptionRequest request) implements NatterEvent {
}
