package im.natter.bench;

import im.natter.app.AppContext;
import im.natter.domain.port.SecretStore;
import im.natter.platform.DataDirectory;
import im.natter.service.ReconnectPolicy;
import im.natter.testsupport.prosody.ProsodyServer;
import im.natter.xmpp.XmppConfig;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;

/** What the benchmarks that run Natter against a harness server share: its wiring, the FX thread, arguments. */
final class BenchSupport {

    private BenchSupport() {
    }

    /** The product's wiring, trusting only the test CA and resolving the server's domain to its loopback port. */
    static AppContext.Options options(ProsodyServer server, Path data, SecretStore secrets) throws Exception {
        XmppConfig xmpp = XmppConfig.defaults().withTrustStore(server.trustStore())
                .withHostResolver(domain -> domain.equals(server.domain())
                        ? Optional.of(new InetSocketAddress(server.host(), server.c2sPort()))
                        : Optional.empty());
        return new AppContext.Options(DataDirectory.create(data), xmpp, secrets,
                new ReconnectPolicy(Duration.ofMillis(300), Duration.ofSeconds(2), 0, () -> 0.5),
                Clock.systemDefaultZone());
    }

    /** Starts the JavaFX toolkit on the harness's virtual display (once per process). */
    static void startFx() throws InterruptedException {
        im.natter.testsupport.display.VirtualDisplay.ensure();
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        Platform.setImplicitExit(false);
    }

    static void onFx(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Throwable[] failed = new Throwable[1];
        Platform.runLater(() -> {
            try {
                r.run();
            } catch (Throwable t) {
                failed[0] = t;
            } finally {
                done.countDown();
            }
        });
        done.await();
        if (failed[0] != null) {
            throw new IllegalStateException(failed[0]);
        }
    }

    static long median(long[] values) {
        long[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // a temp folder left behind is harmless
        }
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** What the numbers depend on: CPU, memory, JDK, load, the open-file limit. */
    static java.util.List<String> machineFacts() {
        java.util.List<String> facts = new java.util.ArrayList<>();
        facts.add("date: " + java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).withNano(0));
        facts.add("cpu: " + Runtime.getRuntime().availableProcessors() + " available processors, "
                + firstLine(Path.of("/proc/cpuinfo"), "model name"));
        facts.add("memory: " + firstLine(Path.of("/proc/meminfo"), "MemTotal") + "; max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        facts.add("jdk: " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version")
                + "; os: " + System.getProperty("os.name") + " " + System.getProperty("os.version"));
        facts.add("open-file limit: " + openFileLimit() + "; load average: " + loadAverage());
        return facts;
    }

    /** The soft limit on open files of this process (Prosody inherits it), or -1 when unknown. */
    static long openFileLimit() {
        String line = firstLine(Path.of("/proc/self/limits"), "Max open files");
        String[] parts = line.trim().split("\\s+");
        try {
            return parts.length > 3 ? Long.parseLong(parts[3]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String firstLine(Path file, String prefix) {
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(prefix)).findFirst().orElse("?").replaceAll("\\s+", " ");
        } catch (Exception e) {
            return "?";
        }
    }
}
