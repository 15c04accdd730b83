package im.natter.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One page request to the server's message archive (XEP-0313 with result set management).
 *
 * @param with            only messages exchanged with this address, or null for the whole account archive
 * @param afterArchiveId  the page after this archive id (catching up forwards), or null
 * @param beforeArchiveId the page before this archive id (scrolling back); the empty string asks for the newest
 *                        page; null when paging forwards
 * @param start           no messages older than this, or null
 * @param max             page size
 */
public record HistoryQuery(AccountId account, Address with, String afterArchiveId, String beforeArchiveId,
        Instant start, int max) {

    public HistoryQuery {
        Objects.requireNonNull(account, "account");
        if (max < 1) {
            throw new IllegalArgumentException("max < 1");
        }
        if (afterArchiveId != null && beforeArchiveId != null) {
            throw new IllegalArgumentException("page either forwards or backwards");
        }
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
