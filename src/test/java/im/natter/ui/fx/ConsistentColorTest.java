package im.natter.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConsistentColorTest {

    /** The test vectors of XEP-0392 §13. */
    @Test
    void huesMatchTheSpecification() {
        assertThat(ConsistentColor.hue("Romeo")).isCloseTo(327.255249, within(1e-4));
        assertThat(ConsistentColor.hue("juliet@capulet.lit")).isCloseTo(209.410400, within(1e-4));
        assertThat(ConsistentColor.hue("😺")).isCloseTo(331.199341, within(1e-4));
        assertThat(ConsistentColor.hue("council")).isCloseTo(359.994507, within(1e-4));
    }

    @Test
    void cssColoursAreStable() {
        assertThat(ConsistentColor.css("Romeo", false)).isEqualTo(ConsistentColor.css("Romeo", false))
                .matches("#[0-9a-f]{6}");
    }
}
