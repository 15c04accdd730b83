package im.natter.service;

import im.natter.domain.event.ConversationChanged;
import im.natter.domain.event.MessageAdded;
import im.natter.domain.event.MessageChanged;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.HistoryPage;
import im.natter.domain.model.HistoryQuery;
import im.natter.domain.model.MessageChange;
import im.natter.domain.model.PagePosition;
import im.natter.domain.model.StoredMessages;
import im.natter.domain.model.SyncState;
import im.natter.domain.port.ArchiveException;
import im.natter.domain.port.ConversationStore;
import im.natter.domain.port.HistoryPort;
import im.natter.domain.port.MessageStore;
import im.natter.domain.port.SyncStateStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Pages of a server archive on their way into Natter's: fetched one ahead of the one being stored, stored with
 * their cursor, and announced to the UI. Shared by the account's catch-up ({@link HistorySyncService}) and the
 * rooms' ({@link RoomCatchUp}).
 */
final class ArchivePages {

    /** How many local messages one look for the oldest archive id reads at a time. */
    private static final int LOCAL_SCAN_PAGE = 500;

    private final HistoryPort history;
    private final SyncStateStore syncStates;
    private final MessageStore messages;
    private final ConversationStore conversations;
    private final EventBus bus;

    /** One page as the archive stores it: the messages it adds and the corrections and retractions it holds. */
    record Mapped(List<ChatMessage> messages, List<MessageChange> changes) {
    }

    /**
     * A page being fetched, and the request for the page after it, which starts as soon as this one has arrived:
     * the server prepares the next page while this one is stored. Pages are still stored strictly in order (each
     * store runs on the serial worker after the previous one), so the cursor never passes an unstored page.
     */
    record Prefetched(CompletableFuture<HistoryPage> page, CompletableFuture<Prefetched> next) {
    }

    /** @param messages where the oldest stored archive message of a conversation is looked up; may be null */
    ArchivePages(HistoryPort history, SyncStateStore syncStates, MessageStore messages,
            ConversationStore conversations, EventBus bus) {
        this.history = history;
        this.syncStates = syncStates;
        this.messages = messages;
        this.conversations = conversations;
        this.bus = bus;
    }

    /** Fetches {@code page} and, once it is there, the page {@code following} names (none when it gives null). */
    Prefetched prefetching(CompletableFuture<HistoryPage> page, Function<HistoryPage, HistoryQuery> following) {
        CompletableFuture<Prefetched> next = page.handle((p, error) -> {
            HistoryQuery q = error == null ? following.apply(p) : null;
            return q == null ? null : prefetching(history.fetch(q), following);
        });
        return new Prefetched(page, next);
    }

    /**
     * Stores one page with its cursor (null: the cursor stays where it is) in one transaction and tells the UI
     * what was new and what changed.
     *
     * @return how many messages were new
     */
    int store(Mapped page, SyncState cursor, PagePosition position) throws ArchiveException {
        return publish(syncStates.storePage(page.messages(), page.changes(), cursor, position));
    }

    private int publish(StoredMessages result) throws ArchiveException {
        List<ChatMessage> added = result.added();
        Set<ConversationKey> touched = new LinkedHashSet<>();
        for (ChatMessage m : added) {
            bus.publish(new MessageAdded(m));
            touched.add(m.conversation());
        }
        for (ChatMessage m : result.changed()) {
            bus.publish(new MessageChanged(m));
            touched.add(m.conversation());
        }
        for (var c : conversations.conversations(touched)) {
            bus.publish(new ConversationChanged(c));
        }
        return added.size();
    }

    /** The oldest stored message of the conversation that has an archive id from its archive's owner. */
    Optional<ChatMessage> oldestArchived(ConversationKey key) throws ArchiveException {
        if (messages == null) {
            return Optional.empty();
        }
        // a room's archive is the room's; everything else is in the account's own
        String own = key.kind() == ConversationKind.ROOM ? key.peer().value() : key.account().address().value();
        ChatMessage oldest = null;
        long before = 0;
        while (true) {
            List<ChatMessage> chunk = messages.page(key, before, LOCAL_SCAN_PAGE);
            for (ChatMessage m : chunk) { // oldest first: the first hit is the oldest of this chunk
                if (m.stanzaId() != null && own.equals(m.stanzaIdBy())) {
                    oldest = m;
                    break;
                }
            }
            if (chunk.size() < LOCAL_SCAN_PAGE) {
                return Optional.ofNullable(oldest);
            }
            before = chunk.getFirst().id();
        }
    }
}
