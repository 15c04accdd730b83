package im.natter.ui.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.ContentKind;
import im.natter.domain.model.Direction;
import im.natter.domain.model.MessagePreview;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PreviewTextTest {

    private static MessagePreview preview(String text, Direction d, ContentKind k) {
        return new MessagePreview(text, d, k, Instant.EPOCH);
    }

    @Test
    void ownMessagesStartWithYou() {
        assertThat(PreviewText.of(preview("on my way", Direction.OUTGOING, ContentKind.TEXT)))
                .isEqualTo("You: on my way");
        assertThat(PreviewText.of(preview("see you", Direction.INCOMING, ContentKind.TEXT))).isEqualTo("see you");
    }

    @Test
    void encryptedMessagesShowAPlaceholderNotTheirFallback() {
        assertThat(PreviewText.of(preview("I sent you an OMEMO encrypted message", Direction.INCOMING,
                ContentKind.OMEMO_ENCRYPTED))).isEqualTo(PreviewText.ENCRYPTED);
        assertThat(PreviewText.of(preview("x", Direction.OUTGOING, ContentKind.OMEMO_ENCRYPTED)))
                .isEqualTo("You: " + PreviewText.ENCRYPTED);
    }

    @Test
    void previewsAreOneSafeShortLine() {
        assertThat(PreviewText.of(preview("line one\n\n  line two\u202E", Direction.INCOMING, ContentKind.TEXT)))
                .isEqualTo("line one line two");
        String longOne = PreviewText.of(preview("y".repeat(100_000), Direction.INCOMING, ContentKind.TEXT));
        assertThat(longOne).hasSize(PreviewText.MAX_CHARS + 1).endsWith("\u2026");
        assertThat(PreviewText.of(null)).isEqualTo(PreviewText.EMPTY);
    }

    @Test
    void aRetractedLastMessageSaysSo() {
        var preview = new im.natter.domain.model.MessagePreview("", im.natter.domain.model.Direction.INCOMING,
                im.natter.domain.model.ContentKind.TEXT, java.time.Instant.EPOCH);
        org.assertj.core.api.Assertions.assertThat(PreviewText.of(preview)).isEqualTo(PreviewText.DELETED);
    }
}
