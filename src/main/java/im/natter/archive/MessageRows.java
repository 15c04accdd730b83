package im.natter.archive;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads message rows (with their conversation's key) into {@link ChatMessage}s. */
final class MessageRows {

    /** Every query that returns messages starts with this and filters with {@code m.}, {@code c.}, {@code a.}. */
    static final String SELECT = selectFrom("message m");

    /** {@link #SELECT} with another source for {@code m}, e.g. to name the index a query must use. */
    static String selectFrom(String messages) {
        return """
                SELECT m.id, m.direction, m.sender, m.sender_nick, m.body, m.content_kind, m.origin_id, m.stanza_id,
                       m.stanza_id_by, m.server_time, m.local_time, m.state, m.error,
                       m.edited_at, m.retracted, m.reply_to_id, m.occupant_id, m.moderated_by,
                       m.moderation_reason, m.mentions_me, m.sort_time, m.sender_clock,
                       a.address AS account, c.peer, c.kind
                FROM %s
                JOIN conversation c ON c.id = m.conversation_id
                JOIN account a ON a.id = c.account_id
                """.formatted(messages);
    }

    private MessageRows() {
    }

    static ChatMessage map(ResultSet rows) throws SQLException {
        ConversationKey conversation = new ConversationKey(
                new AccountId(new Address(rows.getString("account"))),
                new Address(rows.getString("peer")),
                ConversationKind.valueOf(rows.getString("kind")));
        return new ChatMessage(
                rows.getLong("id"),
                conversation,
                Direction.valueOf(rows.getString("direction")),
                new Address(rows.getString("sender")),
                rows.getString("sender_nick"),
                rows.getString("body"),
                ContentKind.valueOf(rows.getString("content_kind")),
                rows.getString("origin_id"),
                rows.getString("stanza_id"),
                rows.getString("stanza_id_by"),
                Millis.read(rows, "server_time"),
                Millis.read(rows, "local_time"),
                DeliveryState.valueOf(rows.getString("state")),
                rows.getString("error"),
                Millis.read(rows, "edited_at"),
                rows.getInt("retracted") != 0,
                rows.getString("reply_to_id"),
                rows.getString("occupant_id"),
                rows.getString("moderated_by"),
                rows.getString("moderation_reason"),
                rows.getInt("mentions_me") != 0,
                Millis.read(rows, "sort_time"),
                Millis.read(rows, "sender_clock"));
    }

    static List<ChatMessage> list(PreparedStatement query) throws SQLException {
        List<ChatMessage> messages = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                messages.add(map(rows));
            }
        }
        return messages;
    }

    static Optional<ChatMessage> first(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            return rows.next() ? Optional.of(map(rows)) : Optional.empty();
        }
    }
}
