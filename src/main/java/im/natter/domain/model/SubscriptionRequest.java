package im.natter.domain.model;

import java.time.Instant;
import java.util.Objects;

/** Someone asked to see the user's presence. {@code nickname} is what they suggested (XEP-0172), or null. */
public record SubscriptionRequest(AccountId account, Address from, String nickname, Instant received) {

    public SubscriptionRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(received, "received");
    }
}
