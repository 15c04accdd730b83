package im.natter.archive;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.ConversationKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.OptionalLong;

/** Finds, and on the write side creates, the account and conversation rows that everything else hangs off. */
final class ArchiveKeys {

    private ArchiveKeys() {
    }

    static OptionalLong account(Connection connection, AccountId account) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM account WHERE address = ?")) {
            select.setString(1, account.address().value());
            return singleId(select);
        }
    }

    static long ensureAccount(Connection connection, AccountId account) throws SQLException {
        // nearly always there already: one look instead of an insert and a look
        OptionalLong known = account(connection, account);
        if (known.isPresent()) {
            return known.getAsLong();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO account (address) VALUES (?) ON CONFLICT (address) DO NOTHING")) {
            insert.setString(1, account.address().value());
            insert.executeUpdate();
        }
        return account(connection, account).orElseThrow();
    }

    static OptionalLong conversation(Connection connection, ConversationKey key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT c.id FROM conversation c JOIN account a ON a.id = c.account_id
                WHERE a.address = ? AND c.peer = ? AND c.kind = ?""")) {
            select.setString(1, key.account().address().value());
            select.setString(2, key.peer().value());
            select.setString(3, key.kind().name());
            return singleId(select);
        }
    }

    /** The conversation's row id, creating the row (and its account's) if this is its first appearance. */
    static long ensureConversation(Connection connection, ConversationKey key, Instant created) throws SQLException {
        OptionalLong known = conversation(connection, key);
        if (known.isPresent()) {
            return known.getAsLong();
        }
        long accountId = ensureAccount(connection, key.account());
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO conversation (account_id, peer, kind, unread, created) VALUES (?, ?, ?, 0, ?)
                ON CONFLICT (account_id, peer, kind) DO NOTHING""")) {
            insert.setLong(1, accountId);
            insert.setString(2, key.peer().value());
            insert.setString(3, key.kind().name());
            insert.setLong(4, created.toEpochMilli());
            insert.executeUpdate();
        }
        return conversation(connection, key).orElseThrow();
    }

    private static OptionalLong singleId(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
        }
    }
}
