package im.natter.ui.chat;

import im.natter.domain.event.MessageAdded;
import im.natter.domain.event.MessageChanged;
import im.natter.domain.event.PeerChatStateChanged;
import im.natter.domain.model.ChatState;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import im.natter.domain.model.PresenceStatus;
import im.natter.domain.port.ArchiveException;
import im.natter.service.EventBus;
import im.natter.service.MessageRejectedException;
import im.natter.ui.UiServices;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import im.natter.ui.chat.MessageListItem.RoomLook;

/**
 * One open conversation: its messages (newest page first, older pages on demand, live updates) and the composer.
 * Called only on the FX thread; service futures continue on {@code services.fx()}.
 */
public final class ChatViewModel {

    static final int PAGE_SIZE = 50;

    private static final System.Logger LOG = System.getLogger(ChatViewModel.class.getName());
    private static final Comparator<ChatMessage> ORDER = Comparator.comparing(ChatMessage::orderTime)
            .thenComparingLong(ChatMessage::id);

    private final UiServices services;
    private final ConversationKey key;
    private final ZoneId zone;
    private final ObservableList<MessageListItem> items = FXCollections.observableArrayList();
    private final ObservableList<MessageListItem> itemsView = FXCollections.unmodifiableObservableList(items);
    private final Set<Long> ids = new HashSet<>();
    /** New messages of this turn of the FX thread, not in {@link #items} yet (their ids are in {@link #ids}). */
    private List<ChatMessage> arriving = new ArrayList<>();
    /** Quotes of answered messages looked up in the archive, by the id replies name them with. */
    private final Map<String, ReplyQuote> lookedUpQuotes = new HashMap<>();
    private final List<EventBus.Subscription> subscriptions = new ArrayList<>();

    private final StringProperty title = new SimpleStringProperty(this, "title");
    private final ObjectProperty<PresenceStatus> peerPresence =
            new SimpleObjectProperty<>(this, "peerPresence", PresenceStatus.OFFLINE);
    private final ReadOnlyStringWrapper peerStatusText = new ReadOnlyStringWrapper(this, "peerStatusText", "");
    private final StringProperty composerText = new SimpleStringProperty(this, "composerText", "");
    private final ReadOnlyStringWrapper composerProblem = new ReadOnlyStringWrapper(this, "composerProblem", "");
    private final ReadOnlyStringWrapper sendError = new ReadOnlyStringWrapper(this, "sendError", "");
    private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper(this, "loadError", "");
    private final ReadOnlyBooleanWrapper sending = new ReadOnlyBooleanWrapper(this, "sending");
    private final ReadOnlyBooleanWrapper canSend = new ReadOnlyBooleanWrapper(this, "canSend");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
    private final ReadOnlyBooleanWrapper hasOlder = new ReadOnlyBooleanWrapper(this, "hasOlder", true);
    private final ReadOnlyBooleanWrapper loadingOlder = new ReadOnlyBooleanWrapper(this, "loadingOlder");
    private final ReadOnlyStringWrapper olderStatus = new ReadOnlyStringWrapper(this, "olderStatus", "");
    private final ReadOnlyBooleanWrapper peerTyping = new ReadOnlyBooleanWrapper(this, "peerTyping");
    /** Index of the last message row on screen, as the view last said; -1 when none. */
    private int lastShownIndex = -1;

    /** The archive's cursor for the next older page: the oldest message of the last page it gave us. */
    private long oldestLoadedId;
    /** The local archive has nothing older than what is shown; older pages now come from the server. */
    private boolean localExhausted;
    private boolean visibleAndFocused;
    private boolean unreadWhileAway;
    private boolean active;
    private long lastSeenId;

    /** A room's timeline shows who wrote each message, groups a sender's rows and highlights mentions. */
    private final boolean roomTimeline;
    /** The user's nickname in the room, for mentions; null elsewhere. */
    private String ownNick;
    /** How many incoming messages were unread when the timeline opened: the "new since" line goes above them. */
    private int newSince;
    private long dividerBeforeId;

    /** Messages of one sender this close together form one group; a longer pause shows the name again. */
    static final java.time.Duration GROUP_PAUSE = java.time.Duration.ofMinutes(5);

    public ChatViewModel(UiServices services, ConversationKey key) {
        this.services = services;
        this.key = key;
        this.zone = services.clock().getZone();
        this.roomTimeline = key.kind() == ConversationKind.ROOM;
        title.set(key.peer().localpart().orElse(key.peer().value()));
        composerText.addListener((obs, old, text) -> composerChanged(text));
        sending.addListener((obs, old, now) -> updateCanSend());
        peerPresence.addListener((obs, old, now) -> peerStatusText.set(describe(now)));
        peerStatusText.set(describe(peerPresence.get()));
        loadingOlder.addListener((obs, old, now) -> updateOlderStatus(null));
        hasOlder.addListener((obs, old, now) -> updateOlderStatus(null));
    }

    /**
     * The user's nickname in a room: their messages are recognised by it and other messages that name it are
     * highlighted. Changing it looks at the rows again.
     */
    public void setOwnNick(String nick) {
        if (java.util.Objects.equals(nick, ownNick)) {
            return;
        }
        ownNick = nick;
        for (int i = 0; i < items.size(); i++) {
            relook(i);
        }
    }

    /**
     * How many messages were unread when the user came back; call before {@link #activate}. The first of them
     * gets a line above it: "N new since you were last here".
     */
    public void setNewSince(int unread) {
        newSince = Math.max(0, unread);
    }

    /** Loads the newest page, follows new and changed messages, and marks the conversation read. */
    public void activate() {
        if (active) {
            return;
        }
        active = true;
        subscriptions.add(services.events().on(MessageAdded.class, e -> {
            if (e.message().conversation().equals(key)) {
                added(e.message());
            }
        }));
        subscriptions.add(services.events().on(MessageChanged.class, e -> {
            if (e.message().conversation().equals(key)) {
                changed(e.message());
            }
        }));
        if (services.chatStates() != null) {
            subscriptions.add(services.events().on(PeerChatStateChanged.class, e -> {
                if (e.conversation().equals(key)) {
                    peerTyping.set(e.state() == ChatState.COMPOSING);
                }
            }));
            peerTyping.set(services.chatStates().peerState(key) == ChatState.COMPOSING);
        }
        markRead();
        services.chats().history(key, 0, PAGE_SIZE).whenCompleteAsync((page, error) -> {
            if (!active) {
                return;
            }
            if (error != null) {
                loadError.set("The messages could not be loaded: " + reason(error));
            } else {
                pageArrived(page);
                placeDivider();
                localExhausted = page.size() < PAGE_SIZE;
                hasOlder.set(!localExhausted || services.history() != null);
                loaded.set(true);
            }
        }, services.fx());
    }

    /**
     * Shows a made-up message in a timeline that is never activated: a warm-up sample, which must not look like a
     * conversation of the user's to any service.
     */
    public void showSample(ChatMessage m) {
        if (active) {
            throw new IllegalStateException("a sample is never an activated timeline");
        }
        insert(m);
    }

    public void dispose() {
        if (active && services.chatStates() != null) {
            services.chatStates().left(key);
        }
        active = false;
        subscriptions.forEach(EventBus.Subscription::close);
        subscriptions.clear();
    }

    public ConversationKey key() {
        return key;
    }

    /** True while the contact is typing (XEP-0085 composing); the header then says "typing…". */
    public ReadOnlyBooleanProperty peerTypingProperty() {
        return peerTyping.getReadOnlyProperty();
    }

    /** The messages in display order (by display time, then archive id); read-only for the view. */
    public ObservableList<MessageListItem> items() {
        return itemsView;
    }

    /** The contact's name as the shell knows it; the address's localpart until it says otherwise. */
    public StringProperty titleProperty() {
        return title;
    }

    public void setPeerName(String name) {
        title.set(name == null || name.isBlank() ? key.peer().localpart().orElse(key.peer().value()) : name);
    }

    public ReadOnlyObjectProperty<PresenceStatus> peerPresenceProperty() {
        return peerPresence;
    }

    public void setPeerPresence(PresenceStatus presence) {
        peerPresence.set(presence == null ? PresenceStatus.OFFLINE : presence);
    }

    /** The contact's status in words: their own status message, else their availability. */
    public ReadOnlyStringProperty peerStatusTextProperty() {
        return peerStatusText.getReadOnlyProperty();
    }

    public String peerAddress() {
        return key.peer().value();
    }

    public StringProperty composerTextProperty() {
        return composerText;
    }

    /** Why the text in the composer cannot be sent (too long), or empty. Empty text is not called a problem. */
    public ReadOnlyStringProperty composerProblemProperty() {
        return composerProblem.getReadOnlyProperty();
    }

    /** Why the last send failed, in words; cleared when the user edits the text. */
    public ReadOnlyStringProperty sendErrorProperty() {
        return sendError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty loadErrorProperty() {
        return loadError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canSendProperty() {
        return canSend.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty sendingProperty() {
        return sending.getReadOnlyProperty();
    }

    /** True once the newest page is in. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** False once the archive has no older messages. */
    public ReadOnlyBooleanProperty hasOlderProperty() {
        return hasOlder.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingOlderProperty() {
        return loadingOlder.getReadOnlyProperty();
    }

    /**
     * A word on older history for the top of the list: "Loading older messages…", "Beginning of the conversation",
     * why the server could not give older ones, or empty.
     */
    public ReadOnlyStringProperty olderStatusProperty() {
        return olderStatus.getReadOnlyProperty();
    }

    /**
     * Sends the composer's text. The text stays in the composer until the message is safely stored; if it
     * cannot be, the reason is shown and nothing is lost.
     */
    public void send() {
        if (!canSend.get()) {
            return;
        }
        String text = composerText.get();
        sending.set(true);
        sendError.set("");
        services.chats().send(key, text).whenCompleteAsync((stored, error) -> {
            sending.set(false);
            if (error != null) {
                sendError.set(reason(error));
                return;
            }
            if (text.equals(composerText.get())) {
                composerText.set("");
            }
            added(stored);
        }, services.fx());
    }

    /** Sends a failed message again. */
    public void retry(MessageListItem item) {
        if (item.state() == DeliveryState.FAILED && item.isOutgoing()) {
            services.chats().retry(item.message());
        }
    }

    /**
     * Loads the page before the oldest one shown: from the local archive, and once that has nothing older, from
     * the server's archive (which stores it locally). Completes (on the FX thread) with the index at which the
     * message that was first before now stands, so the view can keep what the user was looking at in place.
     */
    public CompletableFuture<Integer> loadOlder() {
        if (!loaded.get() || !hasOlder.get() || loadingOlder.get()) {
            return CompletableFuture.completedFuture(0);
        }
        loadingOlder.set(true);
        var done = new CompletableFuture<Integer>();
        MessageListItem formerFirst = items.isEmpty() ? null : items.getFirst();
        if (localExhausted) {
            fetchFromServer(formerFirst, done);
            return done;
        }
        services.chats().history(key, oldestLoadedId, PAGE_SIZE).whenCompleteAsync((page, error) -> {
            if (!active) {
                loadingOlder.set(false);
                done.complete(0);
                return;
            }
            if (error != null) {
                loadingOlder.set(false);
                loadError.set("Older messages could not be loaded: " + reason(error));
                done.complete(0);
                return;
            }
            pageArrived(page);
            if (page.size() < PAGE_SIZE) {
                localExhausted = true;
                if (services.history() != null) {
                    fetchFromServer(formerFirst, done);
                    return;
                }
                hasOlder.set(false);
            }
            loadingOlder.set(false);
            done.complete(indexOf(formerFirst));
        }, services.fx());
        return done;
    }

    /** Asks the server for the page before the oldest message we have, then shows it from the local archive. */
    private void fetchFromServer(MessageListItem formerFirst, CompletableFuture<Integer> done) {
        services.history().fetchOlder(key, PAGE_SIZE).whenCompleteAsync((count, error) -> {
            if (!active) {
                loadingOlder.set(false);
                done.complete(0);
                return;
            }
            if (error != null) {
                loadingOlder.set(false);
                // not an error banner: the user can scroll up again once online
                updateOlderStatus(serverReason(error));
                done.complete(indexOf(formerFirst));
                return;
            }
            if (count == 0) {
                hasOlder.set(false);
                loadingOlder.set(false);
                done.complete(indexOf(formerFirst));
                return;
            }
            // the new messages may already be in (MessageAdded); reading them back moves the paging cursor
            var page = oldestLoadedId == 0 ? services.chats().history(key, 0, PAGE_SIZE)
                    : services.chats().history(key, oldestLoadedId, PAGE_SIZE);
            page.whenCompleteAsync((older, readError) -> {
                loadingOlder.set(false);
                if (active && readError == null) {
                    pageArrived(older);
                } else if (readError != null) {
                    loadError.set("Older messages could not be loaded: " + reason(readError));
                }
                done.complete(indexOf(formerFirst));
            }, services.fx());
        }, services.fx());
    }

    private int indexOf(MessageListItem formerFirst) {
        return formerFirst == null ? 0 : Math.max(0, indexOfId(formerFirst.id()));
    }

    private void updateOlderStatus(String problem) {
        if (problem != null) {
            olderStatus.set(problem);
        } else if (loadingOlder.get()) {
            olderStatus.set("Loading older messages…");
        } else if (!hasOlder.get()) {
            olderStatus.set("Beginning of the conversation");
        } else {
            olderStatus.set("");
        }
    }

    private static String serverReason(Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        // the history service words its failures for the user
        return e.getMessage() != null ? e.getMessage() : "Older messages could not be fetched from the server.";
    }

    /**
     * The view says whether the user can see this chat now (shown and the window focused). Arrivals while they
     * could not are marked read when they can.
     */
    public void setVisibleAndFocused(boolean value) {
        boolean was = visibleAndFocused;
        visibleAndFocused = value;
        if (value && unreadWhileAway) {
            unreadWhileAway = false;
            markRead();
        }
        if (value && !was && active && services.chatStates() != null) {
            services.chatStates().focused(key);
        }
        reportSeen();
    }

    /**
     * The view says which row is the last one on screen (-1: none). The newest incoming message up to it counts as
     * seen while the chat is visible and focused.
     */
    public void setLastShownIndex(int index) {
        lastShownIndex = index;
        reportSeen();
    }

    /** Opens a link the user clicked and confirmed; refuses anything that is not an allowed link. */
    public void openLink(String target) {
        if (LinkDetector.isAllowed(target)) {
            services.openLink().accept(target);
        } else {
            LOG.log(System.Logger.Level.WARNING, "refused to open a link that is not allowed");
        }
    }

    private void composerChanged(String text) {
        if (active && services.chatStates() != null) {
            if (text == null || text.isEmpty()) {
                services.chatStates().cleared(key);
            } else {
                services.chatStates().typing(key);
            }
        }
        sendError.set("");
        composerProblem.set(text == null || text.isBlank() ? "" : services.chats().checkBody(text).orElse(""));
        updateCanSend();
    }

    private void updateCanSend() {
        String text = composerText.get();
        canSend.set(!sending.get() && text != null && !text.isBlank() && composerProblem.get().isEmpty());
    }

    /** Tells the read-state service about the newest incoming message the user can see now, once per message. */
    private void reportSeen() {
        if (!visibleAndFocused || !active || lastShownIndex < 0 || services.readState() == null) {
            return;
        }
        for (int i = Math.min(lastShownIndex, items.size() - 1); i >= 0; i--) {
            MessageListItem item = items.get(i);
            if (!item.isOutgoing()) {
                if (item.id() != lastSeenId) {
                    lastSeenId = item.id();
                    services.readState().seen(item.message());
                }
                return;
            }
        }
    }

    private void markRead() {
        services.conversations().markRead(key).exceptionally(e -> {
            // the service already raised a notice for the user
            LOG.log(System.Logger.Level.DEBUG, "mark read failed", e);
            return null;
        });
    }

    /**
     * Takes a new message in. Messages arriving in the same turn of the FX thread (a catch-up hands over dozens)
     * go into the list together at its end, each run of neighbours as one change: every change makes each row of
     * the list at or after it show its message again.
     */
    private void added(ChatMessage m) {
        if (ids.contains(m.id())) {
            changed(m);
            return;
        }
        if (beforeAFullWindow(m)) {
            // a catch-up reading backwards hands over hundreds of these: each would lay out the rows on screen again
            // for a message far above them. It is in the archive already; scrolling back reads it from there.
            localExhausted = false;
            hasOlder.set(true);
            requote(m);
            return;
        }
        ids.add(m.id());
        arriving.add(m);
        if (arriving.size() == 1) {
            services.fx().execute(this::placeArrived);
        }
    }

    /**
     * Whether {@code m} sorts before every message shown while the list already holds a page or more: the user,
     * looking at the newest, reaches it by scrolling back, which reads the archive before the oldest shown.
     */
    private boolean beforeAFullWindow(ChatMessage m) {
        return loaded.get() && !loadingOlder.get() && items.size() >= PAGE_SIZE
                && ORDER.compare(m, items.getFirst().message()) < 0;
    }

    private void placeArrived() {
        List<ChatMessage> batch = arriving;
        arriving = new ArrayList<>();
        batch.sort(ORDER);
        int i = 0;
        while (i < batch.size()) {
            int at = insertionPoint(batch.get(i));
            int j = i + 1;
            // the following ones fall into the same gap while they sort before the row now there
            while (j < batch.size() && (at == items.size() || ORDER.compare(batch.get(j), items.get(at).message()) < 0)) {
                j++;
            }
            insertRun(at, batch.subList(i, j));
            i = j;
        }
        boolean incoming = false;
        for (ChatMessage m : batch) {
            requote(m);
            incoming |= m.direction() == Direction.INCOMING;
        }
        if (incoming) {
            if (visibleAndFocused) {
                markRead();
            } else {
                unreadWhileAway = true;
            }
        }
    }

    /** Puts {@code run}, in order, into the list at {@code at}, as one change. */
    private void insertRun(int at, List<ChatMessage> run) {
        ChatMessage previous = at > 0 ? items.get(at - 1).message() : null;
        List<MessageListItem> block = new ArrayList<>(run.size());
        for (ChatMessage m : run) {
            block.add(new MessageListItem(m, labelAfter(previous, m), zone, quoteFor(m), lookOf(previous, m)));
            previous = m;
        }
        items.addAll(at, block);
        relabel(at + block.size());
    }

    private void changed(ChatMessage m) {
        int i = indexOfId(m.id());
        if (i < 0) {
            changedArriving(m);
            return;
        }
        MessageListItem old = items.get(i);
        // a stale copy (the send future's QUEUED message arriving after the server's ack) must not undo a newer state
        if (old.state() != m.state() && !old.state().canMoveTo(m.state())) {
            return;
        }
        if (m.sortTime() != null && !m.sortTime().equals(old.message().sortTime())) {
            // the archive moved it to keep a sender's order (a message it missed went in before it)
            items.remove(i);
            ids.remove(m.id());
            relabel(i);
            insert(m);
            return;
        }
        ChatMessage previous = i > 0 ? items.get(i - 1).message() : null;
        items.set(i, new MessageListItem(m, old.dayLabel(), zone, quoteFor(m), lookOf(previous, m)));
        // a correction or retraction of an answered message shows in the quotes of its replies too
        requote(m);
    }

    /** A change to a message that arrived in this turn and is not in the list yet. */
    private void changedArriving(ChatMessage m) {
        for (int i = 0; i < arriving.size(); i++) {
            ChatMessage old = arriving.get(i);
            if (old.id() == m.id()) {
                if (old.state() == m.state() || old.state().canMoveTo(m.state())) {
                    arriving.set(i, m);
                }
                return;
            }
        }
    }

    private void pageArrived(List<ChatMessage> page) {
        if (!page.isEmpty()) {
            long first = page.getFirst().id();
            oldestLoadedId = oldestLoadedId == 0 ? first : Math.min(oldestLoadedId, first);
        }
        List<ChatMessage> fresh = new ArrayList<>();
        for (ChatMessage m : page) {
            if (!ids.contains(m.id())) {
                fresh.add(m);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        fresh.sort(ORDER);
        boolean allBefore = items.isEmpty() || ORDER.compare(fresh.getLast(), items.getFirst().message()) < 0;
        if (!allBefore) {
            // rare (clock skew between devices): fall back to one insertion each
            fresh.forEach(this::insert);
            return;
        }
        // the usual case, one change for the whole page so the list lays out once
        List<MessageListItem> block = new ArrayList<>(fresh.size());
        ChatMessage previous = null;
        for (ChatMessage m : fresh) {
            block.add(new MessageListItem(m, labelAfter(previous, m), zone, quoteFor(m), lookOf(previous, m)));
            ids.add(m.id());
            previous = m;
        }
        items.addAll(0, block);
        relabel(block.size());
    }

    private void insert(ChatMessage m) {
        int at = insertionPoint(m);
        ChatMessage previous = at > 0 ? items.get(at - 1).message() : null;
        ids.add(m.id());
        items.add(at, new MessageListItem(m, labelAfter(previous, m), zone, quoteFor(m), lookOf(previous, m)));
        relabel(at + 1);
        requote(m);
    }

    /**
     * The quote a reply shows: from the messages loaded here, else from the archive (looked up once, then the
     * reply's row is replaced); null while the lookup runs or when {@code m} answers nothing.
     */
    private ReplyQuote quoteFor(ChatMessage m) {
        String answered = m.replyToId();
        if (answered == null) {
            return null;
        }
        for (int i = items.size() - 1; i >= 0; i--) {
            ChatMessage candidate = items.get(i).message();
            if (names(answered, candidate)) {
                return ReplyQuote.of(candidate, authorOf(candidate));
            }
        }
        if (lookedUpQuotes.containsKey(answered)) {
            return lookedUpQuotes.get(answered);
        }
        lookedUpQuotes.put(answered, null);
        services.chats().referenced(key, answered).whenCompleteAsync((found, error) -> {
            if (error != null) {
                LOG.log(System.Logger.Level.DEBUG, "reply lookup failed", error);
            }
            ReplyQuote quote = found == null || found.isEmpty() ? ReplyQuote.UNKNOWN
                    : ReplyQuote.of(found.get(), authorOf(found.get()));
            lookedUpQuotes.put(answered, quote);
            for (int i = 0; i < items.size(); i++) {
                MessageListItem item = items.get(i);
                if (answered.equals(item.message().replyToId()) && item.quote() == null) {
                    items.set(i, item.withQuote(quote));
                }
            }
        }, services.fx());
        // an archive that answered at once (tests, a warm cache) has already filled it in
        return lookedUpQuotes.get(answered);
    }

    /** Gives the replies to {@code answered} that are shown its quote as it is now. */
    private void requote(ChatMessage answered) {
        for (int i = 0; i < items.size(); i++) {
            MessageListItem item = items.get(i);
            String id = item.message().replyToId();
            if (id != null && names(id, answered)) {
                items.set(i, item.withQuote(ReplyQuote.of(answered, authorOf(answered))));
            }
        }
    }

    private static boolean names(String id, ChatMessage m) {
        return id.equals(m.originId()) || id.equals(m.stanzaId());
    }

    private String authorOf(ChatMessage m) {
        return m.isOutgoing() ? "You" : roomTimeline ? senderName(m) : title.get();
    }

    /** Gives the item at {@code i} the day label and look it should have after its neighbour above changed. */
    private void relabel(int i) {
        if (i <= 0 || i >= items.size()) {
            return;
        }
        MessageListItem item = items.get(i);
        ChatMessage previous = items.get(i - 1).message();
        MessageListItem fixed = item.withDayLabel(labelAfter(previous, item.message()))
                .withRoomLook(lookOf(previous, item.message()));
        if (fixed != item) {
            items.set(i, fixed);
        }
    }

    private void relook(int i) {
        MessageListItem item = items.get(i);
        MessageListItem fixed = item.withRoomLook(lookOf(i > 0 ? items.get(i - 1).message() : null, item.message()));
        if (fixed != item) {
            items.set(i, fixed);
        }
    }

    /** Puts the "new since you were last here" line above the oldest of the {@link #newSince} unread messages. */
    private void placeDivider() {
        if (!roomTimeline || newSince <= 0) {
            return;
        }
        int seen = 0;
        for (int i = items.size() - 1; i >= 0; i--) {
            if (!items.get(i).isOutgoing() && ++seen == newSince) {
                dividerBeforeId = items.get(i).id();
                relook(i);
                return;
            }
        }
    }

    private RoomLook lookOf(ChatMessage previous, ChatMessage m) {
        if (!roomTimeline) {
            return null;
        }
        boolean own = isOwn(m);
        String divider = m.id() != 0 && m.id() == dividerBeforeId
                ? newSince + " new since you were last here" : null;
        boolean continued = divider == null && previous != null && sameSender(previous, m)
                && previous.displayTime().atZone(zone).toLocalDate().equals(m.displayTime().atZone(zone).toLocalDate())
                && java.time.Duration.between(previous.displayTime(), m.displayTime()).compareTo(GROUP_PAUSE) < 0;
        boolean mention = !own && !m.retracted() && (m.mentionsMe() || Mentions.mentions(m.body(), ownNick));
        return new RoomLook(own ? null : senderName(m), continued, mention, divider);
    }

    private boolean isOwn(ChatMessage m) {
        return m.isOutgoing();
    }

    private boolean sameSender(ChatMessage a, ChatMessage b) {
        if (isOwn(a) || isOwn(b)) {
            return isOwn(a) && isOwn(b);
        }
        if (a.occupantId() != null && b.occupantId() != null) {
            return a.occupantId().equals(b.occupantId());
        }
        return java.util.Objects.equals(a.senderNick(), b.senderNick());
    }

    private static String senderName(ChatMessage m) {
        return m.senderNick() != null && !m.senderNick().isBlank() ? DisplayText.oneLine(m.senderNick())
                : m.sender().localpart().orElse(m.sender().value());
    }

    private String labelAfter(ChatMessage previous, ChatMessage m) {
        LocalDate day = m.displayTime().atZone(zone).toLocalDate();
        if (previous != null && previous.displayTime().atZone(zone).toLocalDate().equals(day)) {
            return null;
        }
        return TimeLabels.day(day, LocalDate.now(services.clock()), Locale.getDefault(Locale.Category.FORMAT));
    }

    private int insertionPoint(ChatMessage m) {
        int lo = 0;
        int hi = items.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ORDER.compare(items.get(mid).message(), m) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int indexOfId(long id) {
        // changes almost always concern recent messages, so look from the end
        for (int i = items.size() - 1; i >= 0; i--) {
            if (items.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(PresenceStatus p) {
        if (!p.message().isBlank()) {
            return DisplayText.oneLine(p.message());
        }
        return switch (p.availability()) {
            case CHAT -> "Free to chat";
            case AVAILABLE -> "Online";
            case AWAY -> "Away";
            case EXTENDED_AWAY -> "Away for a while";
            case DO_NOT_DISTURB -> "Do not disturb";
            case OFFLINE -> "Offline";
        };
    }

    /** The user-facing reason inside a failed future; services put it in the exception's message. */
    static String reason(Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof MessageRejectedException || e instanceof ArchiveException) {
            return e.getMessage();
        }
        LOG.log(System.Logger.Level.WARNING, "unexpected failure", e);
        return "Something went wrong. Please try again.";
    }
}
