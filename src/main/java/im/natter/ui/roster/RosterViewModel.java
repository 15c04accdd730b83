package im.natter.ui.roster;

import im.natter.domain.event.ContactChanged;
import im.natter.domain.event.ContactRemoved;
import im.natter.domain.event.PresenceChanged;
import im.natter.domain.event.RosterLoaded;
import im.natter.domain.event.SubscriptionRequestResolved;
import im.natter.domain.event.SubscriptionRequested;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Availability;
import im.natter.domain.model.Contact;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.PresenceStatus;
import im.natter.service.EventBus;
import im.natter.ui.UiServices;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The contact list: grouped by roster group, each contact with the presence of their best device, optionally
 * without offline contacts; plus the subscription requests waiting for an answer. Keeps plain rows only, so a
 * roster of thousands costs one list of records and a screenful of cells.
 */
public final class RosterViewModel {

    /** Where contacts without a group go. */
    public static final String NO_GROUP = "Contacts";

    private final UiServices services;
    private final AccountId account;
    private final Consumer<ConversationKey> onOpen;
    private final Map<Address, Contact> contacts = new HashMap<>();
    private final Map<Address, PresenceStatus> presence = new HashMap<>();
    private final ObservableList<RosterRow> rows = FXCollections.observableArrayList();
    private final ObservableList<SubscriptionRequestItem> requests = FXCollections.observableArrayList();
    private final BooleanProperty hideOffline = new SimpleBooleanProperty();
    private final SimpleStringProperty error = new SimpleStringProperty();
    private final SimpleStringProperty emptyText = new SimpleStringProperty();
    private final List<EventBus.Subscription> subscriptions = new ArrayList<>();
    private boolean rebuildScheduled;

    public RosterViewModel(UiServices services, AccountId account, Consumer<ConversationKey> onOpen) {
        this.services = services;
        this.account = account;
        this.onOpen = onOpen;
        hideOffline.set(services.accounts().settings().hideOfflineContacts());
        hideOffline.addListener((o, was, hide) -> {
            services.accounts().saveHideOffline(hide);
            rebuild();
        });
        rebuild();
    }

    public void activate() {
        subscriptions.add(services.events().on(RosterLoaded.class, e -> {
            if (mine(e.account())) {
                contacts.clear();
                e.contacts().forEach(c -> contacts.put(c.address(), c));
                scheduleRebuild();
            }
        }));
        subscriptions.add(services.events().on(ContactChanged.class, e -> {
            if (mine(e.account())) {
                contacts.put(e.contact().address(), e.contact());
                scheduleRebuild();
            }
        }));
        subscriptions.add(services.events().on(ContactRemoved.class, e -> {
            if (mine(e.account())) {
                contacts.remove(e.address());
                scheduleRebuild();
            }
        }));
        subscriptions.add(services.events().on(PresenceChanged.class, e -> {
            if (mine(e.account())) {
                if (e.status().availability() == Availability.OFFLINE) {
                    presence.remove(e.contact());
                } else {
                    presence.put(e.contact(), e.status());
                }
                if (contacts.containsKey(e.contact())) {
                    scheduleRebuild();
                }
            }
        }));
        subscriptions.add(services.events().on(SubscriptionRequested.class, e -> {
            if (mine(e.request().account())) {
                requests.removeIf(r -> r.from().equals(e.request().from()));
                requests.add(new SubscriptionRequestItem(e.request().from(), e.request().nickname()));
            }
        }));
        subscriptions.add(services.events().on(SubscriptionRequestResolved.class, e -> {
            if (mine(e.account())) {
                requests.removeIf(r -> r.from().equals(e.from()));
            }
        }));
    }

    public void dispose() {
        subscriptions.forEach(EventBus.Subscription::close);
        subscriptions.clear();
    }

    /** Group headings and contacts, in display order. */
    public ObservableList<RosterRow> rows() {
        return rows;
    }

    public ObservableList<SubscriptionRequestItem> requests() {
        return requests;
    }

    public BooleanProperty hideOfflineProperty() {
        return hideOffline;
    }

    /** The last failed action in words, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    /** What the list says when it has no rows, or null when it has some. */
    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText;
    }

    public void clearError() {
        error.set(null);
    }

    /** The contact's row data, if they are on the roster. */
    public Optional<ContactListItem> item(Address address) {
        Contact c = contacts.get(address);
        return c == null ? Optional.empty() : Optional.of(itemOf(c, groupOf(c)));
    }

    public PresenceStatus presenceOf(Address address) {
        return presence.getOrDefault(address, PresenceStatus.OFFLINE);
    }

    /** Opens (creating if needed) the chat with this contact. */
    public void open(Address address) {
        ConversationKey key = ConversationKey.chat(account, address);
        services.conversations().open(key).whenCompleteAsync((c, e) -> {
            if (e == null) {
                onOpen.accept(key);
            } else {
                error.set("The chat could not be opened: " + reason(e));
            }
        }, services.fx());
    }

    public void accept(Address from) {
        answer(services.roster().accept(account, from), "accepted");
    }

    public void decline(Address from) {
        answer(services.roster().decline(account, from), "declined");
    }

    private void answer(CompletableFuture<Void> done, String verb) {
        done.whenCompleteAsync((ok, e) -> {
            if (e != null) {
                error.set("The request could not be " + verb + ": " + reason(e));
            }
        }, services.fx());
    }

    private boolean mine(AccountId a) {
        return account.equals(a);
    }

    /** Folds a burst of events into one rebuild; in tests the executor runs it at once. */
    private void scheduleRebuild() {
        if (!rebuildScheduled) {
            rebuildScheduled = true;
            services.fx().execute(() -> {
                rebuildScheduled = false;
                rebuild();
            });
        }
    }

    private void rebuild() {
        Map<String, List<Contact>> byGroup = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        List<Contact> ungrouped = new ArrayList<>();
        for (Contact c : contacts.values()) {
            if (c.groups().isEmpty()) {
                ungrouped.add(c);
            } else {
                for (String g : c.groups()) {
                    byGroup.computeIfAbsent(g, k -> new ArrayList<>()).add(c);
                }
            }
        }
        Map<String, List<Contact>> ordered = new LinkedHashMap<>(byGroup);
        if (!ungrouped.isEmpty()) {
            ordered.merge(NO_GROUP, ungrouped, (a, b) -> {
                a.addAll(b);
                return a;
            });
        }
        List<RosterRow> next = new ArrayList<>();
        Comparator<ContactListItem> byName = Comparator.comparing(ContactListItem::name,
                String.CASE_INSENSITIVE_ORDER).thenComparing(i -> i.address().value());
        for (var group : ordered.entrySet()) {
            List<ContactListItem> items = group.getValue().stream().map(c -> itemOf(c, group.getKey()))
                    .sorted(byName).toList();
            int online = (int) items.stream().filter(i -> i.availability().isOnline()).count();
            List<ContactListItem> shown = hideOffline.get()
                    ? items.stream().filter(i -> i.availability().isOnline()).toList() : items;
            if (!shown.isEmpty()) {
                next.add(new GroupHeader(group.getKey(), online, items.size()));
                next.addAll(shown);
            }
        }
        rows.setAll(next);
        if (!next.isEmpty()) {
            emptyText.set(null);
        } else if (contacts.isEmpty()) {
            emptyText.set("No contacts yet. Add someone with “Add contact”.");
        } else {
            emptyText.set("Nobody is online right now.");
        }
    }

    private String groupOf(Contact c) {
        return c.groups().isEmpty() ? NO_GROUP : c.groups().getFirst();
    }

    private ContactListItem itemOf(Contact c, String group) {
        PresenceStatus p = presenceOf(c.address());
        return new ContactListItem(c.address(), c.displayName(), statusText(c, p), p.availability(), group);
    }

    private static String statusText(Contact c, PresenceStatus p) {
        if (!p.message().isBlank()) {
            return p.message().strip().replaceAll("\\s+", " ");
        }
        if (p.availability().isOnline()) {
            return im.natter.ui.fx.PresenceLook.label(p.availability());
        }
        if (c.askPending()) {
            return "Waiting for them to accept";
        }
        if (!c.subscription().seesTheirPresence()) {
            return c.address().value();
        }
        return "Offline";
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : "something went wrong.";
    }
}
