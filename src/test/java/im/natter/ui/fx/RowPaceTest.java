package im.natter.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowPaceTest {

    private static final long FRAME = 16_000_000L;

    @Test
    void startsWithTheFirstRowsThenDoublesWhileFramesAreShort() {
        RowPace pace = new RowPace(1, 5);
        long t = 0;
        pace.pulse(t);
        assertThat(pace.next()).isEqualTo(1);
        pace.pulse(t += FRAME);
        assertThat(pace.next()).isEqualTo(2);
        pace.pulse(t += FRAME);
        assertThat(pace.next()).isEqualTo(4);
        pace.pulse(t += FRAME);
        assertThat(pace.next()).as("never more than the most").isEqualTo(5);
    }

    @Test
    void afterASlowFrameLetsInWhatWouldHaveFilledAFrameAndAHalfButNeverStops() {
        RowPace pace = new RowPace(4, 8);
        long t = 0;
        pace.pulse(t);
        assertThat(pace.next()).isEqualTo(4);
        pace.pulse(t += 40_000_000L);
        assertThat(pace.next()).as("four rows in 40 ms: two fit in 25").isEqualTo(2);
        pace.pulse(t += 60_000_000L);
        assertThat(pace.next()).isEqualTo(1);
        pace.pulse(t += 60_000_000L);
        assertThat(pace.next()).isEqualTo(1);
        // the frame that counts is the last one, whoever filled it
        pace.pulse(t += 60_000_000L);
        pace.pulse(t += FRAME);
        assertThat(pace.next()).isEqualTo(2);
    }

    @Test
    void aFrameThatWasNotShortKeepsThePaceInsteadOfDoublingIt() {
        RowPace pace = new RowPace(1, 8);
        long t = 0;
        pace.pulse(t);
        assertThat(pace.next()).isEqualTo(1);
        pace.pulse(t += 22_000_000L);
        assertThat(pace.next()).as("a cold first row of 22 ms: two would take 44").isEqualTo(1);
        pace.pulse(t += FRAME);
        assertThat(pace.next()).isEqualTo(2);
        pace.pulse(t += 24_000_000L);
        assertThat(pace.next()).isEqualTo(2);
    }
}
