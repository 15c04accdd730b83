package im.natter.app;

import im.natter.domain.event.NatterEvent;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.RoomSnapshot;
import im.natter.domain.model.RoomStatus;
import im.natter.testsupport.Eventually;
import im.natter.testsupport.fakes.InMemorySecretStore;
import im.natter.testsupport.prosody.TestAccount;
import im.natter.testsupport.server.XmppTestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One person's whole Natter core ({@link AppContext}) on one machine (its own data directory), signed in to a real
 * server, with every event it published kept for the test to wait on.
 */
final class RoomMember implements AutoCloseable {

    final AppContext app;
    final AccountSettings settings;
    final String name;
    private final List<NatterEvent> events = new CopyOnWriteArrayList<>();

    private RoomMember(AppContext app, AccountSettings settings, String name) {
        this.app = app;
        this.settings = settings;
        this.name = name;
        app.events().subscribe(events::add);
    }

    /** Starts Natter in {@code dataDir} and signs {@code account} in (resource {@code machine}). */
    static RoomMember signIn(XmppTestServer server, TestAccount account, Path dataDir, String machine)
            throws Exception {
        AppContext app = AppContext.start(TestAppOptions.against(server, dataDir, new InMemorySecretStore(true)));
        AccountSettings settings = new AccountSettings(AccountId.of(account.jid()), machine, null, false, List.of());
        RoomMember member = new RoomMember(app, settings, account.username());
        try {
            done(app.accounts.signIn(settings, account.password().toCharArray()));
        } catch (Exception | AssertionError e) {
            app.close();
            throw e;
        }
        return member;
    }

    AccountId account() {
        return settings.id();
    }

    ConversationKey room(Address room) {
        return new ConversationKey(account(), room, ConversationKind.ROOM);
    }

    /** The whole conversation as stored here, oldest first. */
    List<ChatMessage> history(ConversationKey conversation) {
        return done(app.chats.history(conversation, 0, 1000));
    }

    List<String> bodies(ConversationKey conversation) {
        return history(conversation).stream().map(ChatMessage::body).toList();
    }

    Optional<ChatMessage> stored(ConversationKey conversation, String body) {
        return history(conversation).stream().filter(m -> m.body().equals(body)).findFirst();
    }

    /** Waits until this member's archive has a message with {@code body} in {@code conversation} that passes. */
    ChatMessage awaitStored(ConversationKey conversation, String body, Predicate<ChatMessage> test) {
        return Eventually.value(name + " stores \"" + body + "\" as expected in " + conversation.peer(),
                () -> history(conversation).stream().filter(m -> m.body().equals(body) && test.test(m))
                        .findFirst().orElse(null));
    }

    RoomSnapshot awaitRoom(Address room, Predicate<RoomSnapshot> test) {
        return Eventually.value(name + "'s view of " + room,
                () -> app.rooms.room(account(), room).filter(test).orElse(null));
    }

    RoomSnapshot awaitJoined(Address room) {
        return awaitRoom(room, s -> s.status() == RoomStatus.JOINED);
    }

    /** Waits for an event of {@code type} that passes {@code test}, published since this member started. */
    <T extends NatterEvent> T await(Class<T> type, Predicate<T> test) {
        return Eventually.value(name + " sees a " + type.getSimpleName(), () -> events.stream()
                .filter(type::isInstance).map(type::cast).filter(test).findFirst().orElse(null));
    }

    <T extends NatterEvent> List<T> seen(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The future's value; bounded so that a hang fails the test instead of blocking it. */
    static <T> T done(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new java.util.concurrent.CompletionException(e.getCause());
        } catch (Exception e) {
            throw new AssertionError("no answer in time", e);
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
