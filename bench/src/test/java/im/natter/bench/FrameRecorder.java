package im.natter.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.animation.AnimationTimer;

/**
 * The time of every JavaFX pulse, taken by an AnimationTimer (which also makes JavaFX pulse every frame), and the
 * FX thread's CPU time then: on a loaded machine a gap between frames is mostly waiting for a core, while the CPU
 * the FX thread spent between two frames is its own work. Beside it, the render thread's CPU (a pulse waits for
 * the last frame's rendering), the JVM's collection pauses, and, on Linux, how long each of the two threads waited
 * for a core (schedstat), so a gap can be told apart into work, pauses and waiting.
 */
final class FrameRecorder extends AnimationTimer {
    // they grow as frames come: six arrays of a million frames were 48 MB of old generation from the start, which
    // the collector then counted towards starting a marking cycle in the middle of what was measured
    private long[] times = new long[4096];
    private long[] cpu = new long[4096];
    private long[] render = new long[4096];
    private long[] gc = new long[4096];
    private long[] fxDelay = new long[4096];
    private long[] renderDelay = new long[4096];
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private long renderThread = -1;
    private Path renderSched;
    private int n;

    @Override
    public void handle(long now) {
        if (n == times.length) {
            grow();
        }
        cpu[n] = threads.getCurrentThreadCpuTime();
        render[n] = renderCpu();
        gc[n] = collectionMillis();
        fxDelay[n] = runQueueDelay(Path.of("/proc/thread-self/schedstat"));
        renderDelay[n] = renderSched == null ? 0 : runQueueDelay(renderSched);
        times[n++] = System.nanoTime();
    }

    private void grow() {
        int size = times.length * 2;
        times = Arrays.copyOf(times, size);
        cpu = Arrays.copyOf(cpu, size);
        render = Arrays.copyOf(render, size);
        gc = Arrays.copyOf(gc, size);
        fxDelay = Arrays.copyOf(fxDelay, size);
        renderDelay = Arrays.copyOf(renderDelay, size);
    }

    private long renderCpu() {
        if (renderThread < 0) {
            renderThread = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("QuantumRenderer")).mapToLong(Thread::threadId)
                    .findFirst().orElse(0);
            renderSched = renderSchedstat();
        }
        return renderThread > 0 ? Math.max(0, threads.getThreadCpuTime(renderThread)) : 0;
    }

    /** Linux's time the thread spent ready to run but waiting for a core (schedstat's second field); 0 elsewhere. */
    private static long runQueueDelay(Path schedstat) {
        try {
            return Long.parseLong(Files.readString(schedstat).trim().split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static Path renderSchedstat() {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(t.resolve("comm")).startsWith("QuantumRenderer")) {
                    return t.resolve("schedstat");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the figure stays 0
        }
        return null;
    }

    private long collectionMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean c : collectors) {
            sum += Math.max(0, c.getCollectionTime());
        }
        return sum;
    }

    /** The five frames in which the FX thread spent the most CPU, each as "cpu/wall ms at offset ms". */
    String mostCpu(long from, long to) {
        return worst(from, to, Comparator.comparingLong(Frame::fxCpu), Frame::cpuAndWall);
    }

    /**
     * The five longest gaps, each as "wall ms: fx F (waited W), render R (waited W), gc G at offset ms": the FX and
     * render threads' CPU and their time waiting for a core, and the collectors' pause time (G1 counts its
     * concurrent cycles' remark and cleanup pauses, ZGC its whole concurrent cycles) between the two frames.
     */
    String longestParts(long from, long to) {
        return worst(from, to, Comparator.comparingLong(Frame::wall), Frame::parts);
    }

    private String worst(long from, long to, Comparator<Frame> by, Function<Frame, String> text) {
        List<Frame> frames = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            if (times[i] >= from && times[i - 1] <= to) {
                frames.add(new Frame(times[i] - times[i - 1], times[i - 1] - from, cpu[i] - cpu[i - 1],
                        fxDelay[i] - fxDelay[i - 1], render[i] - render[i - 1], renderDelay[i] - renderDelay[i - 1],
                        gc[i] - gc[i - 1]));
            }
        }
        frames.sort(by.reversed());
        return frames.stream().limit(5).map(text).collect(Collectors.joining());
    }

    /** One gap between two frames; times in nanoseconds but {@code gcMillis}. */
    private record Frame(long wall, long at, long fxCpu, long fxWaited, long renderCpu, long renderWaited,
            long gcMillis) {
        String cpuAndWall() {
            return String.format(Locale.ROOT, "%.0f/%.0f ms at +%d ms; ", fxCpu / 1e6, wall / 1e6, at / 1_000_000);
        }

        String parts() {
            return String.format(Locale.ROOT, "%.0f ms: fx %.0f (waited %.0f), render %.0f (waited %.0f), gc %d at"
                    + " +%d ms; ", wall / 1e6, fxCpu / 1e6, fxWaited / 1e6, renderCpu / 1e6, renderWaited / 1e6,
                    gcMillis, at / 1_000_000);
        }
    }

    /** Every frame from {@code from} to {@code to} in which the FX thread spent over 4 ms, as "cpu/wall@+offset". */
    String busyFrames(long from, long to) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < n; i++) {
            if (times[i] >= from && times[i - 1] <= to && cpu[i] - cpu[i - 1] > 4_000_000) {
                text.append(String.format(Locale.ROOT, "%.0f/%.0f@+%d ", (cpu[i] - cpu[i - 1]) / 1e6,
                        (times[i] - times[i - 1]) / 1e6, (times[i] - from) / 1_000_000));
            }
        }
        return text.toString().trim();
    }

    long longestGap(long from, long to) {
        long longest = 0;
        for (int i = 1; i < n; i++) {
            if (times[i] >= from && times[i - 1] <= to) {
                longest = Math.max(longest, times[i] - Math.max(times[i - 1], from));
            }
        }
        return longest;
    }

    long firstAfter(long t) {
        for (int i = 0; i < n; i++) {
            if (times[i] > t) {
                return times[i];
            }
        }
        return t;
    }

    int count(long from, long to) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (times[i] >= from && times[i] <= to) {
                c++;
            }
        }
        return c;
    }

    /** How many gaps between frames in the window exceeded 20, 33 and 50 ms. */
    String gapsSummary(long from, long to) {
        int over20 = 0;
        int over33 = 0;
        int over50 = 0;
        for (int i = 1; i < n; i++) {
            if (times[i] >= from && times[i - 1] <= to) {
                long gap = times[i] - times[i - 1];
                over20 += gap > 20_000_000L ? 1 : 0;
                over33 += gap > 33_000_000L ? 1 : 0;
                over50 += gap > 50_000_000L ? 1 : 0;
            }
        }
        return String.format(Locale.ROOT, "%d, gaps >20 ms: %d, >33 ms: %d, >50 ms: %d", count(from, to),
                over20, over33, over50);
    }
}
