package im.natter.bench;

import im.natter.app.AppContext;
import im.natter.app.NatterApplication;
import im.natter.domain.event.ConnectionChanged;
import im.natter.domain.event.ConversationChanged;
import im.natter.domain.event.HistorySyncProgress;
import im.natter.domain.event.MessageAdded;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.ConnectionPhase;
import im.natter.domain.port.SecretStore;
import im.natter.platform.DataDirectory;
import im.natter.settings.JsonSettingsStore;
import im.natter.testsupport.fakes.InMemorySecretStore;
import im.natter.testsupport.prosody.ProsodyServer;
import im.natter.testsupport.prosody.SmackClients;
import im.natter.testsupport.prosody.TestAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.element.MamPrefsIQ;
import org.jivesoftware.smackx.mam.element.MamVersion;
import org.jxmpp.jid.impl.JidCreate;

import static im.natter.bench.BenchSupport.deleteQuietly;
import static im.natter.bench.BenchSupport.intArg;
import static im.natter.bench.BenchSupport.loadAverage;
import static im.natter.bench.BenchSupport.median;
import static im.natter.bench.BenchSupport.ms;
import static im.natter.bench.BenchSupport.onFx;
import static im.natter.bench.BenchSupport.say;
import static im.natter.bench.BenchSupport.seconds;

/**
 * History catch-up (XEP-0313) of a fresh sign-in against a real Prosody, next to a bare Smack MAM fetch of the
 * same pages in the same run, and the longest JavaFX-thread stall while the real UI shows the catch-up.
 *
 * <pre>
 * ./mvnw -q -B -Pbench -DskipTests test-compile exec:exec@catch-up -Dbench.args="--messages 10000 --peers 20 --rounds 3"
 * </pre>
 *
 * <p>The archive is filled by raw Smack: {@code peers} contacts send {@code messages / peers} messages each to
 * alice while a plain Smack client of alice's is online (so they are delivered and archived, not left in offline
 * storage, which would arrive live at Natter's sign-in and blur what is measured). Spreading the messages over
 * many contacts keeps every conversation under the first sign-in's per-conversation limit (1,000), so Natter
 * runs with its product settings ({@code HistorySyncService.Settings.standard()}: 30 days, 1,000 per
 * conversation, pages of 100).
 *
 * <p>Per round: (a) the floor: a new Smack connection of alice's pages backwards from the newest message with
 * {@code MamManager}, 100 per page, limited to the same 30 days, and only counts; (b) Natter: a new
 * {@link AppContext} on an empty data folder signs in, and the time from the ONLINE event to
 * {@code HistorySyncProgress(done)} is the catch-up (the login itself is reported apart). Once after the
 * rounds: (c) the real application ({@link NatterApplication} with injected options, under Xvfb, software
 * rendering) starts with a remembered account on an empty archive, signs in by itself, and the bench opens the
 * first conversation as soon as it appears (or, with {@code --open-after MS}, no sooner than MS after the main
 * window showed, as a person who must see the list first would); an {@link AnimationTimer} keeps JavaFX pulsing
 * every frame and records the time of each, and the longest gap between two frames during the catch-up is the stall. (d) Then, in
 * the same running application (warm, with the chat still open): signed out, {@code --returning} more messages
 * (default 10,000) arrive meanwhile, signed in again; that catch-up's stall is measured the same way. (c) is a
 * first start's, in a JVM that is building and styling its views for the first time; (d) is a running app's.
 */
public final class HistoryCatchUpBench {

    private static final int PAGE = 100;
    private static final Duration WINDOW = Duration.ofDays(30);
    private static final String PASSWORD = "bench-password";

    private final ProsodyServer server;
    private final TestAccount alice;

    private HistoryCatchUpBench(ProsodyServer server, TestAccount alice) {
        this.server = server;
        this.alice = alice;
    }

    public static void main(String[] args) throws Exception {
        int messages = intArg(args, "--messages", 10_000);
        int peers = intArg(args, "--peers", 20);
        int rounds = intArg(args, "--rounds", 3);
        boolean ui = !List.of(args).contains("--no-ui");
        // with the UI: after the first catch-up, the running app is away while this many more arrive, then back
        int returning = intArg(args, "--returning", 10_000);
        int openAfter = intArg(args, "--open-after", 0);
        say("load average before: " + loadAverage());
        // Prosody's internal storage keeps up to 10,000 archive items per user and writes much faster than its
        // SQLite storage (one synchronous transaction per archived message); --sql for larger archives
        boolean sql = List.of(args).contains("--sql") || messages > 10_000;
        var builder = ProsodyServer.builder();
        if (sql) {
            builder.sqlStorage();
        }
        say("Prosody storage: " + (sql ? "sql (SQLite)" : "internal"));
        try (ProsodyServer server = builder.start()) {
            server.register("alice", PASSWORD);
            var bench = new HistoryCatchUpBench(server, account(server, "alice"));
            long fillStart = System.nanoTime();
            bench.fill(messages, peers);
            say(String.format(Locale.ROOT, "filled the archive: %,d messages from %d contacts in %.1f s", messages,
                    peers, seconds(System.nanoTime() - fillStart)));

            List<Result> floors = new ArrayList<>();
            List<Result> natters = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                Result floor = bench.smackFloor();
                say("round " + r + " floor:  " + floor);
                Result natter = bench.natterHeadless();
                say("round " + r + " natter: " + natter);
                floors.add(floor);
                natters.add(natter);
            }
            List<Result> uiRuns = ui ? bench.natterWithUi(returning, peers, openAfter) : List.of();
            Result withUi = uiRuns.isEmpty() ? null : uiRuns.getFirst();
            if (withUi != null) {
                say("with UI: " + withUi);
            }
            if (uiRuns.size() > 1) {
                say("with UI, returning: " + uiRuns.get(1));
            }
            say("load average after: " + loadAverage());
            report(messages, floors, natters, withUi);
            if (uiRuns.size() > 1) {
                Result back = uiRuns.get(1);
                say(String.format(Locale.ROOT, "with the UI, coming back: catch-up of %,d in %,d ms, longest FX frame gap"
                        + " %.1f ms (aim: <= 50)", back.count(), back.nanos() / 1_000_000,
                        back.stall().longestGapNanos() / 1e6));
            }
        } finally {
            if (ui) {
                Platform.exit();
            }
        }
        System.exit(0);
    }

    // --- filling ---------------------------------------------------------------------------------------------

    private void fill(int messages, int peers) throws Exception {
        // all accounts first: prosodyctl and a busy server would fight over Prosody's SQLite file
        for (int p = 0; p < peers; p++) {
            server.register(peerName(p), PASSWORD);
        }
        send(messages, peers);
    }

    /** {@code peers} registered contacts send {@code messages} to alice, received by a plain client of hers. */
    private void send(int messages, int peers) throws Exception {
        XMPPTCPConnection aliceOnline = SmackClients.connect(server, alice);
        AtomicInteger received = new AtomicInteger();
        aliceOnline.addAsyncStanzaListener(s -> received.incrementAndGet(),
                s -> s instanceof Message m && m.getBody() != null);
        var aliceJid = JidCreate.entityBareFrom(alice.jid());
        // log in one after the other (a login storm makes a loaded Prosody miss Smack's 5 s reply timeout), and
        // keep the senders' own archives empty: only alice's archive is measured, and it halves Prosody's writes
        List<XMPPTCPConnection> peerConnections = new ArrayList<>();
        for (int p = 0; p < peers; p++) {
            XMPPTCPConnection c = SmackClients.connect(SmackClients.configuration(server, account(server, peerName(p)),
                    "fill").build());
            // MamManager.setDefaultBehavior fails in Smack 4.5.0-rc1 (it reads the version from the wrong element)
            var never = new MamPrefsIQ(MamVersion.MAM2, List.of(), List.of(), MamPrefsIQ.DefaultBehavior.never);
            never.setType(org.jivesoftware.smack.packet.IQ.Type.set);
            c.sendIqRequestAndWaitForResponse(never);
            peerConnections.add(c);
        }
        List<Thread> senders = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int p = 0; p < peers; p++) {
            String name = peerName(p);
            int count = messages / peers + (p < messages % peers ? 1 : 0);
            XMPPTCPConnection c = peerConnections.get(p);
            senders.add(Thread.ofPlatform().name("fill-" + name).start(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        c.sendStanza(c.getStanzaFactory().buildMessageStanza().to(aliceJid)
                                .ofType(Message.Type.chat)
                                .setBody(name + " says hello, message " + i + " of " + count
                                        + ": the quick brown fox jumps over the lazy dog.")
                                .build());
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread t : senders) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("filling failed", failures.getFirst());
        }
        boolean all = awaitQuietly(received, messages, Duration.ofMinutes(15));
        // disconnecting earlier could drop what is still queued in a sender
        peerConnections.forEach(XMPPTCPConnection::disconnect);
        aliceOnline.disconnect();
        if (!all) {
            throw new IllegalStateException("alice received only " + received.get() + " of " + messages);
        }
    }

    private static String peerName(int p) {
        return String.format(Locale.ROOT, "peer%02d", p);
    }

    private static boolean awaitQuietly(AtomicInteger counter, int target, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (counter.get() < target) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    // --- (a) the floor ---------------------------------------------------------------------------------------

    private Result smackFloor() throws Exception {
        XMPPTCPConnection c = SmackClients.connect(SmackClients.configuration(server, alice, "floor").build());
        try {
            MamManager mam = MamManager.getInstanceFor(c);
            mam.getMamNamespace(); // Smack needs the version learnt before the first query (stack facts §3)
            long t0 = System.nanoTime();
            var query = mam.queryArchive(MamManager.MamQueryArgs.builder()
                    .limitResultsSince(Date.from(Instant.now().minus(WINDOW)))
                    .setResultPageSizeTo(PAGE).queryLastPage().build());
            int count = query.getMessageCount();
            int pages = 1;
            while (!query.isComplete()) {
                List<Message> page = query.pagePrevious(PAGE);
                pages++;
                count += page.size();
                if (page.isEmpty()) {
                    break;
                }
            }
            return new Result(System.nanoTime() - t0, count, pages, 0, 0, null);
        } finally {
            c.disconnect();
        }
    }

    // --- (b) Natter without UI -------------------------------------------------------------------------------

    private Result natterHeadless() throws Exception {
        Path data = Files.createTempDirectory("natter-catchup-");
        try (AppContext app = AppContext.start(options(data, new InMemorySecretStore(true)))) {
            var watch = new CatchUpWatch(AccountId.of(alice.jid()));
            app.events().subscribe(watch::seen);
            long t0 = System.nanoTime();
            app.accounts.signIn(settings(), PASSWORD.toCharArray()).get(60, TimeUnit.SECONDS);
            watch.await();
            return watch.result(t0);
        } finally {
            deleteQuietly(data);
        }
    }

    // --- (c) Natter with its UI ------------------------------------------------------------------------------

    /**
     * The first start's catch-up with the UI, and, when {@code returning > 0}, then that of the same running app
     * coming back: signed out (as after a break the server could not resume), {@code returning} more messages
     * arrive, signed in again; the bench's chat stays open. The second has the JVM warm, as a running app does.
     */
    private List<Result> natterWithUi(int returning, int peers, int openAfter) throws Exception {
        BenchSupport.startFx();

        Path data = Files.createTempDirectory("natter-catchup-ui-");
        // a remembered account: the main window opens at once and signs in behind it, as on a normal start
        new JsonSettingsStore(DataDirectory.create(data).settingsFile())
                .save(im.natter.domain.model.Settings.EMPTY.withAccount(settings()));
        InMemorySecretStore secrets = new InMemorySecretStore(true);
        secrets.savePassword(AccountId.of(alice.jid()), PASSWORD.toCharArray());

        var frames = new FrameRecorder();
        var app = new NatterApplication(options(data, secrets));
        app.init();
        var watch = new CatchUpWatch(AccountId.of(alice.jid()));
        AtomicLong opened = new AtomicLong();
        // when the main window replaced the start-up spinner: --open-after counts from there, as a user's eyes do
        AtomicLong mainShown = new AtomicLong();
        Stage[] stage = new Stage[1];
        app.context().events().subscribe(e -> {
            watch.seen(e);
            if (e instanceof ConversationChanged && opened.compareAndSet(0, 1)) {
                long wait = mainShown.get() == 0 ? openAfter
                        : openAfter - (System.nanoTime() - mainShown.get()) / 1_000_000;
                CompletableFuture.delayedExecutor(Math.max(0, wait), TimeUnit.MILLISECONDS, Platform::runLater)
                        .execute(() -> openFirstConversation(stage[0], opened));
            }
        });
        long t0 = System.nanoTime();
        onFx(() -> {
            frames.start();
            stage[0] = new Stage();
            app.start(stage[0]);
            stage[0].getScene().rootProperty().addListener((o, was, root) ->
                    mainShown.compareAndSet(0, System.nanoTime()));
        });
        CatchUpWatch back = new CatchUpWatch(AccountId.of(alice.jid()));
        try {
            watch.await();
            // what the bridge coalesced still reaches the FX thread after "done": keep measuring a moment
            Thread.sleep(1000);
            if (returning > 0) {
                AccountId id = AccountId.of(alice.jid());
                app.context().connections.signOut(id).get(30, TimeUnit.SECONDS);
                long fillStart = System.nanoTime();
                send(returning, peers);
                say(String.format(Locale.ROOT, "away: %,d more messages in %.1f s", returning,
                        seconds(System.nanoTime() - fillStart)));
                app.context().events().subscribe(back::seen);
                app.context().connections.signIn(settings(), PASSWORD.toCharArray()).get(60, TimeUnit.SECONDS);
                back.await();
                Thread.sleep(1000);
            }
        } finally {
            onFx(frames::stop);
            onFx(() -> {
                stage[0].hide();
                app.stop();
            });
            deleteQuietly(data);
        }
        List<Result> results = new ArrayList<>();
        results.add(firstStart(watch, frames, opened, t0));
        if (returning > 0) {
            long end = back.done + 1_000_000_000L;
            results.add(back.result(back.online).withStall(frames.longestGap(back.online, end),
                    frames.count(back.online, back.done), String.format(Locale.ROOT,
                            "chat open all along; frames %s; longest: %s; most FX-thread CPU in a frame (cpu/wall): %s",
                            frames.gapsSummary(back.online, back.done), frames.longestParts(back.online, end),
                            frames.mostCpu(back.online, end))));
        }
        return results;
    }

    private static Result firstStart(CatchUpWatch watch, FrameRecorder frames, AtomicLong opened, long t0) {
        Result r = watch.result(t0);
        String shown = opened.get() > 1 ? "chat open after " + ms(opened.get() - watch.online) + " ms" : "no chat open";
        long end = watch.done + 1_000_000_000L;
        // the first frame after the bench opened the chat pays for building the chat view (class loading, CSS,
        // first layout of its page): the same cost as a user's first click, but not the catch-up's; shown apart
        long settled = opened.get() > 1 ? frames.firstAfter(opened.get()) : watch.online;
        return r.withStall(frames.longestGap(watch.online, end), frames.count(watch.online, watch.done),
                String.format(Locale.ROOT, "%s; longest gap after the chat showed %.1f ms; frames %s; longest: %s;"
                        + " most FX-thread CPU in a frame (cpu/wall): %s; frames of the opening's first 600 ms over 4 ms"
                        + " FX-thread CPU (cpu/wall@+ms after the opening): %s", shown,
                        frames.longestGap(settled, end) / 1e6,
                        frames.gapsSummary(watch.online, watch.done), frames.longestParts(watch.online, end),
                        frames.mostCpu(watch.online, end), opened.get() > 1
                                ? frames.busyFrames(opened.get(), opened.get() + 600_000_000L) : "none"));
    }

    /** Shows the Chats tab and selects its first conversation, as a user clicking it would. */
    private static void openFirstConversation(Stage stage, AtomicLong opened) {
        if (stage == null || stage.getScene() == null) {
            opened.set(0);
            return;
        }
        Node tabs = stage.getScene().lookup(".tab-pane");
        if (tabs instanceof TabPane pane) {
            pane.getTabs().stream().filter(t -> "Chats".equals(t.getText())).findFirst()
                    .ifPresent(t -> pane.getSelectionModel().select(t));
        }
        if (stage.getScene().lookup("#conversation-list") instanceof ListView<?> list && !list.getItems().isEmpty()) {
            list.getSelectionModel().select(0);
            opened.set(System.nanoTime());
        } else {
            opened.set(0); // not there yet: the next ConversationChanged tries again
        }
    }

    // --- shared ----------------------------------------------------------------------------------------------

    /** Follows one account's sign-in and catch-up on the event bus. */
    private static final class CatchUpWatch {
        private final AccountId account;
        private final CountDownLatch finished = new CountDownLatch(1);
        private final AtomicInteger added = new AtomicInteger();
        private final AtomicInteger progressEvents = new AtomicInteger();
        private volatile long online;
        private volatile long done;
        private volatile HistorySyncProgress last;

        CatchUpWatch(AccountId account) {
            this.account = account;
        }

        void seen(Object e) {
            if (finished.getCount() == 0) {
                return; // one catch-up per watch: a later sign-in has its own
            }
            switch (e) {
                case ConnectionChanged c when c.status().account().equals(account)
                        && c.status().phase() == ConnectionPhase.ONLINE && online == 0 -> online = System.nanoTime();
                case MessageAdded m when m.message().conversation().account().equals(account) ->
                        added.incrementAndGet();
                case HistorySyncProgress p when p.account().equals(account) -> {
                    progressEvents.incrementAndGet();
                    if (p.done()) {
                        done = System.nanoTime();
                        last = p;
                        finished.countDown();
                    }
                }
                default -> {
                }
            }
        }

        void await() throws InterruptedException {
            if (!finished.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the catch-up did not finish within 5 minutes");
            }
            if (last.problem() != null) {
                throw new IllegalStateException("the catch-up stopped: " + last.problem());
            }
        }

        Result result(long start) {
            return new Result(done - online, last.stored(), progressEvents.get(), online - start, added.get(), null);
        }
    }

    /**
     * @param nanos    the catch-up (Natter: ONLINE to done) or the whole fetch (floor)
     * @param count    messages fetched (floor) or newly stored (Natter)
     * @param pages    pages (floor) or progress events (Natter)
     * @param loginNanos Natter: from the sign-in call to ONLINE
     */
    private record Result(long nanos, int count, int pages, long loginNanos, int added, Stall stall) {
        Result withStall(long longestGapNanos, int frames, String note) {
            return new Result(nanos, count, pages, loginNanos, added, new Stall(longestGapNanos, frames, note));
        }

        double perSecond() {
            return count / seconds(nanos);
        }

        @Override
        public String toString() {
            String s = String.format(Locale.ROOT, "%,d ms, %,d messages, %,.0f msg/s, %d pages/progress events",
                    nanos / 1_000_000, count, perSecond(), pages);
            if (loginNanos > 0) {
                s += String.format(Locale.ROOT, ", sign-in %d ms, MessageAdded %,d", loginNanos / 1_000_000, added);
            }
            if (stall != null) {
                s += String.format(Locale.ROOT, ", longest FX frame gap %.1f ms (%s)", stall.longestGapNanos / 1e6,
                        stall.note);
            }
            return s;
        }
    }

    private record Stall(long longestGapNanos, int frames, String note) {
    }

    private static void report(int messages, List<Result> floors, List<Result> natters, Result withUi) {
        say("");
        say(String.format(Locale.ROOT, "%-24s %6s %10s %10s %10s", "", "round", "ms", "messages", "msg/s"));
        for (int i = 0; i < floors.size(); i++) {
            Result f = floors.get(i);
            Result n = natters.get(i);
            say(String.format(Locale.ROOT, "%-24s %6d %,10d %,10d %,10.0f", "Smack MAM fetch (floor)", i + 1,
                    f.nanos() / 1_000_000, f.count(), f.perSecond()));
            say(String.format(Locale.ROOT, "%-24s %6d %,10d %,10d %,10.0f   ratio %.2f", "Natter catch-up", i + 1,
                    n.nanos() / 1_000_000, n.count(), n.perSecond(), (double) n.nanos() / f.nanos()));
        }
        if (floors.isEmpty()) {
            // --rounds 0: only the run with the UI, for quick looks at the FX thread
            if (withUi != null) {
                say(String.format(Locale.ROOT, "with the UI: catch-up %,d ms, longest FX frame gap %.1f ms (aim: <= 50)",
                        withUi.nanos() / 1_000_000, withUi.stall().longestGapNanos() / 1e6));
            }
            return;
        }
        long floorMedian = median(floors.stream().mapToLong(Result::nanos).toArray());
        long natterMedian = median(natters.stream().mapToLong(Result::nanos).toArray());
        say(String.format(Locale.ROOT, "median: floor %,d ms, Natter %,d ms, ratio %.2f (aim: <= 1.3)",
                floorMedian / 1_000_000, natterMedian / 1_000_000, (double) natterMedian / floorMedian));
        if (withUi != null) {
            say(String.format(Locale.ROOT, "with the UI: catch-up %,d ms (ratio to the median floor %.2f), "
                    + "longest FX frame gap %.1f ms (aim: <= 50)", withUi.nanos() / 1_000_000,
                    (double) withUi.nanos() / floorMedian, withUi.stall().longestGapNanos() / 1e6));
        }
        for (Result n : natters) {
            if (n.count() != messages) {
                say("WARNING: Natter stored " + n.count() + " of " + messages + " messages");
            }
        }
    }

    private AppContext.Options options(Path data, SecretStore secrets) throws Exception {
        return BenchSupport.options(server, data, secrets);
    }

    private static TestAccount account(ProsodyServer server, String name) {
        return new TestAccount(name, PASSWORD, server.domain(), server.host(), server.c2sPort());
    }

    private AccountSettings settings() {
        return new AccountSettings(AccountId.of(alice.jid()), "natter-bench", null, true, List.of());
    }

}
