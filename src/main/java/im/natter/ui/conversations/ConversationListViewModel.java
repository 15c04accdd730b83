package im.natter.ui.conversations;

import im.natter.domain.event.ConversationChanged;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Conversation;
import im.natter.domain.model.ConversationKey;
import im.natter.service.EventBus;
import im.natter.ui.UiServices;
import im.natter.ui.chat.DisplayText;
import im.natter.ui.chat.TimeLabels;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The list of conversations of one account, newest activity first. It comes from the archive, so it is there
 * without a network, and follows {@link ConversationChanged}. Called only on the FX thread.
 */
public final class ConversationListViewModel {

    /** Newest first; conversations without messages after those with, then by address so the order is stable. */
    static final Comparator<ConversationListItem> ORDER = Comparator
            .comparing(ConversationListItem::lastActivity, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(i -> i.key().peer());

    private final UiServices services;
    private final AccountId account;
    private final Consumer<ConversationKey> onOpen;
    private final ObservableList<ConversationListItem> items = FXCollections.observableArrayList();
    private final ObservableList<ConversationListItem> itemsView = FXCollections.unmodifiableObservableList(items);
    private final Map<ConversationKey, ConversationListItem> byKey = new HashMap<>();
    private final Map<ConversationKey, Conversation> latest = new HashMap<>();
    private final Map<Address, String> displayNames = new HashMap<>();
    private final ObjectProperty<ConversationKey> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper(this, "loadError", "");
    private final List<EventBus.Subscription> subscriptions = new ArrayList<>();
    private boolean active;

    public ConversationListViewModel(UiServices services, AccountId account, Consumer<ConversationKey> onOpen) {
        this.services = services;
        this.account = account;
        this.onOpen = onOpen;
    }

    public void activate() {
        if (active) {
            return;
        }
        active = true;
        subscriptions.add(services.events().on(ConversationChanged.class, e -> {
            if (e.conversation().key().account().equals(account)) {
                apply(e.conversation());
            }
        }));
        services.conversations().conversations(account).whenCompleteAsync((list, error) -> {
            if (!active) {
                return;
            }
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                loadError.set("The conversations could not be loaded: " + cause.getMessage());
                return;
            }
            for (Conversation c : list) {
                // an event that came in while the archive was read is newer; keep it
                if (!byKey.containsKey(c.key())) {
                    apply(c);
                }
            }
        }, services.fx());
    }

    public void dispose() {
        active = false;
        subscriptions.forEach(EventBus.Subscription::close);
        subscriptions.clear();
    }

    public ObservableList<ConversationListItem> items() {
        return itemsView;
    }

    /**
     * The open conversation, highlighted in the list. Setting it only highlights; {@link #open} is the user's
     * choice and also tells the shell.
     */
    public ObjectProperty<ConversationKey> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty loadErrorProperty() {
        return loadError.getReadOnlyProperty();
    }

    /** The user picked this conversation. */
    public void open(ConversationKey key) {
        selected.set(key);
        onOpen.accept(key);
    }

    /** The name to show for {@code address} (from the roster); null or blank goes back to the address. */
    public void setDisplayName(Address address, String name) {
        if (name == null || name.isBlank()) {
            displayNames.remove(address);
        } else {
            displayNames.put(address, DisplayText.oneLine(name).strip());
        }
        for (ConversationListItem item : items) {
            if (item.key().peer().equals(address)) {
                item.setName(nameOf(address));
            }
        }
    }

    /** Recomputes the relative times ("Yesterday" after midnight). */
    public void refreshTimes() {
        latest.values().forEach(this::fill);
    }

    private void apply(Conversation c) {
        latest.put(c.key(), c);
        ConversationListItem item = byKey.get(c.key());
        if (item == null) {
            item = new ConversationListItem(c.key(), nameOf(c.key().peer()));
            byKey.put(c.key(), item);
            fill(c);
            items.add(insertionPoint(item), item);
            return;
        }
        fill(c);
        int at = items.indexOf(item);
        boolean inOrder = (at == 0 || ORDER.compare(items.get(at - 1), item) <= 0)
                && (at == items.size() - 1 || ORDER.compare(item, items.get(at + 1)) <= 0);
        if (!inOrder) {
            // a permutation keeps the list's selection on the same conversation
            items.sort(ORDER);
        }
    }

    private void fill(Conversation c) {
        ConversationListItem item = byKey.get(c.key());
        Instant time = c.lastMessage() == null ? null : c.lastMessage().time();
        String timeText = time == null ? "" : TimeLabels.listTime(time, services.clock().getZone(),
                LocalDate.now(services.clock()), Locale.getDefault(Locale.Category.FORMAT));
        item.update(PreviewText.of(c.lastMessage()), timeText, c.unread(), time);
    }

    private int insertionPoint(ConversationListItem item) {
        int i = 0;
        while (i < items.size() && ORDER.compare(items.get(i), item) <= 0) {
            i++;
        }
        return i;
    }

    private String nameOf(Address address) {
        String name = displayNames.get(address);
        return name != null ? name : address.localpart().orElse(address.value());
    }
}
