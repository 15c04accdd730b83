package im.natter.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * How far Natter has read an archive on the server: the account's own archive ({@code with} null) or, later, a
 * room's.
 *
 * @param lastArchiveId  the newest archive id stored; catch-up continues after it
 * @param lastSynced     when that page was stored
 */
public record SyncState(AccountId account, Address with, String lastArchiveId, Instant lastSynced) {

    public SyncState {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(lastArchiveId, "lastArchiveId");
        Objects.requireNonNull(lastSynced, "lastSynced");
    }
}
