package im.natter.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One page request to the server's message archive (XEP-0313 with result set management).
 *
 * @param archive         whose archive to ask: null for the account's own, else a room's address (XEP-0313 §5 on
 *                        a MUC service)
 * @param with            only messages exchanged with this address, or null for the whole account archive
 * @param afterArchiveId  the page after this archive id (catching up forwards), or null
 * @param beforeArchiveId the page before this archive id (scrolling back); the empty string asks for the newest
 *                        page; null when paging forwards
 * @param start           no messages older than this, or null
 * @param max             page size
 */
public record HistoryQuery(AccountId account, Address archive, Address with, String afterArchiveId,
        String beforeArchiveId, Instant start, int max) {

    public HistoryQuery {
        Objects.requireNonNull(account, "account");
        if (max < 1) {
            throw new IllegalArgumentException("max < 1");
        }
        if (afterArchiveId != null && beforeArchiveId != null) {
            throw new IllegalArgumentException("page either forwards or backwards");
        }
    }

    /** A query of the account's own archive. */
    public HistoryQuery(AccountId account, Address with, String afterArchiveId, String beforeArchiveId, Instant start,
            int max) {
        this(account, null, with, afterArchiveId, beforeArchiveId, start, max);
    }

    /** Whether this asks a room's archive rather than the account's own. */
    public boolean isRoomArchive() {
        return archive != null;
    }

    public static HistoryQuery roomAfter(AccountId account, Address room, String archiveId, int max) {
        return new HistoryQuery(account, room, null, archiveId, null, null, max);
    }

    public static HistoryQuery roomNewestSince(AccountId account, Address room, Instant start, int max) {
        return new HistoryQuery(account, room, null, null, "", start, max);
    }

    public static HistoryQuery roomBefore(AccountId account, Address room, String archiveId, int max) {
        return new HistoryQuery(account, room, null, null, archiveId, null, max);
    }

    public static HistoryQuery after(AccountId account, String archiveId, int max) {
        return new HistoryQuery(account, null, archiveId, null, null, max);
    }

    public static HistoryQuery newestSince(AccountId account, Address with, Instant start, int max) {
        return new HistoryQuery(account, with, null, "", start, max);
    }

    public static HistoryQuery before(AccountId account, Address with, String archiveId, int max) {
        return new HistoryQuery(account, with, null, archiveId, null, max);
    }
}
