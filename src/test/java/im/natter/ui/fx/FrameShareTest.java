package im.natter.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameShareTest {

    // pulses far from those of any other test in this JVM
    private static final long PULSE = 9_000_000_000_000L;

    @Test
    void oneViewAFrame() {
        assertThat(FrameShare.take(PULSE)).isTrue();
        assertThat(FrameShare.take(PULSE)).as("a second view in the same frame").isFalse();
        assertThat(FrameShare.take(PULSE + 16)).as("the next frame").isTrue();
    }

    @Test
    void waitingWorkTakesOnlyFramesAfterOneNoViewTook() {
        long p = PULSE + 1_000_000;
        assertThat(FrameShare.take(p)).isTrue();
        assertThat(FrameShare.takeIfIdle(p + 16)).as("a view took the frame before").isFalse();
        assertThat(FrameShare.take(p + 16)).as("the view again").isTrue();
        // the view is done: one frame passes with no view, then the waiting work may go, frame after frame
        assertThat(FrameShare.takeIfIdle(p + 32)).isFalse();
        assertThat(FrameShare.takeIfIdle(p + 48)).isTrue();
        assertThat(FrameShare.takeIfIdle(p + 64)).isTrue();
        assertThat(FrameShare.take(p + 64)).as("a view, in a frame the waiting work took").isFalse();
        assertThat(FrameShare.take(p + 80)).isTrue();
    }

    @Test
    void aViewThatFoundItsFrameTakenByWaitingWorkGetsTheNext() {
        long p = PULSE + 2_000_000;
        FrameShare.takeIfIdle(p - 32);
        FrameShare.takeIfIdle(p - 16);
        // the waiting work's timer runs first in each pulse
        assertThat(FrameShare.takeIfIdle(p)).isTrue();
        assertThat(FrameShare.take(p)).isFalse();
        assertThat(FrameShare.takeIfIdle(p + 16)).as("a view waited in the frame before").isFalse();
        assertThat(FrameShare.take(p + 16)).isTrue();
    }
}
