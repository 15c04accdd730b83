package im.natter.ui.chat;

import java.util.Objects;

/**
 * A run of message text: plain, or a link the user may open. {@code target} is exactly the text that was
 * detected, so what is shown is what opens; it is null for plain text.
 */
public record TextSegment(String text, String target) {

    public TextSegment {
        Objects.requireNonNull(text, "text");
    }

    public static TextSegment plain(String text) {
        return new TextSegment(text, null);
    }

    public static TextSegment link(String text) {
        return new TextSegment(text, text);
    }

    public boolean isLink() {
        return target != null;
    }
}
