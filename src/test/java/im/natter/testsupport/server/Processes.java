package im.natter.testsupport.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Small process and folder chores the test servers share. */
public final class Processes {

    private static final System.Logger LOG = System.getLogger(Processes.class.getName());
    private static final Duration DIE_LIMIT = Duration.ofSeconds(15);

    private Processes() {
    }

    /** SIGKILL to the process and everything below it, then waits until they are gone. */
    public static void killTree(ProcessHandle handle) {
        List<ProcessHandle> below = handle.descendants().toList();
        handle.destroyForcibly();
        below.forEach(ProcessHandle::destroyForcibly);
        awaitExit(handle, DIE_LIMIT);
        below.forEach(p -> awaitExit(p, DIE_LIMIT));
    }

    public static boolean awaitExit(ProcessHandle handle, Duration limit) {
        try {
            handle.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            if (handle.isAlive()) {
                LOG.log(System.Logger.Level.WARNING, "process {0} still alive after {1}", handle.pid(), limit);
            }
            return !handle.isAlive();
        }
    }

    public static boolean waitFor(Process process, Duration limit) {
        try {
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether a live process's command line mentions {@code text} (e.g. a server's private folder). */
    public static boolean commandLineContains(ProcessHandle handle, String text) {
        return handle.info().commandLine().map(line -> line.contains(text))
                .or(() -> handle.info().arguments().map(args -> String.join(" ", args).contains(text)))
                .orElse(false);
    }

    /** Live processes (other than this JVM) whose command line mentions {@code text}. */
    public static List<ProcessHandle> mentioning(String text) {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(p -> p.pid() != self)
                .filter(p -> commandLineContains(p, text)).toList();
    }

    public static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    public static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .map(dir -> Path.of(dir, program))
                .anyMatch(Files::isExecutable);
    }

    /** The last {@code lines} lines of a text file, or a note why there are none. */
    public static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file.getFileName() + " yet)";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(" + file.getFileName() + " unreadable: " + e.getMessage() + ")";
        }
    }

    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "could not delete {0}", p);
                }
            });
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete {0}: {1}", root, e);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
