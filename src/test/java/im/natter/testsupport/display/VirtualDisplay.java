package im.natter.testsupport.display;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An X display for UI tests, once per JVM. Uses the environment's DISPLAY when there is one; otherwise starts
 * Xvfb (1280x1024x24, no TCP) and points DISPLAY at it in the native environment, so it must run before the
 * JavaFX toolkit starts. Xvfb is stopped when the JVM exits.
 */
public final class VirtualDisplay {

    private static final System.Logger LOG = System.getLogger(VirtualDisplay.class.getName());
    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    private static final String SCREEN = "1280x1024x24";

    private static String display;
    private static Process xvfb;
    private static Path logFile;

    private VirtualDisplay() {
    }

    /** Makes sure a display exists and DISPLAY names it; returns its name, e.g. {@code ":93"}. Idempotent. */
    public static synchronized String ensure() {
        if (display != null) {
            return display;
        }
        Optional<String> existing = NativeEnvironment.get("DISPLAY").filter(d -> !d.isBlank());
        if (existing.isPresent()) {
            display = existing.get();
            LOG.log(System.Logger.Level.DEBUG, "Using the existing display {0}", display);
            return display;
        }
        display = startXvfb();
        NativeEnvironment.set("DISPLAY", display);
        // GTK may otherwise try Wayland first when a stray WAYLAND_DISPLAY is around.
        NativeEnvironment.set("GDK_BACKEND", "x11");
        return display;
    }

    /** The display in use, if {@link #ensure()} has run. */
    public static synchronized Optional<String> current() {
        return Optional.ofNullable(display);
    }

    /** Whether this JVM started its own Xvfb (rather than using an existing DISPLAY). */
    public static synchronized boolean startedXvfb() {
        return xvfb != null;
    }

    /** The process id of the Xvfb this JVM started, if any. */
    public static synchronized Optional<Long> xvfbPid() {
        return Optional.ofNullable(xvfb).flatMap(watcher -> watcher.children().findFirst()).map(ProcessHandle::pid);
    }

    private static String startXvfb() {
        if (!onPath("Xvfb")) {
            throw new IllegalStateException("There is no DISPLAY and Xvfb is not installed, but UI tests need a display."
                    + " Run ./mvnw verify as root (it installs the test tools by itself), or: sudo apt-get install xvfb,"
                    + " or run the tests under xvfb-run -a.");
        }
        try {
            logFile = Files.createTempFile("natter-xvfb-", ".log");
            // -displayfd 1: Xvfb picks a free display itself and prints its number on stdout once it accepts clients.
            Process process = watched(List.of("Xvfb", "-displayfd", "1", "-screen", "0", SCREEN, "-nolisten", "tcp"))
                    .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            CompletableFuture<String> number = CompletableFuture.supplyAsync(() -> readLine(process));
            String line;
            try {
                line = number.get(START_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                line = null;
            }
            if (line == null || !line.trim().matches("\\d+")) {
                stopWatched(process);
                LOG.log(System.Logger.Level.INFO, "Xvfb -displayfd did not work ({0}); trying fixed display numbers", line);
                return startXvfbOnFreeNumber();
            }
            adopt(process);
            return ":" + line.trim();
        } catch (IOException e) {
            throw new IllegalStateException("could not start Xvfb: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Xvfb", e);
        }
    }

    /** For an Xvfb without -displayfd: the first of :90..:199 that has no lock file and no socket. */
    private static String startXvfbOnFreeNumber() throws IOException, InterruptedException {
        for (int n = 90; n <= 199; n++) {
            if (Files.exists(Path.of("/tmp/.X" + n + "-lock")) || Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                continue;
            }
            Process process = watched(List.of("Xvfb", ":" + n, "-screen", "0", SCREEN, "-nolisten", "tcp"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            Path socket = Path.of("/tmp/.X11-unix/X" + n);
            Instant deadline = Instant.now().plus(START_LIMIT);
            while (process.isAlive() && !Files.exists(socket) && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            if (process.isAlive() && Files.exists(socket)) {
                adopt(process);
                return ":" + n;
            }
            stopWatched(process);
        }
        throw new IllegalStateException("could not start Xvfb on any display :90..:199. Its log " + logFile + ":\n"
                + tail(logFile));
    }

    /**
     * Xvfb under a small shell that kills it when its stdin (a pipe from this JVM) reaches end-of-file, which
     * happens only when the JVM has exited, however it exits. Killing Xvfb from a shutdown hook instead would
     * pull the display away while GTK still talks to it, and GTK then ends the JVM with an error status.
     */
    private static ProcessBuilder watched(List<String> xvfbCommand) {
        List<String> command = new java.util.ArrayList<>(List.of("sh", "-c",
                "\"$@\" </dev/null & x=$!; trap 'kill $x' TERM; cat >/dev/null; kill $x; wait $x", "xvfb-watch"));
        command.addAll(xvfbCommand);
        return new ProcessBuilder(command);
    }

    private static void stopWatched(Process watcher) {
        try {
            watcher.getOutputStream().close();
            if (!watcher.waitFor(5, TimeUnit.SECONDS)) {
                watcher.descendants().forEach(ProcessHandle::destroyForcibly);
                watcher.destroyForcibly();
            }
        } catch (IOException e) {
            watcher.descendants().forEach(ProcessHandle::destroyForcibly);
            watcher.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void adopt(Process process) {
        xvfb = process;
        Path log = logFile;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // a leftover log in the temp folder is harmless
            }
        }, "xvfb-log-cleanup"));
    }

    private static String readLine(Process process) {
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
            return reader.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    private static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
