package im.natter.ui.fx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.layout.BorderPane;

/**
 * Takes the parts of a view made of border panes off, and gives them back one at a time (outer parts first), so
 * that the first styling of a big view spreads over several frames instead of one.
 */
public final class Unfolding {

    private final Deque<Runnable> restores = new ArrayDeque<>();

    /** Folds {@code view}: it keeps none of its parts until {@link #next()} gives them back, its top first. */
    public Unfolding(BorderPane view) {
        fold(view);
    }

    /** Gives one part back; false when all are back. */
    public boolean next() {
        Runnable restore = restores.poll();
        if (restore == null) {
            return false;
        }
        restore.run();
        return true;
    }

    private void fold(BorderPane pane) {
        List<BorderPane> inner = new ArrayList<>();
        take(pane.getTop(), pane::setTop, inner);
        take(pane.getLeft(), pane::setLeft, inner);
        take(pane.getCenter(), pane::setCenter, inner);
        take(pane.getRight(), pane::setRight, inner);
        take(pane.getBottom(), pane::setBottom, inner);
        inner.forEach(this::fold);
    }

    private void take(Node part, Consumer<Node> setter, List<BorderPane> inner) {
        if (part == null) {
            return;
        }
        setter.accept(null);
        restores.add(() -> setter.accept(part));
        if (part instanceof BorderPane p) {
            inner.add(p);
        }
    }
}
