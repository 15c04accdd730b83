package im.natter.xmpp;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Availability;
import im.natter.domain.model.PresenceStatus;
import im.natter.domain.model.ServerEndpoint;
import im.natter.domain.port.ChatPort;
import im.natter.testsupport.server.XmppTestServer;
import im.natter.testsupport.prosody.TestAccount;
import im.natter.xmpp.support.Recorder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** One Natter client as the app would wire it: a session registry, the adapters, one recorder. */
final class TestClient implements AutoCloseable {

    final XmppSessions sessions;
    final ConnectionAdapter connection;
    final ChatAdapter chat;
    final RosterAdapter roster;
    final PresenceAdapter presence;
    final HistoryAdapter history;
    final RoomAdapter rooms;
    final BookmarkAdapter bookmarks;
    final Recorder events = new Recorder();
    private final ExecutorService executor = Executors.newCachedThreadPool();

    TestClient(XmppConfig config) {
        sessions = new XmppSessions(config.withExecutor(executor));
        connection = new ConnectionAdapter(sessions);
        chat = new ChatAdapter(sessions);
        roster = new RosterAdapter(sessions);
        presence = new PresenceAdapter(sessions);
        history = new HistoryAdapter(sessions);
        rooms = new RoomAdapter(sessions);
        bookmarks = new BookmarkAdapter(sessions);
        bookmarks.addListener(events);
        connection.addListener(events);
        rooms.addListener(events);
        chat.addListener(events);
        roster.addListener(events);
        presence.addListener(events);
    }

    static XmppConfig configFor(XmppTestServer server) {
        return XmppConfig.defaults().withTrustStore(server.trustStore())
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    static TestClient forServer(XmppTestServer server) {
        return new TestClient(configFor(server));
    }

    static AccountSettings settings(TestAccount account, String resource) {
        return new AccountSettings(AccountId.of(account.jid()), resource,
                new ServerEndpoint(account.host(), account.port()), false, List.of());
    }

    CompletableFuture<Void> connect(AccountSettings settings, String password) {
        return connection.connect(settings, password.toCharArray());
    }

    /** Connects and waits until signed in (the future is bounded, so a hang fails instead of blocking). */
    AccountId signIn(TestAccount account) throws Exception {
        return signIn(account, "natter");
    }

    /** Signs in with the given resource, e.g. a second device of the same account. */
    AccountId signIn(TestAccount account, String resource) throws Exception {
        AccountSettings s = settings(account, resource);
        connect(s, account.password()).get(20, TimeUnit.SECONDS);
        return s.id();
    }

    /**
     * Says this device's presence again. A server pushes PEP items (bookmarks, read points) only to the resources
     * whose interests it has learned from a features query it asks after a presence, in its own time; when that did
     * not happen (seen under load), only another presence makes it look again.
     */
    void sayPresenceAgain(AccountId account, int attempt) {
        try {
            presence.setOwnPresence(account, new PresenceStatus(Availability.AVAILABLE, "attempt " + attempt));
        } catch (ChatPort.NotConnectedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (var account : List.copyOf(sessionsAccounts())) {
            try {
                connection.disconnect(account).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // closing after a test: nothing to add
            }
        }
        executor.shutdownNow();
    }

    private List<AccountId> sessionsAccounts() {
        return sessions.accounts();
    }
}
