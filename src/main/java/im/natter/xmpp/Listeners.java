package im.natter.xmpp;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The listeners of one port. A failing listener is logged and never breaks Smack's thread or the others. */
final class Listeners<L> {

    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    private final List<L> all = new CopyOnWriteArrayList<>();

    void add(L listener) {
        all.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    void fire(Consumer<L> call) {
        for (L l : all) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A listener failed", e);
            }
        }
    }
}
