package im.natter.ui.fx;

import javafx.animation.AnimationTimer;
import javafx.beans.InvalidationListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;

/**
 * Lets a list's first rows in a few a frame, at a {@link RowPace} and one {@link FrameShare} piece a frame, until the
 * list is full or shows them all; from then on the list shows its items themselves and follows them as they change.
 * A row's first styling in a fresh JVM is dear, and a list that gets a screenful of items at once (a conversation
 * list at start, a room's people as it is entered) would style them all in one frame.
 */
public final class FirstRows<T> {

    private final ListView<T> list;
    private final ObservableList<T> items;
    private final Runnable afterChange;
    private final ObservableList<T> firstRows = FXCollections.observableArrayList();
    private final RowPace pace;
    private final AnimationTimer growing = new AnimationTimer() {
        @Override
        public void handle(long now) {
            pace.pulse(now);
            // the list's skin comes with its first styling: its first row gets a frame of its own
            if (list.getSkin() != null && !items.isEmpty() && FrameShare.take(now)) {
                grow();
            }
        }
    };
    private boolean all;

    /**
     * Shows {@code items} in {@code list}, their first rows {@code first} and then up to {@code most} a frame;
     * {@code afterChange} runs after each change of what the list shows (to keep a selection, say).
     */
    public FirstRows(ListView<T> list, ObservableList<T> items, int first, int most, Runnable afterChange) {
        this.list = list;
        this.items = items;
        this.afterChange = afterChange;
        this.pace = new RowPace(first, most);
        list.setItems(firstRows);
        InvalidationListener maybeGrow = o -> growIfShown();
        items.addListener(maybeGrow);
        list.sceneProperty().addListener(maybeGrow);
    }

    /** Whether the list shows every item (the first rows have all come, or there are none). */
    public boolean isAll() {
        return all || items.isEmpty();
    }

    private void growIfShown() {
        if (all || list.getScene() == null || items.isEmpty()) {
            growing.stop();
        } else {
            growing.start();
        }
    }

    private void grow() {
        int next = firstRows.size() + pace.next();
        if (next < items.size() && !full()) {
            firstRows.setAll(items.subList(0, next));
            afterChange.run();
            return;
        }
        all = true;
        growing.stop();
        list.setItems(items);
        firstRows.clear();
        afterChange.run();
    }

    /** Whether the rows shown already fill the list: the rest need no cell until scrolled to. */
    private boolean full() {
        if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            IndexedCell<?> last = flow.getLastVisibleCell();
            return last != null && !firstRows.isEmpty() && last.getIndex() < firstRows.size() - 1;
        }
        return false;
    }
}
