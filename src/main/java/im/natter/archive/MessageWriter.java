package im.natter.archive;

import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import im.natter.domain.model.MessageChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Stores messages inside one write transaction: the one place that decides what is a repeat. Its statements are
 * prepared once and reused for every message, so a page of history costs one prepare per statement, not per row.
 *
 * <p>Repeats are recognised by the unique indexes (same stanza-id from the same assigner, or same origin-id from
 * the same sender in the same conversation), whatever direction or route the copy came by. A repeat that carries
 * a stanza-id the stored copy lacks (typically the user's own message, stored before the server had given it
 * one) fills it in, so the archive's copy of it matches by stanza-id later.
 */
final class MessageWriter implements AutoCloseable {

    /** Which incoming messages add to their conversation's unread count. */
    enum Unread {
        /** Every new incoming message: it has just arrived. */
        EVERY_INCOMING,
        /** Only those newer than what the user has read: history fetched later may be long read. */
        AFTER_READ_POINT
    }

    private static final String INSERT = """
            INSERT INTO message (conversation_id, direction, sender, sender_nick, body, content_kind, origin_id,
                                 stanza_id, stanza_id_by, server_time, local_time, sort_time, state, error,
                                 reply_to_id, occupant_id, mentions_me, sender_clock)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            RETURNING id""";

    // OR IGNORE: should another row already hold that stanza-id, the repeat stays a repeat rather than failing
    private static final String FILL_IN_STANZA_ID = """
            UPDATE OR IGNORE message SET stanza_id = ?, stanza_id_by = ?
            WHERE conversation_id = ? AND sender = ? AND origin_id = ? AND stanza_id IS NULL""";

    /*
     * A room message without any id (join history of a room without an archive) seen before: same nickname and
     * text, sent at the same time. Its history copy states that time; a copy seen live has only the time it arrived,
     * a moment later. Each live copy stands for one history copy: the first to match it writes its time into it, so
     * that someone saying the same words twice in a row, once while the user was away, is not taken for a repeat.
     */
    private static final String SEEN_IN_HISTORY = """
            SELECT 1 FROM message
            WHERE conversation_id = ?1 AND sender_nick IS ?2 AND coalesce(original_body, body) = ?3
              AND stanza_id IS NULL AND origin_id IS NULL AND server_time = ?4
            LIMIT 1""";
    private static final String SEEN_LIVE = """
            SELECT id FROM message
            WHERE conversation_id = ?1 AND sender_nick IS ?2 AND coalesce(original_body, body) = ?3
              AND stanza_id IS NULL AND origin_id IS NULL
              AND server_time IS NULL AND local_time BETWEEN ?4 - ?5 AND ?4 + ?5
            ORDER BY abs(local_time - ?4), id
            LIMIT 1""";
    private static final String CLAIM_LIVE_COPY = "UPDATE message SET server_time = ? WHERE id = ?";
    /** How far the arrival time of a live copy may lie from the time a room's history gives for it. */
    static final long LIVE_COPY_MARGIN_MILLIS = 120_000;

    private static final String COUNT_UNREAD = """
            UPDATE conversation SET unread = unread + 1
            WHERE id = ? AND (? = 0 OR read_until IS NULL OR read_until < ?)""";
    private static final String ADD_UNREAD = "UPDATE conversation SET unread = unread + ? WHERE id = ?";

    // A stanza stamped by a server that counts whole seconds happened somewhere within that second.
    private static final long STAMP_PRECISION_MILLIS = 1000;
    // How far after its own time a message may be placed to stay behind the one its sender sent before it.
    private static final long MAX_SHIFT_MILLIS = 2 * STAMP_PRECISION_MILLIS;
    // How far an archive page may move a stored message to put it behind its predecessor; a page contradicting the
    // stored order by more than this is not about one burst of messages, so it is left alone.
    private static final long MAX_MOVE_MILLIS = 60_000;
    // How far after the stored neighbour beyond a page a new message's stamp may lie and still go before it.
    static final long NEXT_PAGE_REACH_MILLIS = MAX_SHIFT_MILLIS;

    private static final String NEWEST_FROM_SENDER = """
            SELECT sort_time FROM message INDEXED BY message_by_time
            WHERE conversation_id = ? AND sort_time >= ? AND sender = ?
            ORDER BY sort_time DESC, id DESC LIMIT 1""";

    // One sender's messages written just before and just after a given time by the writer's clock (ADR 0012).
    private static final String WRITTEN_BEFORE = """
            SELECT sort_time, id FROM message INDEXED BY message_by_sender_clock
            WHERE conversation_id = ? AND sender = ? AND sender_clock IS NOT NULL
              AND sender_clock >= ? AND sender_clock < ?
            ORDER BY sort_time DESC, id DESC LIMIT 1""";
    private static final String WRITTEN_AFTER = """
            SELECT sort_time, id FROM message INDEXED BY message_by_sender_clock
            WHERE conversation_id = ? AND sender = ? AND sender_clock IS NOT NULL
              AND sender_clock > ? AND sender_clock <= ?
            ORDER BY sort_time, id LIMIT 1""";

    // the two ways the unique indexes recognise a repeat, one query each so each uses its index
    private static final String PLACE_BY_STANZA_ID = """
            SELECT id, sort_time, server_time, direction, sender_clock IS NOT NULL FROM message
            WHERE conversation_id = ? AND stanza_id_by IS ? AND stanza_id = ?""";
    private static final String PLACE_BY_ORIGIN_ID = """
            SELECT id, sort_time, server_time, direction, sender_clock IS NOT NULL FROM message
            WHERE conversation_id = ? AND sender = ? AND origin_id = ?""";

    private final Connection connection;
    private final Map<ConversationKey, Long> conversationIds = new HashMap<>();
    /** Per conversation id, where the stored neighbour beyond the page being inserted sits ({@link #placeBefore}). */
    private final Map<Long, Long> nextPage = new HashMap<>();
    private PreparedStatement insert;
    private PreparedStatement fillIn;
    private PreparedStatement countUnread;
    private PreparedStatement newestFromSender;
    private PreparedStatement placeByStanzaId;
    private PreparedStatement placeByOriginId;
    private PreparedStatement move;
    private PreparedStatement seenInHistory;
    private PreparedStatement seenLive;
    private PreparedStatement claimLiveCopy;
    private PreparedStatement writtenBefore;
    private PreparedStatement writtenAfter;
    private ChangeWriter changes;
    /** Stored messages whose sort time this writer changed, to be reported as changed. */
    private final Set<Long> moved = new LinkedHashSet<>();
    /**
     * While {@link #insertPage} runs: the unread messages it added per conversation, counted once at its end, and
     * what each conversation's reader had read (null: nothing), looked up once.
     */
    private Map<Long, Integer> unreadOfPage;
    private final Map<Long, Optional<Long>> readUntil = new HashMap<>();
    /** Those moved up to free a place since {@link #insertPage} last looked: by how many milliseconds. */
    private final Map<Long, Integer> shiftedUp = new HashMap<>();

    /** {@code connection} must be the writer's, inside the transaction the messages belong to. */
    MessageWriter(Connection connection) {
        this.connection = connection;
    }

    /**
     * Stores {@code message} (its id must be 0), creating its conversation if needed.
     *
     * @return the message as stored, with its id; empty when it is a repeat
     */
    Optional<ChatMessage> insert(ChatMessage message, Unread unread) throws SQLException {
        long conversationId = conversationId(message.conversation(), message.localTime());
        long place = byWriterClock(conversationId, message, inArrivalOrder(conversationId, message));
        shiftedUp.clear(); // nothing else here holds a place that could have moved
        return insertAt(conversationId, message, place, unread);
    }

    /**
     * Stores one page of a server archive, oldest first, and lets the page's order decide where its messages sit:
     * the server's archive is the one witness of the order in which it took them. Per sender (in a room: for all), a
     * message new to the archive goes after the messages the page puts before it and before the stored ones it puts
     * after it; a stored message that came by the server's routing (live, offline delivery) and sits before one the
     * page puts ahead of it moves up just behind that one. The user's own messages and those a sender stamped when
     * it wrote them never move. Servers that stamp whole seconds, and streams resent after a restart, would
     * otherwise leave messages in the order they happened to arrive.
     *
     * @param placedUpTo where each sender's last message of the previous page of the same catch-up went (updated
     *                   for the next page); empty for a page that does not continue one just stored
     *
     * @return the messages that were new, in page order
     */
    List<ChatMessage> insertPage(List<ChatMessage> page, Unread unread, Map<SenderKey, Place> placedUpTo)
            throws SQLException {
        unreadOfPage = new HashMap<>();
        try {
            List<ChatMessage> added = insertEachOf(page, unread, placedUpTo);
            for (Map.Entry<Long, Integer> counted : unreadOfPage.entrySet()) {
                try (PreparedStatement add = connection.prepareStatement(ADD_UNREAD)) {
                    add.setInt(1, counted.getValue());
                    add.setLong(2, counted.getKey());
                    add.executeUpdate();
                }
            }
            return added;
        } finally {
            unreadOfPage = null;
        }
    }

    private List<ChatMessage> insertEachOf(List<ChatMessage> page, Unread unread, Map<SenderKey, Place> placedUpTo)
            throws SQLException {
        SenderKey[] senders = new SenderKey[page.size()];
        Place[] stored = new Place[page.size()];
        for (int i = 0; i < page.size(); i++) {
            ChatMessage m = page.get(i);
            senders[i] = new SenderKey(conversationId(m.conversation(), m.localTime()), orderedBy(m));
            stored[i] = placeOfRepeat(senders[i].conversationId(), m);
        }
        List<ChatMessage> added = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            SenderKey sender = senders[i];
            long conversationId = sender.conversationId();
            Place floor = placedUpTo.get(sender);
            Place here = stored[i];
            if (here != null) {
                if (!here.isFixed(page.get(i)) && floor != null && floor.isAfter(here)
                        && floor.sortTime() - here.sortTime() <= MAX_MOVE_MILLIS) {
                    // it arrived by another road (live, offline delivery) ahead of what the page puts before it
                    here = move(here, floor.sortTime() + 1);
                }
                placedUpTo.put(sender, floor != null && floor.isAfter(here) ? floor : here);
                fillInStanzaId(conversationId, page.get(i));
                continue;
            }
            Place next = null;
            for (int j = i + 1; j < page.size() && next == null; j++) {
                if (sender.equals(senders[j]) && stored[j] != null && (floor == null || stored[j].isAfter(floor))) {
                    next = stored[j];
                }
            }
            Long ceiling = belowNextPage(conversationId, page.get(i), next == null ? null : next.sortTime());
            long place;
            if (floor != null && next != null && ceiling == next.sortTime() && next.sortTime() == floor.sortTime()) {
                // what the page puts before it and after it share a millisecond
                place = makeRoomBefore(conversationId, next);
            } else {
                place = between(page.get(i).displayTime().toEpochMilli(), floor == null ? null : floor.sortTime(),
                        ceiling);
            }
            place = byWriterClock(conversationId, page.get(i), place);
            if (!shiftedUp.isEmpty()) {
                shiftKnownPlaces(stored, placedUpTo);
                floor = placedUpTo.get(sender);
            }
            Optional<ChatMessage> inserted = insertAt(conversationId, page.get(i), place, unread);
            inserted.ifPresent(added::add);
            // a new row has the highest id, so it sorts after anything stored at the same time
            Place now = new Place(inserted.map(ChatMessage::id).orElse(Long.MAX_VALUE), place, null, false, false);
            placedUpTo.put(sender, floor != null && floor.isAfter(now) ? floor : now);
        }
        return added;
    }

    /**
     * The stored messages whose sort time this writer changed (moved behind their predecessor, or up a millisecond
     * to free a place): what shows them must place them anew.
     */
    Set<Long> moved() {
        return Set.copyOf(moved);
    }

    /** Brings the places {@link #insertPage} knows up to date after messages moved up a millisecond. */
    private void shiftKnownPlaces(Place[] stored, Map<SenderKey, Place> placedUpTo) {
        for (int k = 0; k < stored.length; k++) {
            if (stored[k] != null) {
                stored[k] = stored[k].shiftedUp(shiftedUp.getOrDefault(stored[k].id(), 0));
            }
        }
        placedUpTo.replaceAll((sender, place) -> place.shiftedUp(shiftedUp.getOrDefault(place.id(), 0)));
        shiftedUp.clear();
    }

    /**
     * The next {@link #insertPage} lies before a stored message of the conversation that sits at {@code sortTime}
     * (its archive's neighbour beyond the page, found by the caller): new messages of the page stamped in the same
     * whole second go before it, as the archive orders them, not after it as the order of storing would.
     */
    void placeBefore(long conversationId, long sortTime) {
        nextPage.merge(conversationId, sortTime, Math::min);
    }

    /**
     * {@code ceiling}, lowered to the neighbour beyond the page (see {@link #placeBefore}) for a message stamped
     * less than {@link #NEXT_PAGE_REACH_MILLIS} after that neighbour's place: enough to undo the tie of a
     * whole-second stamp, never a move of more than that.
     */
    private Long belowNextPage(long conversationId, ChatMessage message, Long ceiling) {
        Long next = nextPage.get(conversationId);
        if (next == null || message.displayTime().toEpochMilli() - next >= NEXT_PAGE_REACH_MILLIS) {
            return ceiling;
        }
        return ceiling == null ? next : Math.min(ceiling, next);
    }

    /**
     * Whose order a page witnesses: in a chat each sender's, as each one's server passes them on; in a room
     * everyone's, the user's own included, since the room hands every message to everyone in one order.
     */
    private static String orderedBy(ChatMessage m) {
        return m.conversation().kind() == ConversationKind.ROOM ? m.conversation().peer().value()
                : m.sender().value();
    }

    /**
     * One sender in one conversation: the order a page witnesses is kept per sender, so that a message moved
     * behind its predecessor never jumps over a later one of the same sender that the page does not hold (it is
     * still on its way, or in the next page).
     */
    record SenderKey(long conversationId, String sender) {
    }

    /**
     * Where a stored message sits: conversations are ordered by sort time, then id.
     *
     * @param serverTime the delay stamp it was stored with, or null
     * @param incoming   someone else wrote it
     * @param writerOrdered it sits where its writer's clock puts it among its sender's messages
     */
    record Place(long id, long sortTime, Long serverTime, boolean incoming, boolean writerOrdered) {

        boolean isAfter(Place other) {
            return sortTime > other.sortTime || sortTime == other.sortTime && id > other.id;
        }

        Place shiftedUp(int millis) {
            return millis == 0 ? this : new Place(id, sortTime + millis, serverTime, incoming, writerOrdered);
        }

        /**
         * Whether it keeps its place whatever the page {@code copy} came in says. The user's own messages keep the
         * order they were written in, and so does a message its sender stamped with the time it was written (sent
         * late: the stamp is well before the server archived it), and one placed by its writer's clock. Anything else
         * arrived by the server's routing (live, offline delivery, a stream resent after a restart) and the server's
         * archive knows its order best.
         */
        boolean isFixed(ChatMessage copy) {
            return !incoming || writerOrdered || serverTime != null
                    && copy.displayTime().toEpochMilli() - serverTime >= STAMP_PRECISION_MILLIS;
        }
    }

    private Place move(Place place, long sortTime) throws SQLException {
        if (move == null) {
            move = connection.prepareStatement("UPDATE message SET sort_time = ? WHERE id = ?");
        }
        move.setLong(1, sortTime);
        move.setLong(2, place.id());
        move.executeUpdate();
        moved.add(place.id());
        return new Place(place.id(), sortTime, place.serverTime(), place.incoming(), place.writerOrdered());
    }

    /** {@code time}, moved just enough to lie at or after {@code floor} and before {@code ceiling} (either null). */
    static long between(long time, Long floor, Long ceiling) {
        long place = floor != null ? Math.max(time, floor) : time;
        if (ceiling != null && place >= ceiling) {
            place = floor != null ? Math.max(floor, ceiling - 1) : ceiling - 1;
        }
        return place;
    }

    private Optional<ChatMessage> insertAt(long conversationId, ChatMessage message, long place, Unread unread)
            throws SQLException {
        if (message.id() != 0) {
            throw new IllegalArgumentException("a message to insert has id 0, not " + message.id());
        }
        message = message.withSortTime(Instant.ofEpochMilli(place));
        if (seenWithoutIds(conversationId, message)) {
            return Optional.empty();
        }
        OptionalLong id = insertRow(conversationId, message);
        if (id.isEmpty()) {
            fillInStanzaId(conversationId, message);
            return Optional.empty();
        }
        if (message.direction() == Direction.INCOMING) {
            countUnread(conversationId, message, unread);
        }
        String roomStanzaId = message.conversation().kind() == ConversationKind.ROOM
                && message.conversation().peer().value().equals(message.stanzaIdBy()) ? message.stanzaId() : null;
        if (changes().attachWaiting(conversationId, id.getAsLong(), message.sender().value(), message.originId(),
                message.stanzaId(), ChangeWriter.Author.of(message.conversation(), message.sender().value(),
                        message.senderNick(), message.occupantId()), roomStanzaId)) {
            return byId(id.getAsLong());
        }
        return Optional.of(asStored(message, id.getAsLong()));
    }

    /**
     * Stores a correction or retraction and applies it (see {@link im.natter.domain.port.MessageStore#applyChange}).
     * The changed message is read back by the caller, so several changes to one message report it once.
     *
     * @param changed collects the ids of stored messages this changed
     * @param added   collects a correction of someone else's message, stored as a message of its own
     */
    void applyChange(MessageChange change, Unread unread, Set<Long> changed, List<ChatMessage> added)
            throws SQLException {
        long conversationId = conversationId(change.conversation(), change.localTime());
        switch (changes().store(conversationId, change)) {
            case ChangeWriter.Outcome.Applied applied -> changed.add(applied.messageId());
            case ChangeWriter.Outcome.Foreign foreign -> {
                if (change.kind() == MessageChange.Kind.CORRECTION) {
                    insert(asOwnMessage(change), unread).ifPresent(added::add);
                }
            }
            case ChangeWriter.Outcome.Pending pending -> {
            }
            case ChangeWriter.Outcome.Repeat repeat -> {
            }
        }
    }

    Optional<ChatMessage> byId(long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(MessageRows.SELECT + "WHERE m.id = ?")) {
            query.setLong(1, id);
            return MessageRows.first(query);
        }
    }

    private ChangeWriter changes() {
        if (changes == null) {
            changes = new ChangeWriter(connection);
        }
        return changes;
    }

    /** A correction that may not change what it names is just a message from its sender. */
    private static ChatMessage asOwnMessage(MessageChange c) {
        boolean own = c.sender().equals(c.conversation().account().address());
        return new ChatMessage(0, c.conversation(), own ? Direction.OUTGOING : Direction.INCOMING, c.sender(),
                c.senderNick(), c.body(), c.contentKind(), c.originId(), c.stanzaId(), c.stanzaIdBy(),
                c.serverTime(), c.localTime(), own ? DeliveryState.ON_SERVER : DeliveryState.RECEIVED, null, null,
                false, null, c.occupantId(), null, null, false);
    }

    @Override
    public void close() throws SQLException {
        var all = new java.util.ArrayList<Statements.SqlCloseable>();
        if (changes != null) {
            all.add(changes::close);
        }
        for (PreparedStatement statement : new PreparedStatement[] {insert, fillIn, countUnread, newestFromSender,
                placeByStanzaId, placeByOriginId, move, seenInHistory, seenLive, claimLiveCopy, writtenBefore,
                writtenAfter}) {
            if (statement != null) {
                all.add(statement::close);
            }
        }
        Statements.closeAll(all);
    }

    private long conversationId(ConversationKey key, Instant created) throws SQLException {
        Long known = conversationIds.get(key);
        if (known != null) {
            return known;
        }
        long id = ArchiveKeys.ensureConversation(connection, key, created);
        conversationIds.put(key, id);
        return id;
    }

    private OptionalLong insertRow(long conversationId, ChatMessage message) throws SQLException {
        if (insert == null) {
            insert = connection.prepareStatement(INSERT);
        }
        insert.setLong(1, conversationId);
        insert.setString(2, message.direction().name());
        insert.setString(3, message.sender().value());
        insert.setString(4, message.senderNick());
        insert.setString(5, message.body());
        insert.setString(6, message.contentKind().name());
        insert.setString(7, message.originId());
        insert.setString(8, message.stanzaId());
        insert.setString(9, message.stanzaIdBy());
        Millis.bind(insert, 10, message.serverTime());
        Millis.bind(insert, 11, message.localTime());
        Millis.bind(insert, 12, message.sortTime());
        insert.setString(13, message.state().name());
        insert.setString(14, message.error());
        insert.setString(15, message.replyToId());
        insert.setString(16, message.occupantId());
        insert.setInt(17, message.mentionsMe() ? 1 : 0);
        Millis.bind(insert, 18, message.senderClock());
        try (ResultSet rows = insert.executeQuery()) {
            return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
        }
    }

    /**
     * Messages that come one at a time (live, offline delivery, carbons, the user's own) mostly arrive in the
     * order the server routed them; one stamped in a whole second may still lie before what its sender sent just
     * before it, so it goes right after that one when it is that close. Where this guesses wrong (a live message
     * overtaking offline delivery), the next archive page puts it right ({@link #insertPage}).
     */
    private long inArrivalOrder(long conversationId, ChatMessage message) throws SQLException {
        long time = message.displayTime().toEpochMilli();
        if (!stampedInWholeSeconds(message)) {
            return time;
        }
        if (newestFromSender == null) {
            newestFromSender = connection.prepareStatement(NEWEST_FROM_SENDER);
        }
        newestFromSender.setLong(1, conversationId);
        newestFromSender.setLong(2, time);
        newestFromSender.setString(3, message.sender().value());
        try (ResultSet rows = newestFromSender.executeQuery()) {
            if (rows.next()) {
                long newest = rows.getLong(1);
                if (newest - time < MAX_SHIFT_MILLIS) {
                    return Math.max(time, newest);
                }
            }
        }
        return time;
    }

    /**
     * {@code place}, moved where the writer's clock puts {@code message} among what the same sender wrote within a
     * minute of it: after what it wrote before, before what it wrote after (that one winning should stored places
     * contradict each other). When those two share a millisecond (a burst stamped in one whole second), what it
     * wrote after moves up one to make room. A server that lost a session may deliver, and archive, its messages after newer ones;
     * the writer knows the order it wrote them in. Only someone else's one-to-one messages are placed so: the
     * user's own keep the order this device gives them, and a room orders everyone's messages itself.
     */
    private long byWriterClock(long conversationId, ChatMessage message, long place) throws SQLException {
        Instant clock = message.senderClock();
        if (clock == null || message.direction() != Direction.INCOMING
                || message.conversation().kind() == ConversationKind.ROOM) {
            return place;
        }
        if (writtenBefore == null) {
            writtenBefore = connection.prepareStatement(WRITTEN_BEFORE);
            writtenAfter = connection.prepareStatement(WRITTEN_AFTER);
        }
        long written = clock.toEpochMilli();
        Place floor = placeWritten(writtenBefore, conversationId, message, written - MAX_MOVE_MILLIS, written);
        Place ceiling = placeWritten(writtenAfter, conversationId, message, written, written + MAX_MOVE_MILLIS);
        if (floor != null && place < floor.sortTime()) {
            // a row stored now has the highest id, so at the same time it sorts after the one written before it
            place = floor.sortTime();
        }
        if (ceiling != null && place >= ceiling.sortTime()) {
            if (floor != null && floor.sortTime() == ceiling.sortTime() && ceiling.isAfter(floor)) {
                place = makeRoomBefore(conversationId, ceiling);
            } else {
                place = ceiling.sortTime() - 1;
            }
        }
        return place;
    }

    /**
     * Moves {@code next} and the run of messages stored right after it up a millisecond, so that a new message
     * placed where {@code next} was sorts before it and after everything that sorted before it.
     *
     * @return that place
     */
    private long makeRoomBefore(long conversationId, Place next) throws SQLException {
        List<Long> run = OrderGaps.makeAfter(connection, conversationId, next.sortTime(), next.id() - 1);
        moved.addAll(run);
        run.forEach(id -> shiftedUp.merge(id, 1, Integer::sum));
        return next.sortTime();
    }

    private static Place placeWritten(PreparedStatement query, long conversationId, ChatMessage message, long from,
            long to) throws SQLException {
        query.setLong(1, conversationId);
        query.setString(2, message.sender().value());
        query.setLong(3, from);
        query.setLong(4, to);
        try (ResultSet rows = query.executeQuery()) {
            return rows.next() ? new Place(rows.getLong(2), rows.getLong(1), null, true, true) : null;
        }
    }

    /** The time shown is a server's stamp without fractions of a second: the message lies within that second. */
    private static boolean stampedInWholeSeconds(ChatMessage message) {
        Instant stamp = message.serverTime();
        return stamp != null && stamp.getNano() == 0 && stamp.equals(message.displayTime());
    }

    /** Where the stored copy of {@code message} sits, or null when it is new. */
    private Place placeOfRepeat(long conversationId, ChatMessage message) throws SQLException {
        Place place = null;
        if (message.stanzaId() != null) {
            if (placeByStanzaId == null) {
                placeByStanzaId = connection.prepareStatement(PLACE_BY_STANZA_ID);
            }
            place = firstPlace(placeByStanzaId, conversationId, message.stanzaIdBy(), message.stanzaId());
        }
        if (place == null && message.originId() != null) {
            if (placeByOriginId == null) {
                placeByOriginId = connection.prepareStatement(PLACE_BY_ORIGIN_ID);
            }
            place = firstPlace(placeByOriginId, conversationId, message.sender().value(), message.originId());
        }
        return place;
    }

    private static Place firstPlace(PreparedStatement query, long conversationId, String a, String b)
            throws SQLException {
        query.setLong(1, conversationId);
        query.setString(2, a);
        query.setString(3, b);
        try (ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                return null;
            }
            long serverTime = rows.getLong(3);
            Long stamp = rows.wasNull() ? null : serverTime;
            return new Place(rows.getLong(1), rows.getLong(2), stamp, "INCOMING".equals(rows.getString(4)),
                    rows.getInt(5) != 0);
        }
    }

    private boolean seenWithoutIds(long conversationId, ChatMessage message) throws SQLException {
        if (message.conversation().kind() != ConversationKind.ROOM || message.stanzaId() != null
                || message.originId() != null || message.serverTime() == null) {
            return false;
        }
        long stated = message.serverTime().toEpochMilli();
        if (seenInHistory == null) {
            seenInHistory = connection.prepareStatement(SEEN_IN_HISTORY);
            seenLive = connection.prepareStatement(SEEN_LIVE);
            claimLiveCopy = connection.prepareStatement(CLAIM_LIVE_COPY);
        }
        seenInHistory.setLong(1, conversationId);
        seenInHistory.setString(2, message.senderNick());
        seenInHistory.setString(3, message.body());
        seenInHistory.setLong(4, stated);
        try (ResultSet rows = seenInHistory.executeQuery()) {
            if (rows.next()) {
                return true;
            }
        }
        seenLive.setLong(1, conversationId);
        seenLive.setString(2, message.senderNick());
        seenLive.setString(3, message.body());
        seenLive.setLong(4, stated);
        seenLive.setLong(5, LIVE_COPY_MARGIN_MILLIS);
        long liveCopy;
        try (ResultSet rows = seenLive.executeQuery()) {
            if (!rows.next()) {
                return false;
            }
            liveCopy = rows.getLong(1);
        }
        claimLiveCopy.setLong(1, stated);
        claimLiveCopy.setLong(2, liveCopy);
        claimLiveCopy.executeUpdate();
        return true;
    }

    private void fillInStanzaId(long conversationId, ChatMessage message) throws SQLException {
        if (message.originId() == null || message.stanzaId() == null) {
            return;
        }
        if (fillIn == null) {
            fillIn = connection.prepareStatement(FILL_IN_STANZA_ID);
        }
        fillIn.setString(1, message.stanzaId());
        fillIn.setString(2, message.stanzaIdBy());
        fillIn.setLong(3, conversationId);
        fillIn.setString(4, message.sender().value());
        fillIn.setString(5, message.originId());
        fillIn.executeUpdate();
    }

    private void countUnread(long conversationId, ChatMessage message, Unread unread) throws SQLException {
        if (unreadOfPage != null) {
            if (unread == Unread.EVERY_INCOMING || isAfterReadPoint(conversationId, message)) {
                unreadOfPage.merge(conversationId, 1, Integer::sum);
            }
            return;
        }
        if (countUnread == null) {
            countUnread = connection.prepareStatement(COUNT_UNREAD);
        }
        countUnread.setLong(1, conversationId);
        countUnread.setInt(2, unread == Unread.AFTER_READ_POINT ? 1 : 0);
        Millis.bind(countUnread, 3, message.sortTime());
        countUnread.executeUpdate();
    }

    private boolean isAfterReadPoint(long conversationId, ChatMessage message) throws SQLException {
        Optional<Long> read = readUntil.get(conversationId);
        if (read == null) {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT read_until FROM conversation WHERE id = ?")) {
                query.setLong(1, conversationId);
                read = Optional.empty();
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        long until = rows.getLong(1);
                        read = rows.wasNull() ? Optional.empty() : Optional.of(until);
                    }
                }
            }
            readUntil.put(conversationId, read);
        }
        return read.isEmpty() || read.get() < message.sortTime().toEpochMilli();
    }

    /** What reading the row back would give: times are kept to the millisecond. */
    private static ChatMessage asStored(ChatMessage m, long id) {
        return new ChatMessage(id, m.conversation(), m.direction(), m.sender(), m.senderNick(), m.body(),
                m.contentKind(), m.originId(), m.stanzaId(), m.stanzaIdBy(), millis(m.serverTime()),
                millis(m.localTime()), m.state(), m.error(), m.editedAt(), m.retracted(), m.replyToId(),
                m.occupantId(), m.moderatedBy(), m.moderationReason(), m.mentionsMe(), m.sortTime());
    }

    private static Instant millis(Instant time) {
        return time == null ? null : Instant.ofEpochMilli(time.toEpochMilli());
    }
}
