package im.natter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;

/**
 * The time of every JavaFX pulse, taken by an AnimationTimer (which also makes JavaFX pulse every frame), and the
 * FX thread's CPU time then: on a loaded machine a gap between frames is mostly waiting for a core, while the CPU
 * the FX thread spent between two frames is its own work.
 */
final class FrameRecorder extends AnimationTimer {
    private final long[] times = new long[1 << 20];
    private final long[] cpu = new long[1 << 20];
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    private int n;

    @Override
    public void handle(long now) {
        if (n < times.length) {
            cpu[n] = threads.getCurrentThreadCpuTime();
            times[n++] = System.nanoTime();
        }
    }

    /** The five frames in which the FX thread spent the most CPU, each as "cpu/wall ms at offset ms". */
    String mostCpu(long from, long to) {
        List<long[]> frames = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            if (times[i] >= from && times[i - 1] <= to) {
                frames.add(new long[] {cpu[i] - cpu[i - 1], times[i] - times[i - 1], times[i - 1] - from});
            }
        }
        frames.sort((a, b) -> Long.compare(b[0], a[0]));
        StringBuilder text = new StringBuilder();
        for (long[] f : frames.subList(0, Math.min(5, frames.size()))) {
            text.append(String.format(Locale.ROOT, "%.0f/%.0f ms at +%d ms; ", f[0] / 1e6, f[1] / 1e6,
                    f[2] / 1_000_000));
        }
        return text.toString();
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

    /** The five longest gaps, each as "length ms at offset ms" from {@code from}. */
    String longest(long from, long to) {
        List<long[]> gaps = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            if (times[i] >= from && times[i - 1] <= to) {
                gaps.add(new long[] {times[i] - times[i - 1], times[i - 1] - from});
            }
        }
        gaps.sort((a, b) -> Long.compare(b[0], a[0]));
        StringBuilder text = new StringBuilder();
        for (long[] g : gaps.subList(0, Math.min(5, gaps.size()))) {
            text.append(String.format(Locale.ROOT, "%.0f ms at +%d ms; ", g[0] / 1e6, g[1] / 1_000_000));
        }
        return text.toString();
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
