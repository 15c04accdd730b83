package im.natter.ui.chat;

import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.ListViewSkin;
import javafx.scene.control.skin.VirtualFlow;

/**
 * The message list's virtual flow, which can bring the last row into view inside the layout that shows the new
 * rows. {@code ListView.scrollTo} would measure the rows around the target before the list knows how many rows it
 * has (creating and styling cells it then throws away), and needs a second layout of the list in the same pulse.
 */
final class TimelineFlow extends VirtualFlow<ListCell<MessageListItem>> {

    /** Enough to reach the end from anywhere a wrong height estimate can leave the flow. */
    private static final int MAX_STEPS = 50;

    /** Asked for the end; held until the pulse that placed it is laid out, in case the flow is laid out again. */
    private boolean endWanted;
    private boolean endPlaced;
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
        // position 1 lays the rows out upwards from an estimate of where the end is; the rows it places are measured
        setPosition(1);
        super.layoutChildren();
        reachEnd();
        endPlaced = true;
    }

    /** Scrolls by real row heights until the last row's bottom is the viewport's, when the estimate fell short. */
    private void reachEnd() {
        for (int step = 0; step < MAX_STEPS; step++) {
            ListCell<MessageListItem> last = getLastVisibleCell();
            if (last == null) {
                return;
            }
            double beyond = last.getLayoutY() + last.getLayoutBounds().getHeight() - getViewportLength();
            boolean lastRow = last.getIndex() >= getCellCount() - 1;
            if (lastRow && beyond <= 0.5) {
                return;
            }
            if (getPosition() >= 1) {
                // the estimate says "end" too early, and the flow does not scroll down from its end: step back a
                // pixel, which measures the rows on screen and below and corrects the estimate
                scrollPixels(-1);
                beyond += 1;
            }
            scrollPixels(lastRow ? beyond : Math.max(beyond, 0) + getViewportLength());
        }
    }
}
