package im.natter.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MentionsTest {

    @Test
    void theNickAsAWordInAnyCaseIsAMention() {
        assertThat(Mentions.mentions("alice: lunch?", "Alice")).isTrue();
        assertThat(Mentions.mentions("Hi ALICE!", "alice")).isTrue();
        assertThat(Mentions.mentions("@alice look", "alice")).isTrue();
        assertThat(Mentions.mentions("ask alice", "alice")).isTrue();
        assertThat(Mentions.mentions("(alice)", "alice")).isTrue();
    }

    @Test
    void theNickInsideAnotherWordIsNot() {
        assertThat(Mentions.mentions("malice aforethought", "alice")).isFalse();
        assertThat(Mentions.mentions("alicea", "alice")).isFalse();
        assertThat(Mentions.mentions("alice_2 said", "alice")).isFalse();
        assertThat(Mentions.mentions("alice2", "alice")).isFalse();
    }

    @Test
    void nicksWithSpacesAndSymbolsAndOtherScriptsWork() {
        assertThat(Mentions.mentions("thanks, Dr. Who!", "Dr. Who")).isTrue();
        assertThat(Mentions.mentions("привет, Алиса", "алиса")).isTrue();
        assertThat(Mentions.mentions("Алисандр", "Алиса")).isFalse();
        assertThat(Mentions.mentions("ping [bot]", "[bot]")).isTrue();
    }

    @Test
    void nothingToMatchIsNoMention() {
        assertThat(Mentions.mentions("anything", "")).isFalse();
        assertThat(Mentions.mentions("anything", null)).isFalse();
        assertThat(Mentions.mentions(null, "alice")).isFalse();
        assertThat(Mentions.mentions("al", "alice")).isFalse();
    }
}
