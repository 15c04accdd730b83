package im.natter.ui.fx;

/**
 * One piece of spread-out work a frame, shared by every view that spreads its first styling over frames (the main
 * window's parts, the conversation list's first rows, a chat's composer and rows, the idle warm-up): each piece is
 * sized to take a frame alone, so two in one frame would make the long frame they were cut up to avoid. A view
 * whose piece finds the frame taken waits for the next. FX thread only.
 */
public final class FrameShare {

    private static final long NONE = Long.MIN_VALUE;
    /**
     * The latest pulse seen (an {@code AnimationTimer}'s {@code now}), the one before it, the last one whose share was
     * taken, the last one whose share a view took, and the last one in which a view wanted it but found it taken.
     */
    private static long current = NONE;
    private static long previous = NONE;
    private static long taken = NONE;
    private static long takenByView = NONE;
    private static long wantedByView = NONE;

    private FrameShare() {
    }

    /** Takes the share of the pulse at {@code now} for a view; false when another has it already. */
    public static boolean take(long now) {
        see(now);
        if (taken == now) {
            wantedByView = now;
            return false;
        }
        taken = now;
        takenByView = now;
        return true;
    }

    /**
     * Takes the share of the pulse at {@code now} for work that can wait (the idle warm-up): only when no view took
     * or wanted the share of the pulse before, since a view that is unfolding wants one every frame (and the waiting
     * work, whose timer may run first in a pulse, must not starve it).
     */
    public static boolean takeIfIdle(long now) {
        see(now);
        if (taken == now || (previous != NONE && (takenByView == previous || wantedByView == previous))) {
            return false;
        }
        taken = now;
        return true;
    }

    private static void see(long now) {
        if (now != current) {
            previous = current;
            current = now;
        }
    }
}
