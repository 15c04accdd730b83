package im.natter.ui.fx;

/**
 * How many rows a filling list lets in a frame: half as many after a long frame, twice as many after a short one,
 * between one and a most. A row's first styling in a fresh JVM costs many times what it costs warm, and the same
 * list fills in a cold JVM and in a warm one; so the pace follows what the last frame cost instead of a guess.
 */
public final class RowPace {

    /** A frame longer than this (a frame and a half at 60 Hz) asks for fewer rows. */
    static final long LONG_FRAME_NANOS = 25_000_000L;

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
            rows = lastGap > LONG_FRAME_NANOS ? Math.max(1, rows / 2) : Math.min(most, rows * 2);
        }
        started = true;
        return rows;
    }
}
