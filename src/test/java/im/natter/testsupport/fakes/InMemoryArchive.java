package im.natter.testsupport.fakes;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.Contact;
import im.natter.domain.model.Conversation;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.NotificationLevel;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import im.natter.domain.model.MessageChange;
import im.natter.domain.model.MessagePreview;
import im.natter.domain.model.PagePosition;
import im.natter.domain.model.StoredMessages;
import im.natter.domain.model.SubscriptionRequest;
import im.natter.domain.port.ArchiveException;
import im.natter.domain.port.ConversationStore;
import im.natter.domain.port.MessageStore;
import im.natter.domain.port.RosterStore;
import im.natter.domain.port.SyncStateStore;
import im.natter.domain.model.SyncState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An archive in memory with the same rules as the SQLite one (dedupe keys, forward-only states, ordering by
 * display time), for service and view-model tests. Thread-safe by a single lock. {@link #failWith} makes the
 * next writes fail like a full disk.
 */
public final class InMemoryArchive implements MessageStore, ConversationStore, RosterStore, SyncStateStore,
        im.natter.domain.port.ReadStateStore {

    private final List<ChatMessage> messages = new ArrayList<>();
    /** Corrections and retractions, each with the id of the message it changes (0 while that is unknown). */
    private final List<StoredChange> changes = new ArrayList<>();
    private final Map<ConversationKey, Integer> unread = new LinkedHashMap<>();
    private final Map<AccountId, Map<Address, Contact>> rosters = new LinkedHashMap<>();
    private final Map<AccountId, Map<Address, SubscriptionRequest>> requests = new LinkedHashMap<>();
    private final Map<List<Object>, SyncState> syncStates = new LinkedHashMap<>();
    private final List<PagePosition> pagePositions = new ArrayList<>();
    private final Map<ConversationKey, java.time.Instant> readUntil = new LinkedHashMap<>();
    private final Map<ConversationKey, NotificationLevel> notificationLevels = new LinkedHashMap<>();
    private long nextId = 1;
    private String failure;

    public synchronized void failWith(String userMessage) {
        failure = userMessage;
    }

    public synchronized List<ChatMessage> all() {
        return List.copyOf(messages);
    }

    private void checkFailure() throws ArchiveException {
        if (failure != null) {
            throw new ArchiveException(failure, null);
        }
    }

    private static Comparator<ChatMessage> order() {
        return Comparator.comparing(ChatMessage::displayTime).thenComparingLong(ChatMessage::id);
    }

    @Override
    public synchronized StoredMessages store(ChatMessage m) throws ArchiveException {
        // this fake orders by time and id only, so storing never moves another message
        return insert(m).map(stored -> new StoredMessages(List.of(stored), List.of())).orElse(StoredMessages.NOTHING);
    }

    @Override
    public synchronized Optional<ChatMessage> insert(ChatMessage m) throws ArchiveException {
        checkFailure();
        if (m.id() != 0) {
            throw new IllegalArgumentException("already stored");
        }
        for (ChatMessage o : messages) {
            if (!o.conversation().equals(m.conversation())) {
                continue;
            }
            if (seenWithoutIds(o, m)) {
                return Optional.empty();
            }
            if (m.stanzaId() != null && m.stanzaId().equals(o.stanzaId())
                    && Objects.equals(m.stanzaIdBy(), o.stanzaIdBy())) {
                return Optional.empty();
            }
            if (m.originId() != null && m.originId().equals(o.originId()) && m.sender().equals(o.sender())) {
                if (o.stanzaId() == null && m.stanzaId() != null) {
                    messages.set(messages.indexOf(o), new ChatMessage(o.id(), o.conversation(), o.direction(),
                            o.sender(), o.senderNick(), o.body(), o.contentKind(), o.originId(), m.stanzaId(),
                            m.stanzaIdBy(), o.serverTime(), o.localTime(), o.state(), o.error(), o.editedAt(),
                            o.retracted(), o.replyToId(), o.occupantId(), o.moderatedBy(), o.moderationReason(),
                            o.mentionsMe()));
                }
                return Optional.empty();
            }
        }
        ChatMessage stored = m.withId(nextId++);
        messages.add(stored);
        unread.putIfAbsent(m.conversation(), 0);
        if (m.direction() == Direction.INCOMING) {
            unread.merge(m.conversation(), 1, Integer::sum);
        }
        boolean waiting = false;
        for (int i = 0; i < changes.size(); i++) {
            StoredChange c = changes.get(i);
            MessageChange ch = c.change();
            boolean ownChange = !ch.isModeration() && ch.sender().equals(m.sender()) && sameAuthor(m, ch)
                    && (ch.targetId().equals(m.originId()) || ch.targetId().equals(m.stanzaId()));
            boolean moderation = ch.isModeration() && ch.targetId().equals(m.stanzaId())
                    && m.conversation().peer().value().equals(m.stanzaIdBy());
            if (c.messageId() == 0 && ch.conversation().equals(m.conversation()) && (ownChange || moderation)) {
                changes.set(i, new StoredChange(ch, stored.id()));
                waiting = true;
            }
        }
        return Optional.of(waiting ? recompute(stored.id()) : stored);
    }

    private record StoredChange(MessageChange change, long messageId) {
    }

    /** Join history of a room without ids, seen before: same nickname, text and time (see MessageWriter). */
    private static boolean seenWithoutIds(ChatMessage o, ChatMessage m) {
        if (m.conversation().kind() != ConversationKind.ROOM || m.stanzaId() != null || m.originId() != null
                || m.serverTime() == null || o.stanzaId() != null || o.originId() != null
                || !Objects.equals(o.senderNick(), m.senderNick()) || !o.body().equals(m.body())) {
            return false;
        }
        if (o.serverTime() != null) {
            return o.serverTime().toEpochMilli() == m.serverTime().toEpochMilli();
        }
        return java.time.Duration.between(o.localTime(), m.serverTime()).abs().toMillis() <= 120_000;
    }

    /** In a room, only the same occupant (occupant-id when both have one, else nickname) changes a message. */
    private static boolean sameAuthor(ChatMessage target, MessageChange change) {
        ConversationKey key = change.conversation();
        if (key.kind() != ConversationKind.ROOM || change.sender().equals(key.account().address())) {
            return true;
        }
        if (target.occupantId() != null && change.occupantId() != null) {
            return target.occupantId().equals(change.occupantId());
        }
        return Objects.equals(target.senderNick(), change.senderNick());
    }

    @Override
    public synchronized StoredMessages applyChange(MessageChange change) throws ArchiveException {
        checkFailure();
        List<Long> changed = new ArrayList<>();
        List<ChatMessage> added = new ArrayList<>();
        apply(change, changed, added);
        return new StoredMessages(added, changed.stream().map(this::byId).toList());
    }

    private void apply(MessageChange change, List<Long> changed, List<ChatMessage> added) throws ArchiveException {
        Optional<ChatMessage> target = change.isModeration()
                ? messages.stream().filter(m -> m.conversation().equals(change.conversation())
                        && change.targetId().equals(m.stanzaId())
                        && change.conversation().peer().value().equals(m.stanzaIdBy())).findFirst()
                : target(change.conversation(), change.targetId(), change.sender());
        if (target.isPresent() && !change.isModeration()
                && (!target.get().sender().equals(change.sender()) || !sameAuthor(target.get(), change))) {
            if (change.kind() == MessageChange.Kind.CORRECTION) {
                boolean own = change.sender().equals(change.conversation().account().address());
                insert(new ChatMessage(0, change.conversation(), own ? Direction.OUTGOING : Direction.INCOMING,
                        change.sender(), change.senderNick(), change.body(), change.contentKind(), change.originId(),
                        change.stanzaId(), change.stanzaIdBy(), change.serverTime(), change.localTime(),
                        own ? DeliveryState.ON_SERVER : DeliveryState.RECEIVED, null, null, false, null,
                        change.occupantId(), null, null, false)).ifPresent(added::add);
            }
            return;
        }
        for (StoredChange c : changes) {
            MessageChange o = c.change();
            if (!o.conversation().equals(change.conversation())) {
                continue;
            }
            if ((change.stanzaId() != null && change.stanzaId().equals(o.stanzaId())
                    && Objects.equals(change.stanzaIdBy(), o.stanzaIdBy()))
                    || (change.originId() != null && change.originId().equals(o.originId())
                            && change.sender().equals(o.sender()))) {
                return;
            }
        }
        long messageId = target.map(ChatMessage::id).orElse(0L);
        changes.add(new StoredChange(change, messageId));
        if (messageId != 0) {
            recompute(messageId);
            if (!changed.contains(messageId)) {
                changed.add(messageId);
            }
        }
    }

    private Optional<ChatMessage> target(ConversationKey conversation, String id, Address sender) {
        Optional<ChatMessage> found = messages.stream()
                .filter(m -> m.conversation().equals(conversation) && id.equals(m.originId()))
                .min(Comparator.comparing((ChatMessage m) -> !m.sender().equals(sender)));
        if (found.isEmpty()) {
            found = messages.stream().filter(m -> m.conversation().equals(conversation) && id.equals(m.stanzaId()))
                    .min(Comparator.comparing((ChatMessage m) -> !m.sender().equals(sender)));
        }
        if (found.isEmpty()) {
            found = changes.stream().filter(c -> c.messageId() != 0 && c.change().conversation().equals(conversation)
                    && id.equals(c.change().originId())).map(c -> byId(c.messageId())).findFirst();
        }
        return found;
    }

    private ChatMessage byId(long id) {
        return messages.stream().filter(m -> m.id() == id).findFirst().orElseThrow();
    }

    /** What the message shows after its whole chain: any retraction wins, else the newest correction. */
    private ChatMessage recompute(long id) {
        ChatMessage m = byId(id);
        List<MessageChange> chain = changes.stream().filter(c -> c.messageId() == id).map(StoredChange::change)
                .toList();
        ChatMessage now = m;
        Optional<MessageChange> moderation = chain.stream().filter(MessageChange::isModeration)
                .min(Comparator.comparing(MessageChange::displayTime));
        if (moderation.isPresent() || chain.stream().anyMatch(c -> c.kind() == MessageChange.Kind.RETRACTION)) {
            String by = m.moderatedBy() != null ? m.moderatedBy()
                    : moderation.map(MessageChange::moderatedBy).orElse(null);
            String reason = m.moderatedBy() != null ? m.moderationReason()
                    : moderation.map(MessageChange::moderationReason).orElse(null);
            now = new ChatMessage(m.id(), m.conversation(), m.direction(), m.sender(), m.senderNick(), "",
                    m.contentKind(), m.originId(), m.stanzaId(), m.stanzaIdBy(), m.serverTime(), m.localTime(),
                    m.state(), m.error(), null, true, m.replyToId(), m.occupantId(), by, reason, m.mentionsMe());
        } else {
            Optional<MessageChange> newest = chain.stream()
                    .max(Comparator.comparing(MessageChange::displayTime));
            if (newest.isPresent() && !m.retracted()) {
                now = new ChatMessage(m.id(), m.conversation(), m.direction(), m.sender(), m.senderNick(),
                        newest.get().body(), newest.get().contentKind(), m.originId(), m.stanzaId(), m.stanzaIdBy(),
                        m.serverTime(), m.localTime(), m.state(), m.error(), newest.get().displayTime(), false,
                        m.replyToId(), m.occupantId(), null, null, m.mentionsMe());
            }
        }
        messages.set(messages.indexOf(m), now);
        return now;
    }

    @Override
    public synchronized Optional<ChatMessage> findReferenced(ConversationKey conversation, String id) {
        if (id == null) {
            return Optional.empty();
        }
        return target(conversation, id, conversation.account().address());
    }

    @Override
    public synchronized Optional<ChatMessage> updateState(AccountId account, String originId, DeliveryState state,
            String error) throws ArchiveException {
        checkFailure();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            if (m.isOutgoing() && m.conversation().account().equals(account) && originId.equals(m.originId())) {
                if (!m.state().canMoveTo(state)) {
                    return Optional.empty();
                }
                ChatMessage updated = m.withState(state, error);
                messages.set(i, updated);
                return Optional.of(updated);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized List<ChatMessage> page(ConversationKey conversation, long beforeId, int limit) {
        List<ChatMessage> all = messages.stream().filter(m -> m.conversation().equals(conversation))
                .sorted(order()).toList();
        int end = all.size();
        if (beforeId != 0) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id() == beforeId) {
                    end = i;
                    break;
                }
            }
        }
        return List.copyOf(all.subList(Math.max(0, end - limit), end));
    }

    @Override
    public synchronized List<ChatMessage> queued(AccountId account) {
        return messages.stream()
                .filter(m -> m.isOutgoing() && m.state() == DeliveryState.QUEUED
                        && m.conversation().account().equals(account))
                .sorted(order()).toList();
    }

    @Override
    public synchronized List<ChatMessage> unconfirmedSince(AccountId account, java.time.Instant since) {
        return messages.stream()
                .filter(m -> m.isOutgoing() && m.state() == DeliveryState.ON_SERVER
                        && m.conversation().account().equals(account)
                        && m.conversation().kind() == im.natter.domain.model.ConversationKind.CHAT
                        && !m.localTime().isBefore(since)
                        && messages.stream().anyMatch(d -> d.conversation().equals(m.conversation())
                                && d.state() == DeliveryState.DELIVERED))
                .sorted(order()).toList();
    }

    @Override
    public synchronized Optional<ChatMessage> findByOriginId(AccountId account, String originId) {
        return messages.stream()
                .filter(m -> m.isOutgoing() && m.conversation().account().equals(account)
                        && originId.equals(m.originId()))
                .findFirst();
    }

    @Override
    public synchronized List<Conversation> conversations(AccountId account) {
        return unread.keySet().stream().filter(k -> k.account().equals(account)).map(this::build)
                .sorted(Comparator.comparing((Conversation c) -> c.lastMessage() == null ? null
                        : c.lastMessage().time(), Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    @Override
    public synchronized Optional<Conversation> conversation(ConversationKey key) {
        return unread.containsKey(key) ? Optional.of(build(key)) : Optional.empty();
    }

    @Override
    public synchronized Conversation open(ConversationKey key) throws ArchiveException {
        checkFailure();
        unread.putIfAbsent(key, 0);
        return build(key);
    }

    @Override
    public synchronized Conversation markRead(ConversationKey key) throws ArchiveException {
        checkFailure();
        unread.put(key, 0);
        messages.stream().filter(m -> m.conversation().equals(key)).map(ChatMessage::displayTime)
                .max(Comparator.naturalOrder())
                .ifPresent(t -> readUntil.merge(key, t, (a, b) -> a.isAfter(b) ? a : b));
        return build(key);
    }

    private Conversation build(ConversationKey key) {
        ChatMessage last = messages.stream().filter(m -> m.conversation().equals(key)).max(order()).orElse(null);
        MessagePreview preview = last == null ? null
                : new MessagePreview(last.body(), last.direction(), last.contentKind(), last.displayTime());
        int unreadNow = unread.getOrDefault(key, 0);
        java.time.Instant until = readUntil.get(key);
        int mentions = (int) messages.stream().filter(m -> m.conversation().equals(key) && m.mentionsMe()
                && m.direction() == Direction.INCOMING && (until == null || m.displayTime().isAfter(until))).count();
        return new Conversation(key, preview, unreadNow, Math.min(mentions, unreadNow),
                notificationLevels.getOrDefault(key, NotificationLevel.ALL));
    }

    @Override
    public synchronized Conversation setNotificationLevel(ConversationKey key, NotificationLevel level)
            throws ArchiveException {
        checkFailure();
        unread.putIfAbsent(key, 0);
        notificationLevels.put(key, level);
        return build(key);
    }

    @Override
    public synchronized List<Contact> roster(AccountId account) {
        return List.copyOf(rosters.getOrDefault(account, Map.of()).values());
    }

    @Override
    public synchronized void replaceRoster(AccountId account, List<Contact> contacts) throws ArchiveException {
        checkFailure();
        var map = new LinkedHashMap<Address, Contact>();
        contacts.forEach(c -> map.put(c.address(), c));
        rosters.put(account, map);
    }

    @Override
    public synchronized void saveContact(AccountId account, Contact contact) throws ArchiveException {
        checkFailure();
        rosters.computeIfAbsent(account, a -> new LinkedHashMap<>()).put(contact.address(), contact);
    }

    @Override
    public synchronized void removeContact(AccountId account, Address address) throws ArchiveException {
        checkFailure();
        rosters.getOrDefault(account, new LinkedHashMap<>()).remove(address);
    }

    @Override
    public synchronized List<SubscriptionRequest> pendingRequests(AccountId account) {
        return List.copyOf(requests.getOrDefault(account, Map.of()).values());
    }

    @Override
    public synchronized void saveRequest(SubscriptionRequest request) throws ArchiveException {
        checkFailure();
        requests.computeIfAbsent(request.account(), a -> new LinkedHashMap<>()).putIfAbsent(request.from(), request);
    }

    @Override
    public synchronized void removeRequest(AccountId account, Address from) throws ArchiveException {
        checkFailure();
        requests.getOrDefault(account, new LinkedHashMap<>()).remove(from);
    }

    @Override
    public synchronized Optional<SyncState> syncState(AccountId account, Address with) {
        return Optional.ofNullable(syncStates.get(java.util.Arrays.asList(account, with)));
    }

    @Override
    public synchronized StoredMessages storePage(List<ChatMessage> page, List<MessageChange> pageChanges,
            SyncState cursor) throws ArchiveException {
        checkFailure();
        List<Long> changed = new ArrayList<>();
        List<ChatMessage> byChanges = new ArrayList<>();
        for (MessageChange c : pageChanges) {
            apply(c, changed, byChanges);
        }
        List<ChatMessage> added = new ArrayList<>(storePage(page, cursor));
        added.addAll(byChanges);
        return new StoredMessages(added, changed.stream().map(this::byId).toList());
    }

    /**
     * Orders by display time, so where a page lies among stored messages changes nothing here; the positions are
     * noted for tests ({@link #pagePositions()}).
     */
    @Override
    public synchronized StoredMessages storePage(List<ChatMessage> page, List<MessageChange> pageChanges,
            SyncState cursor, PagePosition position) throws ArchiveException {
        StoredMessages stored = storePage(page, pageChanges, cursor);
        pagePositions.add(position);
        return stored;
    }

    /** The positions pages were stored with, in the order they were stored (pages stored without one: none). */
    public synchronized List<PagePosition> pagePositions() {
        return List.copyOf(pagePositions);
    }

    @Override
    public synchronized List<ChatMessage> storePage(List<ChatMessage> page, SyncState cursor)
            throws ArchiveException {
        checkFailure();
        List<ChatMessage> added = new ArrayList<>();
        for (ChatMessage m : page) {
            insert(m).ifPresent(added::add);
        }
        if (cursor != null) { // null: a page fetched while scrolling back, which never moves the cursor
            syncStates.put(java.util.Arrays.asList(cursor.account(), cursor.with()), cursor);
        }
        return added;
    }

    @Override
    public synchronized Optional<Conversation> markReadUpTo(ConversationKey key, String stanzaId, String stanzaIdBy,
            String originId) throws ArchiveException {
        checkFailure();
        Optional<java.time.Instant> until = messages.stream().filter(m -> m.conversation().equals(key))
                .filter(m -> stanzaId != null ? stanzaId.equals(m.stanzaId()) && Objects.equals(stanzaIdBy,
                        m.stanzaIdBy()) : originId != null && originId.equals(m.originId()))
                .map(ChatMessage::displayTime).max(Comparator.naturalOrder());
        if (until.isEmpty() || !unread.containsKey(key)) {
            return Optional.empty();
        }
        java.time.Instant before = readUntil.get(key);
        if (before != null && !before.isBefore(until.get())) {
            return Optional.empty();
        }
        readUntil.put(key, until.get());
        int count = (int) messages.stream().filter(m -> m.conversation().equals(key)
                && m.direction() == Direction.INCOMING && m.displayTime().isAfter(until.get())).count();
        unread.put(key, count);
        return Optional.of(build(key));
    }
}
