package im.natter.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayTextTest {

    @Test
    void ordinaryTextIsUnchanged() {
        String text = "Hello,\n\tworld! 😀 Grüße";
        assertThat(DisplayText.of(text)).isSameAs(text);
    }

    @Test
    void bidiOverridesAndIsolatesAreRemovedSoTheyCannotFlipAnythingElse() {
        // "file\u202Egpj.exe" would show as "fileexe.jpg"
        assertThat(DisplayText.of("file\u202Egpj.exe")).isEqualTo("filegpj.exe");
        assertThat(DisplayText.of("a\u202Ab\u202Bc\u202Cd\u202De\u2066f\u2067g\u2068h\u2069"))
                .isEqualTo("abcdefgh");
        // marks are harmless and needed by some languages
        assertThat(DisplayText.of("a\u200Fb\u200E")).isEqualTo("a\u200Fb\u200E");
    }

    @Test
    void controlCharactersAreShownAsAReplacementAndLineBreaksAreNormalised() {
        assertThat(DisplayText.of("bell\u0007 nul\u0000 esc\u001B[31m")).isEqualTo("bell\uFFFD nul\uFFFD esc\uFFFD[31m");
        assertThat(DisplayText.of("a\r\nb\rc\u2028d\u2029e\u0085f")).isEqualTo("a\nb\nc\nd\ne\nf");
        assertThat(DisplayText.of("lone \uD800 surrogate")).isEqualTo("lone \uFFFD surrogate");
    }

    @Test
    void oneLineJoinsLines() {
        assertThat(DisplayText.oneLine("a\nb\tc\u202E")).isEqualTo("a b c");
    }

    @Test
    void hugeBodiesAreCutWithANote() {
        String shown = DisplayText.of("x".repeat(50_000));
        assertThat(shown).startsWith("x".repeat(DisplayText.MAX_DISPLAY_CHARS));
        assertThat(shown).contains("40,000 more characters not shown");
        assertThat(DisplayText.sanitise("x".repeat(50_000))).hasSize(50_000);
    }

    @Test
    void directionFollowsTheFirstStrongCharacter() {
        assertThat(DisplayText.isRightToLeft("שלום, how are you?")).isTrue();
        assertThat(DisplayText.isRightToLeft("123 مرحبا")).isTrue();
        assertThat(DisplayText.isRightToLeft("Hello שלום")).isFalse();
        assertThat(DisplayText.isRightToLeft("1234 !!")).isFalse();
    }
}
