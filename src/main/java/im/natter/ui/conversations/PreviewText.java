package im.natter.ui.conversations;

import im.natter.domain.model.ContentKind;
import im.natter.domain.model.Direction;
import im.natter.domain.model.MessagePreview;
import im.natter.ui.chat.DisplayText;

/** The one line under a conversation's name: the last message, safe to show, "You: " before the user's own. */
public final class PreviewText {

    public static final String ENCRYPTED = "Encrypted message (OMEMO)";
    public static final String EMPTY = "No messages yet";
    /** Natter never stores an empty message of its own; an empty last text is one its sender retracted. */
    public static final String DELETED = "Message deleted";
    /** A preview is one line; cutting early keeps a huge last message from costing layout work. */
    static final int MAX_CHARS = 200;

    private PreviewText() {
    }

    public static String of(MessagePreview preview) {
        if (preview == null) {
            return EMPTY;
        }
        String text = preview.contentKind() == ContentKind.OMEMO_ENCRYPTED ? ENCRYPTED : oneLine(preview.text());
        if (text.isEmpty()) {
            text = DELETED;
        }
        return preview.direction() == Direction.OUTGOING ? "You: " + text : text;
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String head = text.length() > MAX_CHARS * 2 ? text.substring(0, MAX_CHARS * 2) : text;
        String line = DisplayText.oneLine(head).strip().replaceAll(" {2,}", " ");
        if (line.length() > MAX_CHARS) {
            int cut = Character.isHighSurrogate(line.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
            return line.substring(0, cut) + "\u2026";
        }
        return line;
    }
}
