package im.natter.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Senders that run at the same time, each sending numbered messages {@code from..to-1} one after the other, so a
 * fault can be injected while all of them are in the middle of their burst.
 */
final class Burst implements AutoCloseable {

    /** A short pause between two messages of one sender, so a burst spans a fault instead of finishing before it. */
    private static final long PACE_MILLIS = 4;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
    private final List<Future<?>> senders = new ArrayList<>();

    /** Starts {@code sender}: first {@code before} (e.g. a sign-in), then {@code send} for each number. */
    Burst start(String sender, int from, int to, Runnable before, IntConsumer send) {
        AtomicInteger count = sent.computeIfAbsent(sender, s -> new AtomicInteger());
        senders.add(threads.submit(() -> {
            before.run();
            for (int i = from; i < to; i++) {
                send.accept(i);
                count.incrementAndGet();
                Poll.sleep(PACE_MILLIS);
            }
            return null;
        }));
        return this;
    }

    Burst start(String sender, int from, int to, IntConsumer send) {
        return start(sender, from, to, () -> { }, send);
    }

    int sent(String sender) {
        AtomicInteger n = sent.get(sender);
        return n == null ? 0 : n.get();
    }

    /** Waits (bounded) until {@code sender} has sent {@code n} messages, for a fault in the middle of the burst. */
    void awaitSent(String sender, int n, Duration limit) {
        if (!Poll.until(limit, () -> sent(sender) >= n || senders.stream().allMatch(Future::isDone))) {
            throw new AssertionError(sender + " sent only " + sent(sender) + " of " + n + " within " + limit);
        }
        rethrowFailures();
    }

    /** Waits (bounded) until every sender is through; a sender that failed fails the test with its cause. */
    void awaitDone(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Future<?> f : senders) {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("a sender failed: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError("the senders did not finish within " + limit + "; sent so far: " + sent);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private void rethrowFailures() {
        for (Future<?> f : senders) {
            if (f.isDone()) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new AssertionError("a sender failed: " + e.getCause().getMessage(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
