package im.natter.ui.fx;

/**
 * How many rows a filling list lets in a frame, between one and a most: twice as many after a frame that kept time,
 * and after a slower one as many as the rows of that frame would have taken to fill a frame and a half. A row's
 * first styling in a fresh JVM costs many times what it costs warm, and the same list fills in a cold JVM and in a
 * warm one; so the pace follows what the last frame cost instead of a guess. Doubling after a frame that was merely
 * not short (a cold first row of 22 ms, say) would make the next frame twice as long.
 */
public final class RowPace {

    /** A frame no longer than this kept time at 60 Hz (with some slack for the timer): the pace may double. */
    static final long SHORT_FRAME_NANOS = 20_000_000L;
    /** What a frame's rows may cost after a slower frame: a frame and a half at 60 Hz. */
    static final long FRAME_BUDGET_NANOS = 25_000_000L;

    private final int most;
    private int rows;
    private boolean started;
    private long lastPulse = Long.MIN_VALUE;
    private long lastGap;

    /** Starts at {@code first} rows a frame, never more than {@code most}. */
    public RowPace(int first, int most) {
        this.most = Math.max(1, most);
        this.rows = Math.clamp(first, 1, this.most);
    }

    /** Notes a pulse (an {@code AnimationTimer}'s {@code now}); call on every pulse, whether rows come in it or not. */
    public void pulse(long now) {
        if (lastPulse != Long.MIN_VALUE && now > lastPulse) {
            lastGap = now - lastPulse;
        }
        lastPulse = now;
    }

    /** How many rows to let in this frame. */
    public int next() {
        if (started) {
            int fit = lastGap <= SHORT_FRAME_NANOS ? rows * 2 : (int) (rows * FRAME_BUDGET_NANOS / lastGap);
            rows = Math.clamp(fit, 1, Math.min(most, rows * 2));
        }
        started = true;
        return rows;
    }
}
