package im.natter.domain.event;

import im.natter.domain.model.AccountId;

/**
 * How far the catch-up with the server's archive has come after a sign-in.
 *
 * @param stored messages new to the archive so far in this catch-up
 * @param done   the catch-up has finished (or stopped; {@code problem} then says why, else null)
 */
public record HistorySyncProgress(AccountId account, int stored, boolean done, String problem) implements NatterEvent {

    @Override
    public Object coalesceKey() {
        return java.util.List.of("history-sync", account);
    }
}
