package im.natter.archive;

import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.PagePosition;
import im.natter.domain.model.SyncState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Finds, for a page of a server archive about to be stored, the stored messages its archive puts right after it
 * (see {@link PagePosition}) and tells the {@link MessageWriter} where they sit. Without them a page stored after a
 * newer one (read backwards, or the newest page fetched first) would put its messages stamped in the same whole
 * second after the newer ones, since a new row sorts after the stored ones at the same time.
 */
final class PageNeighbours {

    // the two ways a stored message is known, as the unique indexes know them
    private static final String BY_STANZA_ID = """
            SELECT sort_time, id FROM message WHERE conversation_id = ? AND stanza_id_by IS ? AND stanza_id = ?""";
    private static final String BY_ORIGIN_ID = """
            SELECT sort_time, id FROM message WHERE conversation_id = ? AND sender = ? AND origin_id = ?""";

    /** The first message of an archive stored beyond a place, among those stamped close enough to matter. */
    private static final String NEXT_ARCHIVED = """
            SELECT sort_time FROM message INDEXED BY message_by_time
            WHERE conversation_id = ?1 AND sort_time >= ?2 AND (sort_time > ?3 OR id > ?4)
              AND stanza_id_by = ?5 AND stanza_id IS NOT NULL
            ORDER BY sort_time, id LIMIT 1""";

    /** Page messages looked up at once for the furthest stored one; far below SQLite's limit of parameters. */
    private static final int LOOKUP_CHUNK = 200;

    private final Connection connection;
    private final MessageWriter writer;

    /** A stored message's place: conversations are ordered by sort time, then row id. */
    private record Spot(long sortTime, long id) {

        static final Spot NOWHERE = new Spot(Long.MIN_VALUE, Long.MIN_VALUE);

        Spot later(Spot other) {
            return other.sortTime > sortTime || other.sortTime == sortTime && other.id > id ? other : this;
        }
    }

    PageNeighbours(Connection connection, MessageWriter writer) {
        this.connection = connection;
        this.writer = writer;
    }

    /**
     * Tells the writer where the page's neighbours sit.
     *
     * @param storedCursor the archive id the stored cursor names before this page ("" when the archive was empty
     *                     when last read), or null when there is none
     * @param placedUpTo   where the previous page of the same catch-up left each sender, when this page continues
     *                     it; given the cursor's message when none did and the page continues the cursor
     * @return the ids of stored messages moved to make room for the page (their sort time changed)
     */
    List<Long> place(List<ChatMessage> page, PagePosition position, SyncState cursor, String storedCursor,
            Map<MessageWriter.SenderKey, MessageWriter.Place> placedUpTo) throws SQLException {
        if (page.isEmpty()) {
            return List.of();
        }
        if (!position.before().isEmpty()) {
            before(position.before());
        }
        return position.afterCursor() ? afterCursor(page, cursor, storedCursor, placedUpTo) : List.of();
    }

    /**
     * Per conversation, the earliest place among {@code next} as stored (the writer keeps the earliest): a stored
     * message may sit out of its page's order (the user's own, placed when it was written).
     */
    private void before(List<ChatMessage> next) throws SQLException {
        Map<ConversationKey, OptionalLong> conversations = new HashMap<>();
        for (ChatMessage m : next) {
            OptionalLong conversation = conversations.get(m.conversation());
            if (conversation == null) {
                conversation = ArchiveKeys.conversation(connection, m.conversation());
                conversations.put(m.conversation(), conversation);
            }
            Spot stored = conversation.isEmpty() ? null : storedSpot(conversation.getAsLong(), m);
            if (stored != null) {
                writer.placeBefore(conversation.getAsLong(), stored.sortTime());
            }
        }
    }

    /**
     * A page that continues the room's archive after the stored cursor: its new messages go after the cursor's
     * message (when no earlier page of the same catch-up left a place), and before the first message of the archive
     * stored beyond everything the page and the pages before it hold. A stored message beyond those that the
     * archive puts before the page would have been in an earlier page; the writer moves nothing by more than a
     * stamp's tie, so a neighbour found wrongly (a stored message whose stamp lies ahead of the archive's order)
     * costs at most that.
     *
     * @return the stored messages moved up a millisecond to make room (see {@link OrderGaps#makeAfter})
     */
    private List<Long> afterCursor(List<ChatMessage> page, SyncState cursor, String storedCursor,
            Map<MessageWriter.SenderKey, MessageWriter.Place> placedUpTo) throws SQLException {
        if (cursor == null || cursor.with() == null) {
            throw new IllegalArgumentException("only a page of a room's archive continues its cursor here");
        }
        ConversationKey room = new ConversationKey(cursor.account(), cursor.with(), ConversationKind.ROOM);
        OptionalLong found = ArchiveKeys.conversation(connection, room);
        long earliest = page.stream().filter(m -> m.conversation().equals(room))
                .mapToLong(m -> m.displayTime().toEpochMilli()).min().orElse(Long.MAX_VALUE);
        if (found.isEmpty() || earliest == Long.MAX_VALUE) {
            return List.of(); // nothing stored in the room, or nothing of it in the page: nothing to lie among
        }
        long conversation = found.getAsLong();
        String archive = room.peer().value();
        MessageWriter.SenderKey everyone = new MessageWriter.SenderKey(conversation, archive);
        MessageWriter.Place left = placedUpTo.get(everyone);
        Spot floor = left == null ? null : new Spot(left.sortTime(), left.id());
        if (floor == null && storedCursor != null && !storedCursor.isEmpty()) {
            floor = spot(BY_STANZA_ID, conversation, archive, storedCursor);
            if (floor == null) {
                // the page continues from something not stored as a message (a correction, say): where is unknown
                return List.of();
            }
            // after a restart the page continues the cursor's message, as a next page continues the one before
            placedUpTo.put(everyone, new MessageWriter.Place(floor.id(), floor.sortTime(), null, true, false));
        }
        List<Long> moved = new ArrayList<>();
        Spot reached = floor == null ? Spot.NOWHERE : floor;
        if (floor != null) {
            moved.addAll(makeRoomAfter(conversation, floor));
        }
        Spot furthest = reached.later(furthestStored(conversation, archive, page));
        if (!furthest.equals(reached)) {
            moved.addAll(makeRoomAfter(conversation, furthest));
        }
        try (PreparedStatement query = connection.prepareStatement(NEXT_ARCHIVED)) {
            query.setLong(1, conversation);
            query.setLong(2, Math.max(earliest - MessageWriter.NEXT_PAGE_REACH_MILLIS, furthest.sortTime()));
            query.setLong(3, furthest.sortTime());
            query.setLong(4, furthest.id());
            query.setString(5, archive);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    writer.placeBefore(conversation, rows.getLong(1));
                }
            }
        }
        return moved;
    }

    private List<Long> makeRoomAfter(long conversation, Spot after) throws SQLException {
        return OrderGaps.makeAfter(connection, conversation, after.sortTime(), after.id());
    }

    /** The furthest place among the page's messages that are stored already (by the room's stanza-ids). */
    private Spot furthestStored(long conversation, String archive, List<ChatMessage> page) throws SQLException {
        List<String> ids = new ArrayList<>();
        for (ChatMessage m : page) {
            if (m.stanzaId() != null && archive.equals(m.stanzaIdBy())) {
                ids.add(m.stanzaId());
            }
        }
        Spot furthest = Spot.NOWHERE;
        for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK));
            String sql = "SELECT sort_time, id FROM message WHERE conversation_id = ? AND stanza_id_by = ?"
                    + " AND stanza_id IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")"
                    + " ORDER BY sort_time DESC, id DESC LIMIT 1";
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setLong(1, conversation);
                query.setString(2, archive);
                for (int i = 0; i < chunk.size(); i++) {
                    query.setString(3 + i, chunk.get(i));
                }
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        furthest = furthest.later(new Spot(rows.getLong(1), rows.getLong(2)));
                    }
                }
            }
        }
        return furthest;
    }

    private Spot storedSpot(long conversation, ChatMessage m) throws SQLException {
        Spot found = null;
        if (m.stanzaId() != null) {
            found = spot(BY_STANZA_ID, conversation, m.stanzaIdBy(), m.stanzaId());
        }
        if (found == null && m.originId() != null) {
            found = spot(BY_ORIGIN_ID, conversation, m.sender().value(), m.originId());
        }
        return found;
    }

    private Spot spot(String sql, long conversation, String a, String b) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, conversation);
            query.setString(2, a);
            query.setString(3, b);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? new Spot(rows.getLong(1), rows.getLong(2)) : null;
            }
        }
    }
}
