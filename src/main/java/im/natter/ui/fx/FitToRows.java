package im.natter.ui.fx;

import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.WeakInvalidationListener;
import javafx.collections.ObservableList;
import javafx.scene.control.ListView;
import javafx.scene.layout.Region;

/**
 * Keeps a list whose rows all have one {@link ListView#fixedCellSizeProperty() fixed height} no taller than its rows.
 * A {@code ListView} fills the room below its last row with empty cells, each a cell with its skin and its styling:
 * a conversation list that gets its first row makes a dozen cells nobody sees with it, in the same frame, and a
 * measuring cell besides unless the rows' height is fixed. With no items the list takes the room it is given (its
 * placeholder shows there).
 */
public final class FitToRows implements InvalidationListener {

    private final ListView<?> list;
    /** On the items, which may outlive the list (a view model's): they must not keep the list alive. */
    private final WeakInvalidationListener onItems = new WeakInvalidationListener(this);
    private ObservableList<?> watched;

    private FitToRows(ListView<?> list) {
        this.list = list;
    }

    /** Keeps {@code list} as tall as its rows from now on; it needs a fixed cell size (set in code or style). */
    public static void keep(ListView<?> list) {
        FitToRows fit = new FitToRows(list);
        list.itemsProperty().addListener(fit);
        list.fixedCellSizeProperty().addListener(fit);
        list.insetsProperty().addListener(fit);
        fit.invalidated(null);
    }

    @Override
    public void invalidated(Observable changed) {
        ObservableList<?> items = list.getItems();
        if (items != watched) {
            if (watched != null) {
                watched.removeListener(onItems);
            }
            watched = items;
            if (items != null) {
                items.addListener(onItems);
            }
        }
        double row = list.getFixedCellSize();
        int rows = items == null ? 0 : items.size();
        if (row <= 0 || rows == 0) {
            list.setMaxHeight(Region.USE_COMPUTED_SIZE);
            return;
        }
        list.setMaxHeight(rows * row + list.snappedTopInset() + list.snappedBottomInset());
    }
}
