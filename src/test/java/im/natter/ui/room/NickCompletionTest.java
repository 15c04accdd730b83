package im.natter.ui.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NickCompletionTest {

    private final NickCompletion completion = new NickCompletion();
    private static final List<String> NICKS = List.of("Bob", "bernard", "Carol", "bea");

    @Test
    void aNickAtTheStartGetsACommaAndTheCaretGoesAfterIt() {
        var r = completion.complete("ca", 2, NICKS);
        assertThat(r.text()).isEqualTo("Carol, ");
        assertThat(r.caret()).isEqualTo(7);
    }

    @Test
    void aNickInTheMiddleGetsASpaceOnly() {
        var r = completion.complete("ask car about it", 7, NICKS);
        assertThat(r.text()).isEqualTo("ask Carol about it");
        assertThat(r.caret()).isEqualTo(9);
    }

    @Test
    void repeatedTabCyclesThroughEveryMatchInOrderAndWrapsAround() {
        var r = completion.complete("b", 1, NICKS);
        assertThat(r.text()).isEqualTo("Bob, ");
        r = completion.complete(r.text(), r.caret(), NICKS);
        assertThat(r.text()).isEqualTo("bernard, ");
        r = completion.complete(r.text(), r.caret(), NICKS);
        assertThat(r.text()).isEqualTo("bea, ");
        r = completion.complete(r.text(), r.caret(), NICKS);
        assertThat(r.text()).isEqualTo("Bob, ");
    }

    @Test
    void typingInBetweenStartsAFreshCompletion() {
        var r = completion.complete("b", 1, NICKS);
        String typed = r.text() + "hi c";
        r = completion.complete(typed, typed.length(), NICKS);
        assertThat(r.text()).isEqualTo("Bob, hi Carol ");
    }

    @Test
    void anAtSignStaysAndNoMatchLeavesTheTabAlone() {
        var r = completion.complete("hey @bo", 7, NICKS);
        assertThat(r.text()).isEqualTo("hey @Bob ");
        assertThat(completion.complete("zz", 2, NICKS)).isNull();
        assertThat(completion.complete("hello ", 6, NICKS)).isNull();
        assertThat(completion.complete("", 0, NICKS)).isNull();
    }
}
