package im.natter.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowPaceTest {

    private static final long FRAME = 16;

    @Test
    void startsWithTheFirstRowsThenDoublesWhileFramesAreShort() {
        assertThat(pacesAfter(new RowPace(1, 5), FRAME, FRAME, FRAME))
                .as("never more than the most").containsExactly(1, 2, 4, 5);
    }

    @Test
    void afterASlowFrameLetsInWhatWouldHaveFilledAFrameAndAHalfButNeverStops() {
        // four rows in 40 ms: two fit in 25; then one, however slow
        assertThat(pacesAfter(new RowPace(4, 8), 40, 60, 60)).containsExactly(4, 2, 1, 1);
    }

    @Test
    void theFrameThatCountsIsTheLastOneWhoeverFilledIt() {
        RowPace pace = new RowPace(1, 8);
        pace.pulse(0);
        pace.next();
        pace.pulse(60_000_000L);
        pace.pulse(76_000_000L);
        assertThat(pace.next()).isEqualTo(2);
    }

    @Test
    void aFrameThatWasNotShortKeepsThePaceInsteadOfDoublingIt() {
        // a cold first row of 22 ms: two would take 44
        assertThat(pacesAfter(new RowPace(1, 8), 22, FRAME, 24)).containsExactly(1, 1, 2, 2);
    }

    /** The rows of each frame, the first before any gap, then one after each of {@code gapsMillis}. */
    private static List<Integer> pacesAfter(RowPace pace, long... gapsMillis) {
        List<Integer> rows = new ArrayList<>();
        long t = 0;
        pace.pulse(t);
        rows.add(pace.next());
        for (long gap : gapsMillis) {
            pace.pulse(t += gap * 1_000_000L);
            rows.add(pace.next());
        }
        return rows;
    }
}
