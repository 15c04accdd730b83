package im.natter.ui.chat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimelineFollowTest {

    @Test
    void aTimelineNotLaidOutYetFollowsTheEnd() {
        assertTrue(TimelineFollow.readingEnd(-1, -1));
        assertTrue(TimelineFollow.readingEnd(-1, 0));
    }

    @Test
    void theLastRowsOnScreenMeanReadingTheEnd() {
        assertTrue(TimelineFollow.readingEnd(99, 100));
        assertTrue(TimelineFollow.readingEnd(98, 100));
    }

    @Test
    void readingOlderMessagesDoesNotFollow() {
        assertFalse(TimelineFollow.readingEnd(97, 100));
        assertFalse(TimelineFollow.readingEnd(55, 1000));
    }
}
