package im.natter.app;

import im.natter.archive.Database;
import im.natter.archive.SqliteConversationStore;
import im.natter.archive.SqliteMessageStore;
import im.natter.archive.SqliteReadStateStore;
import im.natter.archive.SqliteRosterStore;
import im.natter.archive.SqliteSyncStateStore;
import im.natter.domain.model.AccountId;
import im.natter.domain.port.ArchiveException;
import im.natter.domain.port.SecretStore;
import im.natter.platform.DataDirectory;
import im.natter.platform.secrets.SecretStores;
import im.natter.service.AccountService;
import im.natter.service.BookmarkService;
import im.natter.service.ChatService;
import im.natter.service.ChatStateService;
import im.natter.service.ConnectionService;
import im.natter.service.ConversationService;
import im.natter.service.EventBus;
import im.natter.service.HistorySyncService;
import im.natter.service.PresenceService;
import im.natter.service.ReadStateService;
import im.natter.service.RoomService;
import im.natter.service.ReconnectPolicy;
import im.natter.service.RosterService;
import im.natter.settings.JsonSettingsStore;
import im.natter.ui.UiServices;
import im.natter.ui.fx.FxEventBridge;
import im.natter.xmpp.BookmarkAdapter;
import im.natter.xmpp.ChatAdapter;
import im.natter.xmpp.ChatStateAdapter;
import im.natter.xmpp.ConnectionAdapter;
import im.natter.xmpp.HistoryAdapter;
import im.natter.xmpp.MarkersAdapter;
import im.natter.xmpp.PresenceAdapter;
import im.natter.xmpp.RoomAdapter;
import im.natter.xmpp.RosterAdapter;
import im.natter.xmpp.XmppConfig;
import im.natter.xmpp.XmppSessions;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.concurrent.Executor;

/**
 * The composition root: the one place that knows every layer. It builds the adapters, the services on top of
 * them and the executors they run on, by constructor, and takes them down in the reverse order.
 */
public final class AppContext implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AppContext.class.getName());

    /**
     * What may differ between the product and a test: where data lives, how the xmpp layer connects (tests pass
     * a generated CA and a stub resolver), the credential store, and reconnect timings.
     */
    public record Options(DataDirectory dataDirectory, XmppConfig xmpp, SecretStore secrets, ReconnectPolicy reconnect,
            Clock clock) {

        public static Options forProduct(String[] args) throws DataDirectory.DataDirectoryException {
            return new Options(DataDirectory.forThisUser(args), XmppConfig.defaults(), SecretStores.forThisSystem(),
                    ReconnectPolicy.standard(), Clock.systemDefaultZone());
        }
    }

    private final List<ExecutorService> executors = new ArrayList<>();
    private final Database database;
    private final XmppSessions sessions;
    private final EventBus bus = new EventBus();
    private final ExecutorService serviceWorker;
    private final ExecutorService accountWorker;
    private final ExecutorService readers;
    private final ExecutorService background;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    public final ConnectionService connections;
    public final ChatService chats;
    public final ConversationService conversations;
    public final RosterService roster;
    public final PresenceService presence;
    public final AccountService accounts;
    public final HistorySyncService history;
    public final ReadStateService readState;
    public final ChatStateService chatStates;
    public final BookmarkService bookmarks;
    public final RoomService rooms;

    private AppContext(Options options, Database database) {
        this.database = database;
        this.clock = options.clock();
        serviceWorker = track(Workers.named("natter-service", 1));
        accountWorker = track(Workers.named("natter-account", 1));
        readers = track(Workers.named("natter-archive-reader", 2));
        background = track(Executors.newVirtualThreadPerTaskExecutor());
        scheduler = Workers.timer("natter-reconnect");
        executors.add(scheduler);

        sessions = new XmppSessions(options.xmpp());
        var connectionAdapter = new ConnectionAdapter(sessions);
        var chatAdapter = new ChatAdapter(sessions);
        var rosterAdapter = new RosterAdapter(sessions);
        var presenceAdapter = new PresenceAdapter(sessions);
        var historyAdapter = new HistoryAdapter(sessions);
        var markersAdapter = new MarkersAdapter(sessions);
        var chatStateAdapter = new ChatStateAdapter(sessions);
        var roomAdapter = new RoomAdapter(sessions);
        var bookmarkAdapter = new BookmarkAdapter(sessions);

        var messages = new SqliteMessageStore(database);
        var conversationStore = new SqliteConversationStore(database, clock);
        var rosterStore = new SqliteRosterStore(database);
        var syncStateStore = new SqliteSyncStateStore(database);
        var readStateStore = new SqliteReadStateStore(database, conversationStore);
        var settings = new JsonSettingsStore(options.dataDirectory().settingsFile(), clock);

        connections = new ConnectionService(connectionAdapter, bus, scheduler, options.reconnect(), clock);
        chats = new ChatService(messages, conversationStore, chatAdapter, roomAdapter, connectionAdapter, bus,
                serviceWorker, readers, clock, () -> UUID.randomUUID().toString());
        conversations = new ConversationService(conversationStore, bus, serviceWorker, readers);
        roster = new RosterService(rosterAdapter, rosterStore, bus, serviceWorker);
        presence = new PresenceService(presenceAdapter, connectionAdapter, connections, bus, serviceWorker);
        accounts = new AccountService(settings, options.secrets(), connections, bus, accountWorker);
        history = new HistorySyncService(historyAdapter, syncStateStore, messages, conversationStore,
                connectionAdapter, bus, serviceWorker, clock, HistorySyncService.Settings.standard());
        readState = new ReadStateService(messages, readStateStore, markersAdapter, bus, serviceWorker);
        chatStates = new ChatStateService(chatStateAdapter, bus, serviceWorker, scheduler, clock);
        bookmarks = new BookmarkService(bookmarkAdapter, connectionAdapter, bus, serviceWorker, scheduler);
        rooms = new RoomService(roomAdapter, bookmarks, messages, syncStateStore, conversationStore,
                connectionAdapter, history, bus, serviceWorker, scheduler, clock, RoomService.Settings.standard());
    }

    /** Opens the archive and builds everything. Fails with words for the user when the archive cannot open. */
    public static AppContext start(Options options) throws ArchiveException {
        Database db = Database.open(options.dataDirectory().archiveFile());
        return new AppContext(options, db);
    }

    /** What the UI needs; {@code fx} runs on the JavaFX thread. */
    public UiServices ui(Executor fx, Consumer<String> openLink) {
        return new UiServices(accounts, connections, chats, conversations, roster, presence, history,
                new FxEventBridge(bus, fx), fx, background, clock, openLink, readState, chatStates, rooms, bookmarks);
    }

    public EventBus events() {
        return bus;
    }

    /** Signs out (politely, briefly), lets queued archive writes finish, closes the archive. */
    @Override
    public void close() {
        AccountId account = accounts.currentAccount();
        if (account != null) {
            try {
                connections.signOut(account).get(2, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                LOG.log(Level.INFO, "sign-out did not finish in time; closing anyway");
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "sign-out failed while closing", e);
            }
        }
        for (ExecutorService e : executors) {
            e.shutdown();
        }
        for (ExecutorService e : executors) {
            try {
                e.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
        database.close();
    }

    private ExecutorService track(ExecutorService e) {
        executors.add(e);
        return e;
    }
}
