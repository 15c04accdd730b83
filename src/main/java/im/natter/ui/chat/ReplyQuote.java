package im.natter.ui.chat;

import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ContentKind;

/**
 * The small quote a reply shows of what it answers: who wrote it and its first line.
 *
 * @param author the answered message's author as the chat names them, or null when the message is unknown
 * @param text   its first line (cut), or what stands for it (deleted, encrypted, not in the archive)
 */
public record ReplyQuote(String author, String text) {

    /** How long the quoted line may get before it is cut; the quote is a reminder, not the message. */
    static final int MAX_CHARS = 120;

    /** Shown when the answered message is not in the local archive. */
    public static final ReplyQuote UNKNOWN = new ReplyQuote(null, "A message not in the archive");

    static ReplyQuote of(ChatMessage answered, String author) {
        String text;
        if (answered.retracted()) {
            text = MessageListItem.DELETED_NOTICE;
        } else if (answered.contentKind() == ContentKind.OMEMO_ENCRYPTED) {
            text = "An encrypted message";
        } else {
            text = firstLine(answered.body());
        }
        return new ReplyQuote(author, text);
    }

    public boolean isKnown() {
        return author != null;
    }

    static String firstLine(String body) {
        String safe = DisplayText.sanitise(body).strip();
        int end = safe.indexOf('\n');
        String line = end < 0 ? safe : safe.substring(0, end).strip();
        if (line.length() > MAX_CHARS) {
            int cut = MAX_CHARS;
            if (Character.isHighSurrogate(line.charAt(cut - 1))) {
                cut--;
            }
            return line.substring(0, cut) + "\u2026";
        }
        return end < 0 ? line : line + " \u2026";
    }
}
