package im.natter.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The state of an account's connection.
 *
 * @param reason  why we are offline or reconnecting, in words for the user; null when there is nothing to say
 * @param retryAt when the next automatic attempt starts (RECONNECTING only), else null
 */
public record ConnectionStatus(AccountId account, ConnectionPhase phase, String reason, Instant retryAt) {

    public ConnectionStatus {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(phase, "phase");
    }

    public static ConnectionStatus offline(AccountId account, String reason) {
        return new ConnectionStatus(account, ConnectionPhase.OFFLINE, reason, null);
    }

    public boolean isOnline() {
        return phase == ConnectionPhase.ONLINE;
    }
}
