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
    void halvesAfterALongFrameButNeverStops() {
        RowPace pace = new RowPace(4, 8);
        long t = 0;
        pace.pulse(t);
        assertThat(pace.next()).isEqualTo(4);
        pace.pulse(t += 60_000_000L);
        assertThat(pace.next()).isEqualTo(2);
        pace.pulse(t += 60_000_000L);
        assertThat(pace.next()).isEqualTo(1);
        pace.pulse(t += 60_000_000L);
        assertThat(pace.next()).isEqualTo(1);
        // the frame that counts is the last one, whoever filled it
        pace.pulse(t += 60_000_000L);
        pace.pulse(t += FRAME);
        assertThat(pace.next()).isEqualTo(2);
    }
}
