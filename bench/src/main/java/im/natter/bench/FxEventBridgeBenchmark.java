package im.natter.bench;

import im.natter.domain.event.PresenceChanged;
import im.natter.domain.model.Availability;
import im.natter.domain.model.PresenceStatus;
import im.natter.service.EventBus;
import im.natter.ui.fx.FxEventBridge;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A presence storm (as after sign-in to a big roster): {@value #EVENTS} {@link PresenceChanged} for
 * {@value #CONTACTS} contacts published on the service side through the real {@link EventBus} into the real
 * {@link FxEventBridge}. The FX executor is a queue run by hand, standing in for {@code Platform::runLater}
 * (one FX pulse picks up the whole burst). The subscriber only counts, so the time is the bridge's own cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FxEventBridgeBenchmark {

    static final int EVENTS = 10_000;
    static final int CONTACTS = 1_000;

    /** Publish the whole burst, then run what the bridge queued for the FX thread. */
    @Benchmark
    public int publishBurstAndDrain(Storm storm) {
        storm.publish();
        return storm.drainFxQueue();
    }

    /** Only the FX-thread side: the burst was published (untimed) just before. */
    @Benchmark
    public int drainOnly(Published published) {
        return published.storm.drainFxQueue();
    }

    /** The bus, the bridge with a counting subscriber, the hand-run FX queue, and the burst. */
    @State(Scope.Thread)
    public static class Storm {
        private final ArrayDeque<Runnable> fxQueue = new ArrayDeque<>();
        private final List<PresenceChanged> burst = new ArrayList<>(EVENTS);
        private EventBus bus;
        private FxEventBridge bridge;
        private int delivered;
        private int minDelivered = Integer.MAX_VALUE;
        private int maxDelivered;
        private int maxDrains;

        @Setup(Level.Trial)
        public void wire() {
            Availability[] states = Availability.values();
            for (int i = 0; i < EVENTS; i++) {
                burst.add(new PresenceChanged(BenchMessages.ACCOUNT, BenchMessages.peer(i % CONTACTS),
                        new PresenceStatus(states[(i / CONTACTS) % states.length], "status " + i)));
            }
            bus = new EventBus();
            bridge = new FxEventBridge(bus, fxQueue::add);
            bridge.on(PresenceChanged.class, e -> delivered++);
        }

        @TearDown(Level.Trial)
        public void report() {
            bridge.close();
            // JMH shows the fork's output: the coalescing result next to the time
            System.out.printf("%n[bridge] per burst of %,d events for %,d contacts: delivered %,d..%,d,"
                    + " FX tasks (drains) <= %d%n", EVENTS, CONTACTS, minDelivered, maxDelivered, maxDrains);
        }

        void publish() {
            for (PresenceChanged e : burst) {
                bus.publish(e);
            }
        }

        int drainFxQueue() {
            delivered = 0;
            int drains = 0;
            Runnable task;
            while ((task = fxQueue.poll()) != null) {
                task.run();
                drains++;
            }
            minDelivered = Math.min(minDelivered, delivered);
            maxDelivered = Math.max(maxDelivered, delivered);
            maxDrains = Math.max(maxDrains, drains);
            if (delivered != CONTACTS) {
                throw new IllegalStateException("expected one update per contact, got " + delivered);
            }
            return delivered;
        }
    }

    /** Publishes a burst before each {@link #drainOnly} call, outside the timing. */
    @State(Scope.Thread)
    public static class Published {
        Storm storm;

        @Setup(Level.Invocation)
        public void publish(Storm s) {
            storm = s;
            s.publish();
        }
    }
}
