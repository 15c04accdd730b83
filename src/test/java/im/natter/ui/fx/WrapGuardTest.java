package im.natter.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WrapGuardTest {

    @Test
    void textWithoutRightToLeftLettersStaysWhole() {
        assertThat(WrapGuard.flowPieces("plain english text")).containsExactly("plain english text");
        assertThat(WrapGuard.flowPieces("")).containsExactly("");
        assertThat(WrapGuard.canWrap("plain english, Ünïcödé, 日本語, ελληνικά")).isTrue();
        assertThat(WrapGuard.canWrap(null)).isTrue();
    }

    @Test
    void rightToLeftTextIsCutIntoWordsAndSpaces() {
        assertThat(WrapGuard.flowPieces("שלום!  מה שלומך")).containsExactly("שלום!", "  ", "מה", " ", "שלומך");
        assertThat(WrapGuard.flowPieces("a مرحبا b\n")).containsExactly("a", " ", "مرحبا", " ", "b", "\n");
    }

    @Test
    void longRightToLeftWordsAreCutIntoShortPiecesThatJoinBack() {
        String word = "שלוםעולםזהמשפטארוךבעברית";
        var pieces = WrapGuard.flowPieces(word);
        assertThat(String.join("", pieces)).isEqualTo(word);
        assertThat(pieces).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(
                WrapGuard.MAX_RTL_PIECE));
    }

    @Test
    void aCutNeverSeparatesALetterFromItsMarksOrASurrogatePair() {
        // Hebrew with points (combining marks) and an emoji (a surrogate pair) between the letters
        String pointed = "בְּרֵאשִׁית\uD83D\uDE00בָּרָא\uD83D\uDE00אֱלֹהִים";
        var pieces = WrapGuard.flowPieces(pointed);
        assertThat(String.join("", pieces)).isEqualTo(pointed);
        for (String p : pieces) {
            assertThat(Character.getType(p.codePointAt(0))).isNotEqualTo((int) Character.NON_SPACING_MARK);
            assertThat(Character.isLowSurrogate(p.charAt(0))).isFalse();
            assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse();
        }
    }

    @Test
    void rightToLeftLettersAndControlsAreFound() {
        assertThat(WrapGuard.containsRightToLeft("hello שלום")).isTrue();
        assertThat(WrapGuard.containsRightToLeft("مرحبا")).isTrue();
        assertThat(WrapGuard.containsRightToLeft("ܫܠܡܐ")).isTrue(); // Syriac
        assertThat(WrapGuard.containsRightToLeft("\uD802\uDD00")).isTrue(); // Phoenician, outside the BMP
        assertThat(WrapGuard.containsRightToLeft("abc\u202Edef")).isTrue(); // right-to-left override
        assertThat(WrapGuard.containsRightToLeft("hello \uD83D\uDE00 world")).isFalse();
        assertThat(WrapGuard.canWrap("hello שלום")).isFalse();
    }
}
