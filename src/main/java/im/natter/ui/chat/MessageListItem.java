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

    private final ChatMessage message;
    private final String dayLabel;
    private final ZoneId zone;
    private String displayText;
    private List<TextSegment> segments;
    private Boolean rightToLeft;

    MessageListItem(ChatMessage message, String dayLabel, ZoneId zone) {
        this.message = Objects.requireNonNull(message, "message");
        this.dayLabel = dayLabel;
        this.zone = zone;
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
        return message.contentKind() == ContentKind.OMEMO_ENCRYPTED;
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
            displayText = isEncrypted() ? OMEMO_NOTICE : DisplayText.of(message.body());
        }
        return displayText;
    }

    /** The text the user copies with "Copy message": the whole body, cleaned of control characters. */
    public String copyText() {
        return isEncrypted() ? OMEMO_NOTICE : DisplayText.sanitise(message.body());
    }

    public List<TextSegment> segments() {
        if (segments == null) {
            segments = isEncrypted() ? List.of(TextSegment.plain(OMEMO_NOTICE)) : LinkDetector.segments(displayText());
        }
        return segments;
    }

    public boolean isRightToLeft() {
        if (rightToLeft == null) {
            rightToLeft = !isEncrypted() && DisplayText.isRightToLeft(displayText());
        }
        return rightToLeft;
    }

    MessageListItem withDayLabel(String label) {
        return Objects.equals(label, dayLabel) ? this : new MessageListItem(message, label, zone);
    }

    @Override
    public String toString() {
        return "MessageListItem[" + message.id() + ", " + message.state() + (dayLabel == null ? "" : ", " + dayLabel)
                + "]";
    }
}
