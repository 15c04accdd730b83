package im.natter.ui.chat;

import atlantafx.base.theme.PrimerLight;
import im.natter.testsupport.display.VirtualDisplay;
import im.natter.ui.fx.Theme;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * A quick look without a server at what the first opening of a chat costs the FX thread in a cold JVM: the time
 * to build the chat view, and the gap to the next frame (its CSS and layout), with the classes loaded meanwhile.
 * Not a test. {@code ./mvnw -q -B -Pbench -DskipTests test-compile exec:exec@bench-main
 * -Dexec.classpathScope=test -Dbench.main=im.natter.ui.chat.ChatOpeningProbe}
 */
public final class ChatOpeningProbe {

    public static void main(String[] args) throws Exception {
        VirtualDisplay.ensure();
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        var f = new ChatFixtures(Platform::runLater);
        Instant now = Instant.parse("2026-11-20T15:30:00Z");
        for (int i = 0; i < 60; i++) {
            f.receive(ChatFixtures.BOB, "message " + i + ": the quick brown fox jumps over the lazy dog https://example.org/"
                    + i, now.plusSeconds(i * 60L));
        }
        StackPane host = new StackPane(new Label("Select a conversation"));
        long[] frames = new long[100_000];
        long[] cpu = new long[100_000];
        var threads = ManagementFactory.getThreadMXBean();
        int[] n = new int[1];
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            Stage stage = new Stage();
            Scene scene = new Scene(host, 1100, 720);
            Theme.style(scene);
            stage.setScene(scene);
            stage.show();
            new AnimationTimer() {
                @Override
                public void handle(long t) {
                    cpu[n[0]] = threads.getCurrentThreadCpuTime();
                    frames[n[0]++] = System.nanoTime();
                }
            }.start();
            shown.countDown();
        });
        shown.await();
        Thread.sleep(1500);
        if (args.length > 0 && args[0].equals("warm")) {
            im.natter.ui.fx.IdleWarmUp[] w = new im.natter.ui.fx.IdleWarmUp[1];
            int from = n[0];
            Platform.runLater(() -> w[0] = im.natter.ui.fx.IdleWarmUp.start(host,
                    java.util.List.of(() -> ChatWarmUp.sample(f.ui))));
            Thread.sleep(Long.parseLong(args.length > 1 ? args[1] : "4000"));
            long wl = 0;
            long wc = 0;
            StringBuilder each = new StringBuilder();
            for (int i = from + 1; i < n[0]; i++) {
                wl = Math.max(wl, frames[i] - frames[i - 1]);
                wc = Math.max(wc, cpu[i] - cpu[i - 1]);
                if (cpu[i] - cpu[i - 1] > 8_000_000) {
                    each.append(String.format("%.0f/%.0f ", (cpu[i] - cpu[i - 1]) / 1e6, (frames[i] - frames[i - 1]) / 1e6));
                }
            }
            System.out.printf("warm-up done %s, longest gap during it %.1f ms, most FX cpu in a frame %.1f ms; frames"
                    + " over 8 ms cpu (cpu/wall): %s%n", w[0].isDone(), wl / 1e6, wc / 1e6, each);
        }
        var classes = ManagementFactory.getClassLoadingMXBean();
        long[] result = new long[4];
        CountDownLatch built = new CountDownLatch(1);
        int before = n[0];
        Platform.runLater(() -> {
            System.out.println("== open at " + System.nanoTime() / 1_000_000);
            long c0 = classes.getTotalLoadedClassCount();
            long t0 = System.nanoTime();
            var vm = new ChatViewModel(f.ui, ChatFixtures.WITH_BOB);
            vm.activate();
            var view = new ChatView(vm);
            result[0] = System.nanoTime() - t0;
            result[1] = classes.getTotalLoadedClassCount() - c0;
            host.getChildren().setAll(view);
            result[2] = t0;
            result[3] = c0;
            built.countDown();
        });
        built.await();
        Thread.sleep(1500);
        long c1 = classes.getTotalLoadedClassCount();
        CountDownLatch counted = new CountDownLatch(1);
        Platform.runLater(() -> {
            System.out.println("message cells made: " + host.lookupAll(".message-cell").size());
            counted.countDown();
        });
        counted.await();
        long longest = 0;
        for (int i = Math.max(1, before); i < n[0]; i++) {
            if (frames[i] > result[2]) {
                longest = Math.max(longest, frames[i] - Math.max(frames[i - 1], result[2]));
            }
        }
        long cmax = 0;
        for (int i = Math.max(1, before); i < n[0]; i++) {
            if (frames[i] > result[2]) {
                cmax = Math.max(cmax, cpu[i] - cpu[i - 1]);
            }
        }
        StringBuilder each = new StringBuilder();
        for (int i = Math.max(1, before); i < n[0]; i++) {
            if (frames[i] > result[2] && cpu[i] - cpu[i - 1] > 4_000_000) {
                each.append(String.format("%.0f/%.0f@%.0f ", (cpu[i] - cpu[i - 1]) / 1e6, (frames[i] - frames[i - 1]) / 1e6,
                        (frames[i] - result[2]) / 1e6));
            }
        }
        System.out.printf("after the opening: most FX cpu in a frame %.1f ms; frames over 4 ms cpu (cpu/wall@ms after the opening): %s%n",
                cmax / 1e6, each);
        long first = 0;
        for (int i = before; i < n[0]; i++) {
            if (frames[i] > result[2]) {
                first = frames[i] - result[2];
                break;
            }
        }
        System.out.printf("build %.1f ms (%d classes); opening to the next frame %.1f ms; longest gap after %.1f ms;"
                + " classes loaded since the opening %d; load %s%n", result[0] / 1e6, result[1], first / 1e6,
                longest / 1e6, c1 - result[3], java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
        Platform.exit();
        System.exit(0);
    }
}
