package im.natter.ui.chat;

import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.DeliveryState;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * One row of the message list: a message plus what the cell needs to draw it. Immutable: when the message
 * changes, the view model puts a new item in its place, so cells never listen to items and nothing can leak.
 * The display text and its links are worked out once, on first use, so scrolling through thousands of messages
 * only costs that work for the rows actually seen.
 */
public final class MessageListItem {

    /** What an OMEMO message shows instead of its fallback body, which is never displayed. */
    public static final String OMEMO_NOTICE = "This message was encrypted with OMEMO, which Natter cannot read yet.";

    /** What a message the sender took back (XEP-0424) shows; its text is gone. */
    public static final String DELETED_NOTICE = "This message was deleted";

    private final ChatMessage message;
    private final String dayLabel;
    private final ZoneId zone;
    private final ReplyQuote quote;
    private String displayText;
    private List<TextSegment> segments;
    private Boolean rightToLeft;

    MessageListItem(ChatMessage message, String dayLabel, ZoneId zone) {
        this(message, dayLabel, zone, null);
    }

    MessageListItem(ChatMessage message, String dayLabel, ZoneId zone, ReplyQuote quote) {
        this.message = Objects.requireNonNull(message, "message");
        this.dayLabel = dayLabel;
        this.zone = zone;
        this.quote = quote;
    }

    public ChatMessage message() {
        return message;
    }

    public long id() {
        return message.id();
    }

    /** "Today", "Yesterday", ... when this is the first message of its day, else null. */
    public String dayLabel() {
        return dayLabel;
    }

    public boolean isOutgoing() {
        return message.isOutgoing();
    }

    public boolean isEncrypted() {
        return message.contentKind() == ContentKind.OMEMO_ENCRYPTED && !message.retracted();
    }

    /** The sender took it back: its text is gone and {@link #DELETED_NOTICE} stands in its place. */
    public boolean isDeleted() {
        return message.retracted();
    }

    /** The sender corrected it; the text shown is the corrected one, the time still the original's. */
    public boolean isEdited() {
        return message.isEdited() && !message.retracted();
    }

    /** "Edited 14:32" for the mark's tooltip, or null when not edited. */
    public String editedText() {
        return isEdited() ? "Edited " + TimeLabels.clock(message.editedAt(), zone) : null;
    }

    /** What the message answers (XEP-0461): a quote once looked up, else null. */
    public ReplyQuote quote() {
        return quote;
    }

    public boolean isReply() {
        return message.replyToId() != null;
    }

    public DeliveryState state() {
        return message.state();
    }

    /** The server's reason when sending failed, else null. */
    public String error() {
        return message.error();
    }

    public String timeText() {
        return TimeLabels.clock(message.displayTime(), zone);
    }

    public ZoneId zone() {
        return zone;
    }

    /** The body as shown: made safe, cut if huge; the OMEMO notice for encrypted messages. */
    public String displayText() {
        if (displayText == null) {
            displayText = isDeleted() ? DELETED_NOTICE
                    : isEncrypted() ? OMEMO_NOTICE : DisplayText.of(message.body());
        }
        return displayText;
    }

    /** The text the user copies with "Copy message": the whole body, cleaned of control characters. */
    public String copyText() {
        return isDeleted() ? DELETED_NOTICE : isEncrypted() ? OMEMO_NOTICE : DisplayText.sanitise(message.body());
    }

    public List<TextSegment> segments() {
        if (segments == null) {
            segments = isEncrypted() || isDeleted() ? List.of(TextSegment.plain(displayText()))
                    : LinkDetector.segments(displayText());
        }
        return segments;
    }

    public boolean isRightToLeft() {
        if (rightToLeft == null) {
            rightToLeft = !isEncrypted() && !isDeleted() && DisplayText.isRightToLeft(displayText());
        }
        return rightToLeft;
    }

    MessageListItem withDayLabel(String label) {
        return Objects.equals(label, dayLabel) ? this : new MessageListItem(message, label, zone, quote);
    }

    MessageListItem withQuote(ReplyQuote newQuote) {
        return Objects.equals(newQuote, quote) ? this : new MessageListItem(message, dayLabel, zone, newQuote);
    }

    @Override
    public String toString() {
        return "MessageListItem[" + message.id() + ", " + message.state() + (dayLabel == null ? "" : ", " + dayLabel)
                + "]";
    }
}
