package im.natter.ui.chat;

/** Whether a timeline keeps its end in view when messages arrive, from what its last layout showed. */
final class TimelineFollow {

    /** How many rows short of the last one still count as reading the end. */
    static final int SLACK = 2;

    private TimelineFollow() {
    }

    /**
     * @param lastShown   index of the last row on screen at the last layout, or -1 when none was shown
     * @param shownOfSize how many rows the list had at that layout
     */
    static boolean readingEnd(int lastShown, int shownOfSize) {
        return lastShown < 0 || lastShown >= shownOfSize - SLACK;
    }
}
