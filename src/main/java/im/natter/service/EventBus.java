package im.natter.service;

import im.natter.domain.event.NatterEvent;
import java.lang.System.Logger.Level;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Carries {@link NatterEvent}s from the services to whoever listens (in practice the UI's FX bridge). Delivery is
 * synchronous on the publishing thread, so subscribers must hand work off rather than do it in place; a
 * subscriber that throws is logged and does not stop the others.
 */
public final class EventBus {

    private static final System.Logger LOG = System.getLogger(EventBus.class.getName());

    private final CopyOnWriteArrayList<Consumer<? super NatterEvent>> subscribers = new CopyOnWriteArrayList<>();

    public Subscription subscribe(Consumer<? super NatterEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(NatterEvent event) {
        for (Consumer<? super NatterEvent> s : subscribers) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "event subscriber failed on " + event.getClass().getSimpleName(), e);
            }
        }
    }

    /** Ends a subscription. Closing twice is harmless. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
