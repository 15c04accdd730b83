package im.natter.archive;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.port.ArchiveException;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** Full-text search over message bodies (FTS5). The search screen comes later; the index is kept from the start. */
public final class SqliteMessageSearch {

    private final Database database;

    public SqliteMessageSearch(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * Messages of the account whose body contains every word of {@code text}, newest first. The words are taken
     * literally (no FTS query syntax), so whatever the user types cannot be a syntax error. Encrypted messages'
     * fallback bodies are never returned. Every message stored before the call is searched.
     */
    public List<ChatMessage> search(AccountId account, String text, int limit) throws ArchiveException {
        String match = literalWords(text);
        if (match.isEmpty() || limit <= 0) {
            return List.of();
        }
        // messages stored moments ago may still wait to be indexed
        database.completeSearchIndex();
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(MessageRows.SELECT + """
                    JOIN message_fts ON message_fts.rowid = m.id
                    WHERE message_fts MATCH ? AND a.address = ? AND m.content_kind = 'TEXT'
                    ORDER BY m.sort_time DESC, m.id DESC LIMIT ?""")) {
                query.setString(1, match);
                query.setString(2, account.address().value());
                query.setInt(3, limit);
                return MessageRows.list(query);
            }
        });
    }

    static String literalWords(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        return Arrays.stream(text.strip().split("\\s+"))
                .map(word -> '"' + word.replace("\"", "\"\"") + '"')
                .collect(Collectors.joining(" "));
    }
}
