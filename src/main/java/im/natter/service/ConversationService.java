package im.natter.service;

import im.natter.domain.event.ConversationChanged;
import im.natter.domain.event.NoticeRaised;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.Conversation;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.port.ArchiveException;
import im.natter.domain.port.ConversationStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/** The conversation list: what exists, opening a new one, and marking one read. Works with no network at all. */
public final class ConversationService {

    private final ConversationStore store;
    private final EventBus bus;
    private final Executor worker;
    private final Executor reader;

    public ConversationService(ConversationStore store, EventBus bus, Executor worker, Executor reader) {
        this.store = store;
        this.bus = bus;
        this.worker = worker;
        this.reader = reader;
    }

    public CompletableFuture<List<Conversation>> conversations(AccountId account) {
        return CompletableFuture.supplyAsync(() -> call(() -> store.conversations(account)), reader);
    }

    /** Makes sure the conversation exists (a chat with someone new) and announces it. */
    public CompletableFuture<Conversation> open(ConversationKey key) {
        return CompletableFuture.supplyAsync(() -> {
            Conversation c = call(() -> store.open(key));
            bus.publish(new ConversationChanged(c));
            return c;
        }, worker);
    }

    public CompletableFuture<Conversation> markRead(ConversationKey key) {
        return CompletableFuture.supplyAsync(() -> {
            Conversation c = call(() -> store.markRead(key));
            bus.publish(new ConversationChanged(c));
            return c;
        }, worker);
    }

    private <T> T call(ArchiveCall<T> call) {
        try {
            return call.run();
        } catch (ArchiveException e) {
            bus.publish(new NoticeRaised(NoticeRaised.Level.ERROR, e.getMessage()));
            throw new CompletionException(e);
        }
    }

    @FunctionalInterface
    interface ArchiveCall<T> {
        T run() throws ArchiveException;
    }
}
