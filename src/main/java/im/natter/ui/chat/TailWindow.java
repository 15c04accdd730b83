package im.natter.ui.chat;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.TransformationList;

/**
 * The newest {@code limit} messages of a timeline, and all of them once {@link #openFully() opened}. A freshly opened
 * view shows its rows a few at a time through this, so that no frame makes and styles a whole screenful of new
 * cells (each new cell's first styling is dear); from the end upwards, as the newest is what the view shows first.
 * Once fully open it passes the timeline's changes on as they are.
 */
final class TailWindow extends TransformationList<MessageListItem, MessageListItem> {

    private int limit;
    private boolean full;
    /** What the window showed before a change, while it is limited: a limited window's changes are told whole. */
    private List<MessageListItem> shown;

    TailWindow(ObservableList<MessageListItem> source, int limit) {
        super(source);
        this.limit = Math.max(0, limit);
        this.shown = new ArrayList<>(this);
    }

    /** How many newest messages the window shows (all once it is fully open). */
    int limit() {
        return full ? Integer.MAX_VALUE : limit;
    }

    boolean isFull() {
        return full;
    }

    /** Shows {@code more} older messages above the ones shown. */
    void grow(int more) {
        if (full || more <= 0) {
            return;
        }
        int before = size();
        limit += more;
        announceAddedAtTop(size() - before);
    }

    /** Shows every message from now on, and passes each change of the timeline on as it is. */
    void openFully() {
        if (full) {
            return;
        }
        int before = size();
        full = true;
        shown = null;
        announceAddedAtTop(size() - before);
    }

    /** Where the window's first row is in the whole timeline. */
    int offset() {
        return full ? 0 : Math.max(0, getSource().size() - limit);
    }

    @Override
    public int size() {
        return getSource().size() - offset();
    }

    @Override
    @SuppressWarnings("unchecked")
    public MessageListItem get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        return ((List<MessageListItem>) getSource()).get(index + offset());
    }

    @Override
    public int getSourceIndex(int index) {
        return index + offset();
    }

    @Override
    public int getViewIndex(int index) {
        int i = index - offset();
        return i < 0 || i >= size() ? -1 : i;
    }

    @Override
    protected void sourceChanged(ListChangeListener.Change<? extends MessageListItem> c) {
        if (full) {
            fireChange(new SourceChangeAdapter(this, c));
            return;
        }
        // the window moves with the timeline's end: tell what it shows now, in place of what it showed
        List<MessageListItem> before = shown;
        shown = new ArrayList<>(this);
        beginChange();
        if (!before.isEmpty()) {
            nextRemove(0, before);
        }
        if (!shown.isEmpty()) {
            nextAdd(0, shown.size());
        }
        endChange();
    }

    private void announceAddedAtTop(int added) {
        if (shown != null) {
            shown = new ArrayList<>(this);
        }
        if (added > 0) {
            beginChange();
            nextAdd(0, added);
            endChange();
        }
    }

    /** A change of the timeline, told as a change of the window (the same, once the window shows everything). */
    private static final class SourceChangeAdapter extends ListChangeListener.Change<MessageListItem> {
        private final ListChangeListener.Change<? extends MessageListItem> c;

        SourceChangeAdapter(ObservableList<MessageListItem> list, ListChangeListener.Change<? extends MessageListItem> c) {
            super(list);
            this.c = c;
        }

        @Override
        public boolean next() {
            return c.next();
        }

        @Override
        public void reset() {
            c.reset();
        }

        @Override
        public int getFrom() {
            return c.getFrom();
        }

        @Override
        public int getTo() {
            return c.getTo();
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<MessageListItem> getRemoved() {
            return (List<MessageListItem>) c.getRemoved();
        }

        @Override
        protected int[] getPermutation() {
            if (!c.wasPermutated()) {
                return new int[0];
            }
            int[] p = new int[c.getTo() - c.getFrom()];
            for (int i = c.getFrom(); i < c.getTo(); i++) {
                p[i - c.getFrom()] = c.getPermutation(i);
            }
            return p;
        }

        @Override
        public boolean wasUpdated() {
            return c.wasUpdated();
        }
    }
}
