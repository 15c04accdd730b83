package im.natter.archive;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Contact;
import im.natter.domain.model.Subscription;
import im.natter.domain.model.SubscriptionRequest;
import im.natter.domain.port.ArchiveException;
import im.natter.domain.port.RosterStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/** The last known roster and the pending subscription requests of each account. */
public final class SqliteRosterStore implements RosterStore {

    private final Database database;

    public SqliteRosterStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public List<Contact> roster(AccountId account) throws ArchiveException {
        return database.read(connection -> {
            Map<Long, ContactRow> contacts = new LinkedHashMap<>();
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT c.id, c.address, c.name, c.subscription, c.ask_pending
                    FROM contact c JOIN account a ON a.id = c.account_id
                    WHERE a.address = ? ORDER BY c.address""")) {
                query.setString(1, account.address().value());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        contacts.put(rows.getLong("id"), new ContactRow(rows));
                    }
                }
            }
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT g.contact_id, g.name FROM contact_group g
                    JOIN contact c ON c.id = g.contact_id JOIN account a ON a.id = c.account_id
                    WHERE a.address = ? ORDER BY g.name""")) {
                query.setString(1, account.address().value());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        contacts.get(rows.getLong("contact_id")).groups.add(rows.getString("name"));
                    }
                }
            }
            return contacts.values().stream().map(ContactRow::toContact).toList();
        });
    }

    @Override
    public void replaceRoster(AccountId account, List<Contact> contacts) throws ArchiveException {
        List<Contact> copy = List.copyOf(contacts);
        database.write(connection -> {
            long accountId = ArchiveKeys.ensureAccount(connection, account);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM contact WHERE account_id = ?")) {
                delete.setLong(1, accountId);
                delete.executeUpdate();
            }
            for (Contact contact : copy) {
                upsert(connection, accountId, contact);
            }
            return null;
        });
    }

    @Override
    public void saveContact(AccountId account, Contact contact) throws ArchiveException {
        Objects.requireNonNull(contact, "contact");
        database.write(connection -> {
            upsert(connection, ArchiveKeys.ensureAccount(connection, account), contact);
            return null;
        });
    }

    @Override
    public void removeContact(AccountId account, Address address) throws ArchiveException {
        deleteForAccount("contact", account, address);
    }

    @Override
    public List<SubscriptionRequest> pendingRequests(AccountId account) throws ArchiveException {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT r.address, r.nickname, r.received
                    FROM subscription_request r JOIN account a ON a.id = r.account_id
                    WHERE a.address = ? ORDER BY r.received, r.id""")) {
                query.setString(1, account.address().value());
                List<SubscriptionRequest> requests = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        requests.add(new SubscriptionRequest(account, new Address(rows.getString("address")),
                                rows.getString("nickname"), Millis.read(rows, "received")));
                    }
                }
                return requests;
            }
        });
    }

    @Override
    public void saveRequest(SubscriptionRequest request) throws ArchiveException {
        database.write(connection -> {
            long accountId = ArchiveKeys.ensureAccount(connection, request.account());
            // a repeated request keeps the first: its time is when the user was first asked
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO subscription_request (account_id, address, nickname, received) VALUES (?, ?, ?, ?)
                    ON CONFLICT (account_id, address) DO NOTHING""")) {
                insert.setLong(1, accountId);
                insert.setString(2, request.from().value());
                insert.setString(3, request.nickname());
                Millis.bind(insert, 4, request.received());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void removeRequest(AccountId account, Address from) throws ArchiveException {
        deleteForAccount("subscription_request", account, from);
    }

    private static void upsert(Connection connection, long accountId, Contact contact) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO contact (account_id, address, name, subscription, ask_pending) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (account_id, address) DO UPDATE SET
                    name = excluded.name, subscription = excluded.subscription, ask_pending = excluded.ask_pending""")) {
            upsert.setLong(1, accountId);
            upsert.setString(2, contact.address().value());
            upsert.setString(3, contact.name());
            upsert.setString(4, contact.subscription().name());
            upsert.setInt(5, contact.askPending() ? 1 : 0);
            upsert.executeUpdate();
        }
        long contactId = contactId(connection, accountId, contact.address()).orElseThrow();
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM contact_group WHERE contact_id = ?")) {
            delete.setLong(1, contactId);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO contact_group (contact_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (String group : new LinkedHashSet<>(contact.groups())) {
                insert.setLong(1, contactId);
                insert.setString(2, group);
                insert.executeUpdate();
            }
        }
    }

    private static OptionalLong contactId(Connection connection, long accountId, Address address)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id FROM contact WHERE account_id = ? AND address = ?")) {
            query.setLong(1, accountId);
            query.setString(2, address.value());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** A contact row while its groups are being collected. */
    private static final class ContactRow {
        final Address address;
        final String name;
        final Subscription subscription;
        final boolean askPending;
        final List<String> groups = new ArrayList<>();

        ContactRow(ResultSet rows) throws SQLException {
            address = new Address(rows.getString("address"));
            name = rows.getString("name");
            subscription = Subscription.valueOf(rows.getString("subscription"));
            askPending = rows.getInt("ask_pending") != 0;
        }

        Contact toContact() {
            return new Contact(address, name, subscription, askPending, groups);
        }
    }

    /** Deletes the row of {@code address} in {@code table} (a fixed name from this class) for the account. */
    private void deleteForAccount(String table, AccountId account, Address address) throws ArchiveException {
        database.write(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table
                    + " WHERE address = ? AND account_id = (SELECT id FROM account WHERE address = ?)")) {
                delete.setString(1, address.value());
                delete.setString(2, account.address().value());
                delete.executeUpdate();
            }
            return null;
        });
    }
}
