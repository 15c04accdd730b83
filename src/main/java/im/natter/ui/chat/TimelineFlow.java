package im.natter.ui.chat;

import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.ListViewSkin;
import javafx.scene.control.skin.VirtualFlow;

/**
 * The message list's virtual flow. It brings the last row into view inside the one layout that shows new rows,
 * where {@code ListView.scrollTo} measured rows before the list knew its new row count (measurements the flow then
 * threw away) and needed a second layout of the list in the same pulse. And it styles a reused cell again only when
 * the look of its new row asks for it.
 */
final class TimelineFlow extends VirtualFlow<ListCell<MessageListItem>> {

    /** The second layout measures at the width the first gave the rows (a scroll bar may have come or gone). */
    private static final int MAX_ATTEMPTS = 3;

    /** Asked for the end; held until the pulse that placed it is laid out, in case the flow is laid out again. */
    private boolean endWanted;
    private boolean endPlaced;
    private boolean placingEnd;
    private final Runnable pulseDone = () -> {
        if (endPlaced) {
            endPlaced = false;
            endWanted = false;
        }
    };

    TimelineFlow() {
        sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.removePostLayoutPulseListener(pulseDone);
            }
            if (scene != null) {
                scene.addPostLayoutPulseListener(pulseDone);
            }
        });
    }

    /** A skin for {@code list} that lays its rows out in this flow. */
    ListViewSkin<MessageListItem> skinFor(ListView<MessageListItem> list) {
        TimelineFlow flow = this;
        return new ListViewSkin<>(list) {
            @Override
            protected VirtualFlow<ListCell<MessageListItem>> createVirtualFlow() {
                return flow;
            }
        };
    }

    /** The next layouts show the last row with its bottom at the bottom of the list. */
    void showEnd() {
        endWanted = true;
        requestLayout();
    }

    /** Lays the rows out; with the end wanted, from the end. */
    @Override
    protected void layoutChildren() {
        if (!endWanted || getCellCount() == 0 || getHeight() <= 0) {
            super.layoutChildren();
            return;
        }
        if (isNeedsLayout()) {
            // not the pulse's layout of the flow (which marks it laid out first) but the one the flow does of itself
            // when the list's row count changes, inside the list's layout and just before the pulse lays the flow out:
            // the rows it would place, styling each, are about to be placed again at the end
            return;
        }
        placingEnd = true;
        int attempts = 0;
        try {
            do {
                aimAtEnd();
                super.layoutChildren();
                attempts++;
            } while (!endInView() && attempts < MAX_ATTEMPTS);
        } finally {
            placingEnd = false;
        }
        endPlaced = true;
    }

    /** The flow is being moved to the end: its position passes through values that say nothing of the user's. */
    boolean isPlacingEnd() {
        return placingEnd;
    }

    /**
     * The flow styles a cell again (all its nodes) each time it gives the cell a row, so that the row is measured
     * with its styles. A message row tells when its styles can have changed; a new cell is always styled.
     */
    @Override
    protected void setCellIndex(ListCell<MessageListItem> cell, int index) {
        if (cell.getSkin() == null || !(cell instanceof MessageCell row)) {
            super.setCellIndex(cell, index);
            return;
        }
        cell.updateIndex(index);
        if (row.takeRestyle()) {
            cell.applyCss();
        }
    }

    /**
     * Measures the last rows, a screenful, by their real heights, so that position 1 (which the flow turns into
     * pixels through its estimate of every row's height) puts the bottom of the last row at the bottom of the list.
     * The flow forgets all measured heights whenever the number of rows changes.
     */
    private void aimAtEnd() {
        // since the list changed, a row on screen may hold another message than it was laid out for, at the old
        // one's height: measure rows laid out afresh
        addAllToPile();
        scrollToTop(getCellCount() - 1);
        setPosition(1);
    }

    /** The last row ends at the bottom of the list (or above it, when all rows fit), with no gap above the first. */
    private boolean endInView() {
        ListCell<MessageListItem> first = getFirstVisibleCell();
        ListCell<MessageListItem> last = getLastVisibleCell();
        if (first == null || last == null) {
            return true;
        }
        double bottom = last.getLayoutY() + last.getLayoutBounds().getHeight();
        return last.getIndex() == getCellCount() - 1 && bottom <= getViewportLength() + 0.5
                && (first.getLayoutY() <= 0.5 || first.getIndex() == 0);
    }
}
