package im.natter.archive;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.MessageChange;
import im.natter.domain.model.PagePosition;
import im.natter.domain.model.StoredMessages;
import im.natter.domain.model.SyncState;
import im.natter.domain.port.ArchiveException;
import im.natter.domain.port.SyncStateStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Archive cursors on SQLite, each written in the same transaction as the page it follows. The page's messages
 * go through {@link MessageWriter}, so a page repeats nothing a live message, a carbon or an earlier page stored.
 * Incoming messages from a page count as unread only when newer than what the user has read in that chat.
 */
public final class SqliteSyncStateStore implements SyncStateStore {

    /** The key of the account's own archive; a key column cannot be NULL and still be unique. */
    private static final String OWN_ARCHIVE = "";

    private static final String UPSERT = """
            INSERT INTO sync_state (account_id, with_address, last_archive_id, last_synced) VALUES (?, ?, ?, ?)
            ON CONFLICT (account_id, with_address)
            DO UPDATE SET last_archive_id = excluded.last_archive_id, last_synced = excluded.last_synced""";

    private final Database database;
    /**
     * Where each catch-up's last page left each sender (writer thread only), so the next page of the same catch-up
     * continues the order across the page boundary. Keyed by archive; tagged with the cursor the page ended at.
     */
    private final Map<List<Object>, PagePlaces> pagePlaces = new HashMap<>();

    private record PagePlaces(String endedAt, Map<MessageWriter.SenderKey, MessageWriter.Place> places) {
    }

    public SqliteSyncStateStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Optional<SyncState> syncState(AccountId account, Address with) throws ArchiveException {
        Objects.requireNonNull(account, "account");
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT s.last_archive_id, s.last_synced FROM sync_state s JOIN account a ON a.id = s.account_id
                    WHERE a.address = ? AND s.with_address = ?""")) {
                query.setString(1, account.address().value());
                query.setString(2, key(with));
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new SyncState(account, with, rows.getString("last_archive_id"),
                            Instant.ofEpochMilli(rows.getLong("last_synced"))));
                }
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Every message must have id 0 and belong to the cursor's account. A {@code null} cursor stores the page
     * without moving any cursor (a page fetched while scrolling back, which must not rewind the catch-up).
     */
    @Override
    public List<ChatMessage> storePage(List<ChatMessage> messages, SyncState cursor) throws ArchiveException {
        return storePage(messages, List.of(), cursor).added();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The changes are stored first, so a message of the same page comes out already changed in {@code added},
     * and {@code changed} holds only messages stored before the page.
     */
    @Override
    public StoredMessages storePage(List<ChatMessage> messages, List<MessageChange> changes, SyncState cursor)
            throws ArchiveException {
        return storePage(messages, changes, cursor, PagePosition.UNKNOWN);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The page's neighbours are looked up in the same transaction (see {@link PageNeighbours}); stored messages
     * moved up a millisecond to make room for the page are among {@code changed} (their sort time changed).
     */
    @Override
    public StoredMessages storePage(List<ChatMessage> messages, List<MessageChange> changes, SyncState cursor,
            PagePosition position) throws ArchiveException {
        Objects.requireNonNull(position, "position");
        if (position.afterCursor() && (cursor == null || cursor.with() == null)) {
            throw new IllegalArgumentException("only a page of a room's archive stored with its cursor continues it");
        }
        List<ChatMessage> page = List.copyOf(messages);
        List<MessageChange> pageChanges = List.copyOf(changes);
        for (MessageChange change : pageChanges) {
            if (cursor != null && !change.conversation().account().equals(cursor.account())) {
                throw new IllegalArgumentException("a page of " + cursor.account() + "'s archive holds a change of "
                        + change.conversation().account());
            }
        }
        for (ChatMessage message : page) {
            if (message.id() != 0) {
                throw new IllegalArgumentException("a message to insert has id 0, not " + message.id());
            }
            if (cursor != null && !message.conversation().account().equals(cursor.account())) {
                throw new IllegalArgumentException("a page of " + cursor.account() + "'s archive holds a message of "
                        + message.conversation().account());
            }
        }
        return database.write(connection -> {
            List<ChatMessage> added = new ArrayList<>();
            List<ChatMessage> addedByChanges = new ArrayList<>();
            Set<Long> changed = new LinkedHashSet<>();
            List<ChatMessage> changedNow;
            try (MessageWriter writer = new MessageWriter(connection)) {
                for (MessageChange change : pageChanges) {
                    writer.applyChange(change, MessageWriter.Unread.AFTER_READ_POINT, changed, addedByChanges);
                }
                String storedNow = cursor == null ? null : storedCursor(connection, cursor);
                Map<MessageWriter.SenderKey, MessageWriter.Place> places = placesBefore(cursor, storedNow);
                changed.addAll(new PageNeighbours(connection, writer).place(page, position, cursor, storedNow,
                        places));
                added.addAll(writer.insertPage(page, MessageWriter.Unread.AFTER_READ_POINT, places));
                if (cursor != null) {
                    pagePlaces.put(archiveKey(cursor), new PagePlaces(cursor.lastArchiveId(), places));
                }
                changed.addAll(writer.moved());
                changedNow = SqliteMessageStore.readBack(writer, changed);
            }
            added.addAll(addedByChanges);
            if (cursor != null) {
                moveCursor(connection, cursor);
            }
            return new StoredMessages(added, changedNow);
        });
    }

    /**
     * The places the previous page left, when this page continues it: the cursor stored now is where that page
     * ended and this page moves it on (a catch-up forwards). Pages that keep the cursor where it is (the first
     * window, read backwards) or start elsewhere begin afresh.
     */
    private Map<MessageWriter.SenderKey, MessageWriter.Place> placesBefore(SyncState cursor, String storedNow) {
        if (cursor == null) {
            return new HashMap<>();
        }
        PagePlaces previous = pagePlaces.remove(archiveKey(cursor));
        if (previous == null || storedNow == null || !storedNow.equals(previous.endedAt())
                || storedNow.equals(cursor.lastArchiveId())) {
            return new HashMap<>();
        }
        return previous.places();
    }

    private static List<Object> archiveKey(SyncState cursor) {
        return List.of(cursor.account(), key(cursor.with()));
    }

    private static String storedCursor(Connection connection, SyncState cursor) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT s.last_archive_id FROM sync_state s JOIN account a ON a.id = s.account_id
                WHERE a.address = ? AND s.with_address = ?""")) {
            query.setString(1, cursor.account().address().value());
            query.setString(2, key(cursor.with()));
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static void moveCursor(Connection connection, SyncState cursor) throws SQLException {
        long accountId = ArchiveKeys.ensureAccount(connection, cursor.account());
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setLong(1, accountId);
            upsert.setString(2, key(cursor.with()));
            upsert.setString(3, cursor.lastArchiveId());
            upsert.setLong(4, cursor.lastSynced().toEpochMilli());
            upsert.executeUpdate();
        }
    }

    private static String key(Address with) {
        return with == null ? OWN_ARCHIVE : with.value();
    }
}
