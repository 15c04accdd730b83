package im.natter.bench;

import im.natter.app.AppContext;
import im.natter.app.NatterApplication;
import im.natter.domain.event.ConnectionChanged;
import im.natter.domain.event.MessageAdded;
import im.natter.domain.event.RoomChanged;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.ConnectionPhase;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.RoomStatus;
import im.natter.platform.DataDirectory;
import im.natter.settings.JsonSettingsStore;
import im.natter.testsupport.fakes.InMemorySecretStore;
import im.natter.testsupport.prosody.ProsodyServer;
import im.natter.ui.chat.MessageListItem;
import im.natter.ui.conversations.ConversationListItem;
import im.natter.ui.room.OccupantItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;

import static im.natter.bench.BenchSupport.deleteQuietly;
import static im.natter.bench.BenchSupport.intArg;
import static im.natter.bench.BenchSupport.loadAverage;
import static im.natter.bench.BenchSupport.median;
import static im.natter.bench.BenchSupport.onFx;
import static im.natter.bench.BenchSupport.say;

/**
 * Joining a crowded room: Natter's real core and UI (under Xvfb) join a room of a harness Prosody holding
 * {@code occupants} people (a load generator over raw connections, {@link RoomCrowd}) and {@code messages}
 * archived messages, and the bench measures when the room is usable and how long the JavaFX thread stalls.
 *
 * <pre>
 * ./mvnw -q -B -Pbench -DskipTests test-compile exec:exec@room-join -Dbench.args="--occupants 1000 --messages 5000 --rounds 3"
 * </pre>
 *
 * <p>Times are taken from <b>t0</b>: the moment the room's owner (a raw connection of the load generator that
 * only reads) receives the room's broadcast of Natter's entry. Prosody sends the newcomer the list of everyone,
 * then broadcasts the newcomer's presence (Natter's own, with status 110, in the same turn of its loop), then the
 * subject; so t0 is when the server sent the last presence of Natter's join, measured outside Natter.
 *
 * <p><b>Usable</b> is the first frame (checked after layout in each pulse, before it is drawn) whose scene shows
 * all three: the occupant list holds every person (occupants + the user), the room's newest archived message is
 * in the last visible cell of the timeline, and the composer is enabled.
 *
 * <p>Two scenarios, each for {@code rounds} rounds in one JVM (the first round of the first scenario runs cold):
 * <b>first</b> join (empty data folder; the catch-up takes the newest 1,000 messages, the product's first-join
 * limit, newest page first) and <b>returning</b> (a data folder that was in the room before its history was
 * written: the catch-up pages forwards through all {@code messages}). The catch-up is done when the bus has
 * carried a {@code MessageAdded} for each expected message.
 */
public final class RoomJoinBench {

    private static final String PASSWORD = "bench-password";
    private static final String NICK = "natter";
    private static final String NEWEST = "the newest message of the room";

    private final ProsodyServer server;
    private final RoomCrowd crowd;
    private final AccountId account;
    private final Address room;
    private final int occupants;
    private final int messages;

    private RoomJoinBench(ProsodyServer server, RoomCrowd crowd, int occupants, int messages) {
        this.server = server;
        this.crowd = crowd;
        this.account = AccountId.of(server.jid("natter"));
        this.room = Address.parse(crowd.room()).orElseThrow();
        this.occupants = occupants;
        this.messages = messages;
    }

    public static void main(String[] args) throws Exception {
        int occupants = intArg(args, "--occupants", 1000);
        int messages = intArg(args, "--messages", 5000);
        int rounds = intArg(args, "--rounds", 3);
        int speakers = intArg(args, "--speakers", 10);
        String only = List.of(args).contains("--first-only") ? "first"
                : List.of(args).contains("--returning-only") ? "returning" : null;
        BenchSupport.machineFacts().forEach(BenchSupport::say);
        long files = BenchSupport.openFileLimit();
        if (files > 0 && files < occupants * 2L + 1000) {
            throw new IllegalStateException("the open-file limit is " + files + "; " + occupants + " occupants need"
                    + " about " + (occupants * 2 + 1000) + " (a socket here and one in Prosody each): raise it with"
                    + " ulimit -n before running the bench");
        }
        // Prosody's internal storage reads a whole archive for a "newest page" query: SQLite, as in production
        try (ProsodyServer server = ProsodyServer.builder().sqlStorage().start();
                RoomCrowd crowd = new RoomCrowd(server, "hall")) {
            server.register("natter", PASSWORD);
            var bench = new RoomJoinBench(server, crowd, occupants, messages);
            long t = System.nanoTime();
            crowd.create("The Hall", "Welcome to the hall: be kind");
            say(String.format(Locale.ROOT, "room %s created in %d ms", crowd.room(), ms(System.nanoTime() - t)));
            Path template = only == null || only.equals("returning") ? bench.beenThereBefore() : null;
            t = System.nanoTime();
            crowd.seed(messages, speakers, NEWEST);
            say(String.format(Locale.ROOT, "seeded %,d messages from %d speakers in %.1f s", messages, speakers,
                    (System.nanoTime() - t) / 1e9));
            t = System.nanoTime();
            crowd.fill(occupants - speakers, 32);
            say(String.format(Locale.ROOT, "%,d people in the room (%,d joined over raw connections in %.1f s)",
                    occupants, occupants - speakers, (System.nanoTime() - t) / 1e9));
            say("load average before the rounds: " + loadAverage());
            BenchSupport.startFx();
            List<Round> results = new ArrayList<>();
            for (String scenario : only != null ? List.of(only) : List.of("first", "returning")) {
                for (int r = 1; r <= rounds; r++) {
                    Round round = bench.round(scenario, r, scenario.equals("returning") ? template : null);
                    say(round.toString());
                    results.add(round);
                }
            }
            say("load average after: " + loadAverage());
            report(results);
            if (template != null) {
                deleteQuietly(template);
            }
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    /**
     * A data folder whose account joined the room once while its archive was empty (and then left), so its next
     * join catches up with everything written since.
     */
    private Path beenThereBefore() throws Exception {
        Path data = Files.createTempDirectory("natter-room-template-");
        try (AppContext app = AppContext.start(BenchSupport.options(server, data, new InMemorySecretStore(true)))) {
            app.accounts.signIn(settings(), PASSWORD.toCharArray()).get(60, TimeUnit.SECONDS);
            app.rooms.join(account, room, NICK, null).get(60, TimeUnit.SECONDS);
            // the catch-up of the empty archive notes "nothing until now"; give it its round trip
            Thread.sleep(2000);
            app.rooms.leave(roomKey()).get(30, TimeUnit.SECONDS);
        }
        return data;
    }

    private Round round(String scenario, int number, Path template) throws Exception {
        Path data = Files.createTempDirectory("natter-room-join-");
        if (template != null) {
            copy(template, data);
        }
        new JsonSettingsStore(DataDirectory.create(data).settingsFile())
                .save(im.natter.domain.model.Settings.EMPTY.withAccount(settings()));
        InMemorySecretStore secrets = new InMemorySecretStore(true);
        secrets.savePassword(account, PASSWORD.toCharArray());
        int expected = template != null ? messages : Math.min(messages, 1000);

        var frames = new FrameRecorder();
        var app = new NatterApplication(BenchSupport.options(server, data, secrets));
        app.init();
        CountDownLatch online = new CountDownLatch(1);
        AtomicLong joined = new AtomicLong();
        AtomicInteger added = new AtomicInteger();
        AtomicLong caughtUp = new AtomicLong();
        ConversationKey key = roomKey();
        app.context().events().subscribe(e -> {
            switch (e) {
                case ConnectionChanged c when c.status().phase() == ConnectionPhase.ONLINE -> online.countDown();
                case RoomChanged c when c.room().equals(room) && c.snapshot().status() == RoomStatus.JOINED
                        && joined.get() == 0 -> joined.set(System.nanoTime());
                case MessageAdded m when m.message().conversation().equals(key) -> {
                    if (added.incrementAndGet() == expected) {
                        caughtUp.set(System.nanoTime());
                    }
                }
                default -> {
                }
            }
        });
        Stage[] stage = new Stage[1];
        onFx(() -> {
            frames.start();
            stage[0] = new Stage();
            app.start(stage[0]);
        });
        UsableProbe probe = new UsableProbe(occupants + 1);
        AtomicLong t0 = new AtomicLong();
        AtomicLong opened = new AtomicLong();
        long call;
        try {
            if (!online.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Natter did not come online");
            }
            Thread.sleep(1500); // the sign-in's own catch-up and first layouts settle
            onFx(() -> stage[0].getScene().addPostLayoutPulseListener(probe));
            crowd.watchEntry(NICK, t0::set);
            call = System.nanoTime();
            app.context().rooms.join(account, room, NICK, null);
            Platform.runLater(() -> openRoom(stage[0], key, opened));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while ((probe.usable == 0 || caughtUp.get() == 0) && System.nanoTime() < deadline) {
                if (caughtUp.get() != 0 && System.nanoTime() - caughtUp.get() > TimeUnit.SECONDS.toNanos(10)) {
                    break; // caught up but never usable: a miss to report, not a hang
                }
                Thread.sleep(20);
            }
            Thread.sleep(1000); // coalesced events still reaching the FX thread after the last MessageAdded
        } finally {
            onFx(frames::stop);
            onFx(() -> stage[0].getScene().removePostLayoutPulseListener(probe));
            if (probe.usable == 0) {
                onFx(probe::diagnose);
            }
        }
        try {
            app.context().rooms.leave(key).get(30, TimeUnit.SECONDS);
        } finally {
            onFx(() -> {
                stage[0].hide();
                app.stop();
            });
            deleteQuietly(data);
        }
        if (caughtUp.get() == 0 || t0.get() == 0) {
            throw new IllegalStateException(scenario + " round " + number + " did not finish: usable "
                    + (probe.usable != 0) + " (" + probe.why + "), caught up " + added.get() + " of " + expected
                    + ", entry seen " + (t0.get() != 0));
        }
        long start = t0.get();
        long end = caughtUp.get() + 1_000_000_000L;
        long usable = probe.usable == 0 ? -1 : probe.usable - start;
        if (probe.usable == 0) {
            say("NOT USABLE within 10 s of the catch-up: " + probe.why);
        }
        return new Round(scenario, number, expected, start - call, joined.get() - start, usable,
                caughtUp.get() - start, frames.longestGap(call, end), frames.longestGap(start, end),
                opened.get() == 0 ? -1 : opened.get() - start, frames.longestParts(call, end),
                frames.gapsSummary(call, end) + "; most FX-thread CPU in a frame (cpu/wall): "
                        + frames.mostCpu(start, end));
    }

    /** Shows the Chats tab and selects the room in it, as a user clicking it would; retries until it is listed. */
    private static void openRoom(Stage stage, ConversationKey key, AtomicLong opened) {
        Scene scene = stage.getScene();
        if (scene.lookup(".tab-pane") instanceof TabPane pane) {
            for (Tab t : pane.getTabs()) {
                if ("Chats".equals(t.getText())) {
                    pane.getSelectionModel().select(t);
                }
            }
        }
        if (scene.lookup("#conversation-list") instanceof ListView<?> list) {
            for (int i = 0; i < list.getItems().size(); i++) {
                if (list.getItems().get(i) instanceof ConversationListItem item && item.key().equals(key)) {
                    list.getSelectionModel().select(i);
                    opened.set(System.nanoTime());
                    return;
                }
            }
        }
        Platform.runLater(() -> openRoom(stage, key, opened));
    }

    /**
     * Runs after layout in every pulse (before the frame is drawn) and notes the first pulse that shows the room
     * usable: everyone in the occupant list, the newest message in the last visible cell, the composer enabled.
     */
    private static final class UsableProbe implements Runnable {
        private final int people;
        volatile long usable;
        volatile String why = "not checked";
        // found once: a lookup walks the whole scene, too dear for every pulse
        private ListView<?> occupantList;
        private ListView<?> messages;
        private VirtualFlow<?> timeline;
        private TextArea composer;

        UsableProbe(int people) {
            this.people = people;
        }

        @Override
        public void run() {
            if (usable != 0 || !found()) {
                return;
            }
            int shown = 0;
            for (Object row : occupantList.getItems()) {
                shown += row instanceof OccupantItem ? 1 : 0;
            }
            if (shown < people) {
                why = shown + " of " + people + " people listed";
                return;
            }
            IndexedCell<?> last = timeline.getLastVisibleCell();
            if (last == null || !(last.getItem() instanceof MessageListItem item)
                    || item.message().body() == null || !item.message().body().contains(NEWEST)) {
                why = "newest message not shown (last visible " + (last == null ? "none" : last.getIndex()) + ")";
                return;
            }
            if (composer.isDisabled()) {
                why = "composer disabled";
                return;
            }
            why = "usable";
            usable = System.nanoTime();
        }

        /** When never usable: what the timeline's last row holds, and where the newest message is in it. */
        void diagnose() {
            if (messages == null) {
                return;
            }
            var items = messages.getItems();
            int newest = -1;
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof MessageListItem item && item.message().body() != null
                        && item.message().body().contains(NEWEST)) {
                    newest = i;
                }
            }
            String lastRow = items.isEmpty() || !(items.getLast() instanceof MessageListItem item) ? "none"
                    : item.message().body() + " at " + item.message().displayTime() + ", id " + item.message().id();
            String newestRow = newest < 0 || !(items.get(newest) instanceof MessageListItem item) ? ""
                    : " at " + item.message().displayTime() + ", id " + item.message().id();
            why += "; the list holds " + items.size() + " rows, the newest message is row " + newest + newestRow
                    + ", the last row is \"" + lastRow + "\"";
        }

        private boolean found() {
            if (composer != null) {
                return true;
            }
            // the shown room view: the app may hold a hidden one of its own while it warms up
            javafx.scene.Node room = javafx.stage.Window.getWindows().stream().map(javafx.stage.Window::getScene)
                    .filter(s -> s != null).flatMap(s -> s.getRoot().lookupAll(".room-view").stream())
                    .filter(javafx.scene.Node::isVisible).findFirst().orElse(null);
            if (room != null && room.lookup("#occupant-list") instanceof ListView<?> list
                    && room.lookup("#message-list") instanceof ListView<?> messages
                    && messages.lookup(".virtual-flow") instanceof VirtualFlow<?> flow
                    && room.lookup("#message-input") instanceof TextArea input) {
                occupantList = list;
                this.messages = messages;
                timeline = flow;
                composer = input;
                return true;
            }
            why = "no room view yet";
            return false;
        }
    }

    /**
     * @param callToEntry    from Natter's join call to t0 (features query, presence, the server's work)
     * @param joined         t0 to the service's RoomChanged(JOINED)
     * @param usable         t0 to the first usable frame
     * @param caughtUp       t0 to the last expected MessageAdded
     * @param stallWhole     longest gap between frames from the join call to caught up + 1 s
     * @param stallAfterT0   the same from t0
     * @param longest        the longest gaps from the join call, each told apart (FX work, waiting, render, GC)
     * @param opened         t0 to the room's selection in the list (negative: before t0)
     */
    private record Round(String scenario, int number, int stored, long callToEntry, long joined, long usable,
            long caughtUp, long stallWhole, long stallAfterT0, long opened, String longest, String gaps) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s #%d: join call to entry %d ms; from entry: joined %d ms, usable"
                    + " %s ms, caught up (%,d) %d ms; longest FX gap %.1f ms (from entry %.1f ms); room selected at"
                    + " %+d ms; longest from the call (entry at +%d ms): %s; frames from the call: %s", scenario,
                    number, ms(callToEntry), ms(joined), usable < 0 ? "never" : ms(usable), stored, ms(caughtUp),
                    stallWhole / 1e6, stallAfterT0 / 1e6, ms(opened), ms(callToEntry), longest, gaps);
        }
    }

    private static void report(List<Round> rounds) {
        say("");
        say(String.format(Locale.ROOT, "%-10s %5s %9s %9s %9s %12s %11s %11s", "scenario", "round", "joined",
                "usable", "stored", "caught up", "stall ms", "from entry"));
        for (Round r : rounds) {
            say(String.format(Locale.ROOT, "%-10s %5d %9d %9s %,9d %12d %11.1f %11.1f", r.scenario(), r.number(),
                    ms(r.joined()), r.usable() < 0 ? "never" : String.valueOf(ms(r.usable())), r.stored(), ms(r.caughtUp()), r.stallWhole() / 1e6,
                    r.stallAfterT0() / 1e6));
        }
        for (String scenario : rounds.stream().map(Round::scenario).distinct().toList()) {
            List<Round> of = rounds.stream().filter(r -> r.scenario().equals(scenario)).toList();
            long[] usable = of.stream().mapToLong(Round::usable).filter(u -> u >= 0).toArray();
            say(String.format(Locale.ROOT, "%s: median usable %d ms (min %d, max %d, never usable in %d rounds; aim"
                    + " <= 1000), median caught up"
                    + " %d ms, median longest FX gap %.1f ms (min %.1f, max %.1f; aim <= 50)", scenario,
                    usable.length == 0 ? -1 : ms(median(usable)), ms(LongStream.of(usable).min().orElse(-1)),
                    ms(LongStream.of(usable).max().orElse(-1)), of.size() - usable.length,
                    ms(median(of.stream().mapToLong(Round::caughtUp).toArray())),
                    median(of.stream().mapToLong(Round::stallWhole).toArray()) / 1e6,
                    of.stream().mapToLong(Round::stallWhole).min().orElse(0) / 1e6,
                    of.stream().mapToLong(Round::stallWhole).max().orElse(0) / 1e6));
        }
    }

    private ConversationKey roomKey() {
        return new ConversationKey(account, room, ConversationKind.ROOM);
    }

    private AccountSettings settings() {
        return new AccountSettings(account, "natter-bench", null, true, List.of());
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
