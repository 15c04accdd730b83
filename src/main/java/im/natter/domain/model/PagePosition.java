package im.natter.domain.model;

import java.util.List;
import java.util.Objects;

/**
 * Where a page of a server archive lies among the messages already stored. A server that stamps its archive in
 * whole seconds gives a page's messages the same stamp as stored ones the archive puts after the page; the store
 * places such new messages before those, in the archive's order, rather than after them by the order of storing.
 *
 * @param afterCursor the page continues a room's archive right after the room's stored cursor (paging forwards):
 *                    its new messages go before the first message of that archive stored beyond what the page and
 *                    the pages before it hold (the newest page, fetched first, or messages that came live)
 * @param before      stored messages the archive puts right after the page (paging backwards: the newer page, or
 *                    the oldest one stored); per conversation, the earliest of them as stored bounds the page
 */
public record PagePosition(boolean afterCursor, List<ChatMessage> before) {

    /** Nothing known about the page's neighbours: new messages go by their own times. */
    public static final PagePosition UNKNOWN = new PagePosition(false, List.of());

    /** A page of a room's archive that continues it after the stored cursor. */
    public static final PagePosition AFTER_CURSOR = new PagePosition(true, List.of());

    public PagePosition {
        before = List.copyOf(Objects.requireNonNull(before, "before"));
    }

    /** A page the archive puts right before the stored messages {@code next}. */
    public static PagePosition before(List<ChatMessage> next) {
        return new PagePosition(false, next);
    }
}
