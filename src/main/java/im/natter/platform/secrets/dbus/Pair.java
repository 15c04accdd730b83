package im.natter.platform.secrets.dbus;

import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/** Two values returned by one D-Bus call, as many Secret Service methods do. */
public final class Pair<A, B> extends Tuple {

    @Position(0)
    private final A first;
    @Position(1)
    private final B second;

    public Pair(A first, B second) {
        this.first = first;
        this.second = second;
    }

    public A first() {
        return first;
    }

    public B second() {
        return second;
    }
}
