package im.natter.testsupport.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler that runs nothing by itself: tests see what was scheduled, with which delay, and run it when they
 * choose. {@code execute} runs at once on the calling thread.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final List<Task<?>> scheduled = new ArrayList<>();

    public synchronized List<Long> pendingDelaysMillis() {
        return scheduled.stream().filter(t -> !t.isDone()).map(t -> t.delayMillis).toList();
    }

    /** Runs every task scheduled so far (not ones they schedule in turn) and returns how many ran. */
    public int runPending() {
        List<Task<?>> due;
        synchronized (this) {
            due = new ArrayList<>(scheduled);
            scheduled.clear();
        }
        int n = 0;
        for (Task<?> t : due) {
            if (!t.isDone()) {
                t.run();
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task<Void> t = new Task<>(() -> {
            command.run();
            return null;
        }, unit.toMillis(delay));
        scheduled.add(t);
        return t;
    }

    @Override
    public synchronized <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        Task<V> t = new Task<>(callable, unit.toMillis(delay));
        scheduled.add(t);
        return t;
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return schedule(command, initialDelay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return schedule(command, initialDelay, unit);
    }

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private static final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
        final long delayMillis;

        Task(Callable<V> callable, long delayMillis) {
            super(callable);
            this.delayMillis = delayMillis;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(delayMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(delayMillis, o.getDelay(TimeUnit.MILLISECONDS));
        }
    }
}
