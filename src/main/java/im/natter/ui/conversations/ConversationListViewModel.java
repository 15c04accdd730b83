package im.natter.ui.conversations;

import im.natter.domain.event.BookmarksChanged;
import im.natter.domain.event.ConversationChanged;
import im.natter.domain.event.RoomChanged;
import im.natter.domain.model.Bookmark;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.NotificationLevel;
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
    /** Rooms in the list only because they are bookmarked (nothing said in them yet). */
    private final java.util.Set<ConversationKey> bookmarkOnly = new java.util.HashSet<>();
    /** Rooms the user named in a bookmark; the room's own name does not replace it. */
    private final java.util.Set<Address> bookmarkNames = new java.util.HashSet<>();
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
        subscriptions.add(services.events().on(BookmarksChanged.class, e -> {
            if (e.account().equals(account)) {
                bookmarks(e.bookmarks());
            }
        }));
        subscriptions.add(services.events().on(RoomChanged.class, e -> {
            if (e.account().equals(account) && e.snapshot().features() != null) {
                setRoomName(e.room(), e.snapshot().features().name(), false);
            }
        }));
        if (services.bookmarks() != null) {
            services.bookmarks().bookmarks(account).whenCompleteAsync((list, error) -> {
                if (active && error == null) {
                    bookmarks(list);
                }
            }, services.fx());
        }
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
                if (!byKey.containsKey(c.key()) || bookmarkOnly.remove(c.key())) {
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
            Address peer = item.key().peer();
            if (peer.equals(address) || (peer.isOccupant() && peer.bare().equals(address))) {
                item.setName(nameOf(peer));
            }
        }
    }

    /** The name the list shows for {@code key}. */
    public String nameOf(ConversationKey key) {
        return nameOf(key.peer());
    }

    /** How many messages of {@code key} were unread at last word from the archive (for "new since"). */
    public int unreadOf(ConversationKey key) {
        Conversation c = latest.get(key);
        return c == null ? 0 : c.unread();
    }

    /**
     * The user's bookmarks are rooms in the list even before anything was said in them; a bookmark taken away
     * takes its row with it only while the room has no messages.
     */
    private void bookmarks(List<Bookmark> bookmarks) {
        java.util.Set<ConversationKey> marked = new java.util.HashSet<>();
        for (Bookmark b : bookmarks) {
            ConversationKey key = new ConversationKey(account, b.room(), ConversationKind.ROOM);
            marked.add(key);
            if (b.name() != null && !b.name().isBlank()) {
                setRoomName(b.room(), b.name(), true);
            }
            if (!byKey.containsKey(key)) {
                apply(new Conversation(key, null, 0));
                bookmarkOnly.add(key);
            }
        }
        for (ConversationKey key : List.copyOf(bookmarkOnly)) {
            ConversationListItem item = byKey.get(key);
            if (!marked.contains(key) && item != null && item.lastActivity() == null) {
                items.remove(item);
                byKey.remove(key);
                latest.remove(key);
                bookmarkOnly.remove(key);
            }
        }
    }

    /** A room's own name (from the room) or the user's (from a bookmark, which wins). */
    private void setRoomName(Address room, String name, boolean fromBookmark) {
        if (name == null || name.isBlank() || (!fromBookmark && bookmarkNames.contains(room))) {
            return;
        }
        if (fromBookmark) {
            bookmarkNames.add(room);
        }
        setDisplayName(room, name);
    }

    /** Recomputes the relative times ("Yesterday" after midnight). */
    public void refreshTimes() {
        latest.values().forEach(this::fill);
    }

    private void apply(Conversation c) {
        if (c.lastMessage() != null) {
            bookmarkOnly.remove(c.key());
        }
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
        String preview = c.lastMessage() == null && c.key().kind() == ConversationKind.ROOM ? "Room"
                : PreviewText.of(c.lastMessage());
        // a room's badge counts what asks for attention under its notification level
        item.update(preview, timeText, c.attention(), time);
        item.updateRoom(c.mentions(), c.notifications() == NotificationLevel.NONE);
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
        if (name != null) {
            return name;
        }
        if (address.isOccupant()) {
            // someone in a room, privately: "nick (room)"
            Address room = address.bare();
            String roomName = displayNames.getOrDefault(room, room.localpart().orElse(room.value()));
            return DisplayText.oneLine(address.nick().orElse("")) + " (" + roomName + ")";
        }
        return address.localpart().orElse(address.value());
    }
}
