package im.natter.ui.shell;

import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Settings;
import im.natter.testsupport.display.VirtualDisplay;
import im.natter.testsupport.fakes.FakeServices;
import im.natter.testsupport.fakes.InMemorySecretStore;
import im.natter.testsupport.fakes.InMemorySettingsStore;
import im.natter.ui.NatterUi;
import im.natter.ui.UiServices;
import im.natter.ui.fx.DemoData;
import im.natter.ui.fx.FxEventBridge;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * A quick look without a server at what a first start costs the FX thread, frame by frame, in a cold JVM: the
 * start-up spinner, the main window's first frames and the idle warm-up's steps, as {@link NatterUi} shows them
 * for a remembered account (services over the test fakes; their background work on a worker thread, their UI work
 * handed to the FX thread, as in the app). Prints every frame in which the FX thread spent over 8 ms of CPU. Not a
 * test. {@code ./mvnw -q -B -Pbench -DskipTests test-compile exec:exec@bench-main -Dexec.classpathScope=test
 * -Dbench.main=im.natter.ui.shell.FirstStartProbe}
 */
public final class FirstStartProbe {

    private static final long WATCH_NANOS = 5_000_000_000L;

    public static void main(String[] args) throws Exception {
        VirtualDisplay.ensure();
        long t0 = System.nanoTime();
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        var account = new AccountSettings(FakeServices.ALICE, "natter", null, true, List.of());
        var fakes = new FakeServices(new InMemorySettingsStore(new Settings(List.of(account), null, false)),
                new InMemorySecretStore(true));
        fakes.secrets.savePassword(FakeServices.ALICE, "pw".toCharArray());
        if (List.of(args).contains("roster")) {
            // with contacts and a request to be added (which selects the Contacts tab)
            DemoData.roster(fakes);
        }
        if (List.of(args).contains("conversations")) {
            // a returning user's start: twenty conversations in the archive, listed as the window opens
            java.time.Instant at = fakes.clock.instant().minusSeconds(3600);
            for (int i = 0; i < 20; i++) {
                fakes.xmpp.receive(new im.natter.domain.model.InboundMessage(FakeServices.ALICE,
                        im.natter.domain.model.Address.of("peer" + i + "@example.org"), "phone",
                        im.natter.domain.model.ConversationKind.CHAT, "Message number " + i + " of the day",
                        im.natter.domain.model.ContentKind.TEXT, "m-" + i, null, null, null, at.plusSeconds(i * 60L),
                        false));
            }
        }
        Executor fx = Platform::runLater;
        Executor background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "probe-background");
            t.setDaemon(true);
            return t;
        });
        var services = new UiServices(fakes.accounts, fakes.connections, fakes.chats, fakes.conversations,
                fakes.roster, fakes.presence, fakes.history, new FxEventBridge(fakes.bus, fx), fx, background,
                fakes.clock, url -> { }, fakes.readState, fakes.chatStates, fakes.rooms, fakes.bookmarks);

        long[] times = new long[100_000];
        long[] cpu = new long[100_000];
        String[] marks = new String[100_000];
        int[] n = new int[1];
        var threads = ManagementFactory.getThreadMXBean();
        long[] start = new long[1];
        Platform.runLater(() -> {
            start[0] = System.nanoTime();
            times[n[0]] = start[0];
            cpu[n[0]++] = threads.getCurrentThreadCpuTime();
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    cpu[n[0]] = threads.getCurrentThreadCpuTime();
                    times[n[0]++] = System.nanoTime();
                }
            }.start();
            Stage stage = new Stage();
            NatterUi.show(stage, services);
            stage.getScene().rootProperty().addListener((o, was, root) ->
                    marks[n[0]] = "root " + root.getClass().getSimpleName());
        });
        long openAt = List.of(args).stream().filter(a -> a.startsWith("open="))
                .mapToLong(a -> Long.parseLong(a.substring(5))).findFirst().orElse(-1);
        if (openAt >= 0) {
            // as a user's click on the first conversation, MS after show()
            Thread.sleep(openAt);
            Platform.runLater(() -> {
                var list = (javafx.scene.control.ListView<?>) javafx.stage.Window.getWindows().getFirst().getScene()
                        .lookup("#conversation-list");
                long t = System.nanoTime();
                marks[n[0]] = "opening the first conversation";
                list.getSelectionModel().select(0);
                System.out.printf(Locale.ROOT, "opened at +%d, the click's handling took %.1f ms%n",
                        (t - start[0]) / 1_000_000, (System.nanoTime() - t) / 1e6);
            });
            Thread.sleep(WATCH_NANOS / 1_000_000 - openAt);
        } else {
            Thread.sleep(WATCH_NANOS / 1_000_000);
        }
        CountDownLatch printed = new CountDownLatch(1);
        Platform.runLater(() -> {
            System.out.printf(Locale.ROOT, "show() at %d; FX toolkit up %d ms after main; frames over 8 ms of FX CPU, from show()"
                    + " (cpu/wall ms at +ms):%n", start[0] / 1_000_000, (start[0] - t0) / 1_000_000);
            long worstAfterMain = 0;
            int over20 = 0;
            int over33 = 0;
            boolean mainShown = false;
            for (int i = 1; i < n[0]; i++) {
                long c = cpu[i] - cpu[i - 1];
                if (marks[i] != null) {
                    System.out.printf(Locale.ROOT, "  -- %s, then:%n", marks[i]);
                    mainShown |= marks[i].contains("MainWindow");
                }
                if (mainShown && marks[i] == null) {
                    worstAfterMain = Math.max(worstAfterMain, c);
                    over20 += c > 20_000_000 ? 1 : 0;
                    over33 += c > 33_000_000 ? 1 : 0;
                }
                if (c > 8_000_000) {
                    System.out.printf(Locale.ROOT, "  %5.1f / %5.1f at +%d%n", c / 1e6, (times[i] - times[i - 1]) / 1e6,
                            (times[i - 1] - start[0]) / 1_000_000);
                }
            }
            System.out.printf(Locale.ROOT, "frames %d; after the main window's first frame: most FX CPU in a frame %.1f ms,"
                    + " frames over 20 ms of CPU %d, over 33 ms %d; load %s%n", n[0], worstAfterMain / 1e6, over20,
                    over33, loadAverage());
            printed.countDown();
        });
        printed.await();
        Platform.exit();
        System.exit(0);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
