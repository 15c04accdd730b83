package im.natter.ui.fx;

import im.natter.domain.event.NatterEvent;
import im.natter.service.EventBus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The one road from the services to the JavaFX thread. Events published on any thread are queued; one drain is
 * scheduled on the FX executor per burst, and within a burst an event with a {@link NatterEvent#coalesceKey()}
 * replaces the older one with the same key (a presence storm becomes one update per contact). Order is kept:
 * a replaced event takes the newest one's place, events without a key are all delivered.
 *
 * <p>A drain hands events over for at most {@link #SLICE} and leaves the rest for its next turn on the FX thread,
 * so a flood (a history catch-up storing thousands of messages) never holds the thread for long: frames are drawn
 * and the user's input is handled between the slices. Events published meanwhile queue behind the rest.
 *
 * <p>The FX executor is injected: the application passes {@code Platform::runLater}, tests pass
 * {@code Runnable::run}.
 */
public final class FxEventBridge implements AutoCloseable {

    /** How long one turn on the FX thread may hand over events: well inside one 60 Hz frame. */
    static final Duration SLICE = Duration.ofMillis(8);

    private final Executor fx;
    private final LongSupplier nanoTime;
    /** Events taken out of {@code pending} but not handed over yet, oldest first (FX thread only). */
    private final ArrayDeque<NatterEvent> taken = new ArrayDeque<>();
    private final EventBus.Subscription busSubscription;
    private final CopyOnWriteArrayList<Handler<?>> handlers = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private LinkedHashMap<Object, NatterEvent> pending = new LinkedHashMap<>();
    private boolean drainScheduled;
    private long sequence;

    public FxEventBridge(EventBus bus, Executor fx) {
        this(bus, fx, System::nanoTime);
    }

    /** @param nanoTime the clock that measures a slice (tests pass one they move) */
    FxEventBridge(EventBus bus, Executor fx, LongSupplier nanoTime) {
        this.fx = fx;
        this.nanoTime = nanoTime;
        this.busSubscription = bus.subscribe(this::enqueue);
    }

    /** Calls {@code handler} on the FX thread for every event of {@code type}. Close the result to stop. */
    public <T extends NatterEvent> EventBus.Subscription on(Class<T> type, Consumer<? super T> handler) {
        Handler<T> h = new Handler<>(type, handler);
        handlers.add(h);
        return () -> handlers.remove(h);
    }

    private void enqueue(NatterEvent event) {
        boolean schedule;
        synchronized (lock) {
            Object key = event.coalesceKey();
            if (key == null) {
                key = sequence++;
            } else {
                // a replaced event moves to the end, so it is delivered after what came before it
                pending.remove(key);
            }
            pending.put(key, event);
            schedule = !drainScheduled;
            drainScheduled = true;
        }
        if (schedule) {
            fx.execute(this::drain);
        }
    }

    private void drain() {
        if (taken.isEmpty()) {
            synchronized (lock) {
                taken.addAll(pending.values());
                pending = new LinkedHashMap<>();
                drainScheduled = false;
            }
        }
        long end = nanoTime.getAsLong() + SLICE.toNanos();
        while (!taken.isEmpty()) {
            NatterEvent e = taken.poll();
            for (Handler<?> h : handlers) {
                h.deliver(e);
            }
            if (!taken.isEmpty() && nanoTime.getAsLong() - end > 0) {
                fx.execute(this::drain);
                return;
            }
        }
        synchronized (lock) {
            if (!pending.isEmpty() && !drainScheduled) {
                drainScheduled = true;
                fx.execute(this::drain);
            }
        }
    }

    /** How many events wait for the FX thread now (for tests and diagnostics). */
    int pendingCount() {
        synchronized (lock) {
            return pending.size() + taken.size();
        }
    }

    @Override
    public void close() {
        busSubscription.close();
        handlers.clear();
    }

    private record Handler<T extends NatterEvent>(Class<T> type, Consumer<? super T> consumer) {
        void deliver(NatterEvent e) {
            if (type.isInstance(e)) {
                consumer.accept(type.cast(e));
            }
        }
    }
}
