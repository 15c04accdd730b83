package im.natter.domain.model;

import java.util.List;

/**
 * One page from the server's archive, oldest first.
 *
 * @param firstArchiveId the archive id of the oldest message in the page (null when empty)
 * @param lastArchiveId  the archive id of the newest message in the page (null when empty)
 * @param complete       no more pages in the direction asked
 */
public record HistoryPage(List<InboundMessage> messages, String firstArchiveId, String lastArchiveId,
        boolean complete) {

    public HistoryPage {
        messages = List.copyOf(messages);
    }
}
