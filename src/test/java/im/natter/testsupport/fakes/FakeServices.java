package im.natter.testsupport.fakes;

import im.natter.domain.model.AccountId;
import im.natter.service.AccountService;
import im.natter.service.ChatService;
import im.natter.service.ConnectionService;
import im.natter.service.ConversationService;
import im.natter.service.EventBus;
import im.natter.service.HistorySyncService;
import im.natter.service.PresenceService;
import im.natter.service.ReconnectPolicy;
import im.natter.service.RosterService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real services wired over the fakes, with every executor running tasks on the calling thread, so a test
 * reads top to bottom. Used by service tests, view-model tests and UI previews.
 */
public final class FakeServices {

    public static final AccountId ALICE = AccountId.of("alice@example.org");

    public final FakeXmpp xmpp = new FakeXmpp();
    /** The rooms on the "server"; forgets them when {@link #xmpp} drops or signs in afresh. */
    public final FakeRooms fakeRooms = new FakeRooms(xmpp);
    public final FakeBookmarks fakeBookmarks = new FakeBookmarks();
    public final InMemoryArchive archive = new InMemoryArchive();
    public final InMemorySettingsStore settings;
    public final InMemorySecretStore secrets;
    public final EventBus bus = new EventBus();
    public final ManualScheduler scheduler = new ManualScheduler();
    /** The bookmarks' second look after a sign-in, apart so that tests of other timed work see only theirs. */
    public final ManualScheduler bookmarkScheduler = new ManualScheduler();
    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    public final Executor direct = Runnable::run;
    private final AtomicLong ids = new AtomicLong();

    public final ConnectionService connections;
    public final ChatService chats;
    public final ConversationService conversations;
    public final RosterService roster;
    public final PresenceService presence;
    public final AccountService accounts;
    public final HistorySyncService history;
    public final im.natter.service.ReadStateService readState;
    public final im.natter.service.ChatStateService chatStates;
    public final im.natter.service.BookmarkService bookmarks;
    public final im.natter.service.RoomService rooms;

    public FakeServices() {
        this(new InMemorySettingsStore(), new InMemorySecretStore(true));
    }

    public FakeServices(InMemorySettingsStore settings, InMemorySecretStore secrets) {
        this(settings, secrets, new HistorySyncService.Settings(Duration.ofDays(30), 1000, 50));
    }

    public FakeServices(HistorySyncService.Settings historySettings) {
        this(new InMemorySettingsStore(), new InMemorySecretStore(true), historySettings);
    }

    public FakeServices(InMemorySettingsStore settings, InMemorySecretStore secrets,
            HistorySyncService.Settings historySettings) {
        this.settings = settings;
        this.secrets = secrets;
        ScheduledExecutorService sched = scheduler;
        connections = new ConnectionService(xmpp, bus, sched,
                new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 0, () -> 0.5), clock);
        chats = new ChatService(archive, archive, xmpp, fakeRooms, xmpp, bus, direct, direct, clock,
                () -> "id-" + ids.incrementAndGet());
        conversations = new ConversationService(archive, bus, direct, direct);
        roster = new RosterService(xmpp, archive, bus, direct);
        presence = new PresenceService(xmpp, xmpp, connections, bus, direct);
        accounts = new AccountService(settings, secrets, connections, bus, direct);
        history = new HistorySyncService(xmpp, archive, archive, archive, xmpp, bus, direct, clock, historySettings);
        readState = new im.natter.service.ReadStateService(archive, archive, xmpp, bus, direct);
        chatStates = new im.natter.service.ChatStateService(xmpp, bus, direct, sched, clock);
        bookmarks = new im.natter.service.BookmarkService(fakeBookmarks, xmpp, bus, direct,
                bookmarkScheduler);
        rooms = new im.natter.service.RoomService(fakeRooms, bookmarks, archive, archive, archive, xmpp, history, bus,
                direct, sched, clock, new im.natter.service.RoomService.Settings(Duration.ofMinutes(5), 50,
                        Duration.ofDays(30)), () -> "retraction-" + ids.incrementAndGet());
        accounts.restore(); // as the application does before any screen shows
    }

    /** A clock tests can move. */
    public static final class MutableClock extends Clock {
        private volatile Instant now;

        public MutableClock(Instant start) {
            now = start;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        public void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
