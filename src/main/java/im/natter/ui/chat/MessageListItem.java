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

    /** What a message a room's moderator removed for everyone (XEP-0425) shows. */
    public static final String MODERATED_NOTICE = "Removed by a moderator";

    private final ChatMessage message;
    private final String dayLabel;
    private final ZoneId zone;
    private final ReplyQuote quote;
    private final RoomLook room;
    private String displayText;
    private String copyText;
    private List<TextSegment> segments;
    private Boolean rightToLeft;

    MessageListItem(ChatMessage message, String dayLabel, ZoneId zone) {
        this(message, dayLabel, zone, null);
    }

    MessageListItem(ChatMessage message, String dayLabel, ZoneId zone, ReplyQuote quote) {
        this(message, dayLabel, zone, quote, null);
    }

    MessageListItem(ChatMessage message, String dayLabel, ZoneId zone, ReplyQuote quote, RoomLook room) {
        this.message = Objects.requireNonNull(message, "message");
        this.dayLabel = dayLabel;
        this.zone = zone;
        this.quote = quote;
        this.room = room;
    }

    /**
     * How a row of a room timeline looks beyond a chat's: who wrote it, whether it goes on from the same sender's
     * row above (then name and avatar are not repeated, as in Dino), whether it names the user, and the "new since
     * you were last here" line above it.
     *
     * @param sender    the nickname to show, or null for the user's own message
     * @param continued the row above is by the same sender, the same day, a little earlier
     * @param divider   the words of the line above the row, or null
     */
    public record RoomLook(String sender, boolean continued, boolean mention, String divider) {
    }

    /** The room part of the look, or null in a one-to-one chat. */
    public RoomLook room() {
        return room;
    }

    /** The nickname to show above the text, or null (one-to-one chats, the user's own, a continued group). */
    public String senderToShow() {
        return room == null || room.sender() == null || room.continued() ? null : room.sender();
    }

    /** It names the user's nickname in a room. */
    public boolean isMention() {
        return room != null && room.mention();
    }

    /** "3 new since you were last here" above this row, or null. */
    public String divider() {
        return room == null ? null : room.divider();
    }

    /** A moderator removed it for everyone (XEP-0425). */
    public boolean isModerated() {
        return message.isModerated();
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
            displayText = isModerated() ? moderatedText() : isDeleted() ? DELETED_NOTICE
                    : isEncrypted() ? OMEMO_NOTICE : DisplayText.of(message.body());
        }
        return displayText;
    }

    /** The text the user copies with "Copy message": the whole body, cleaned of control characters. */
    public String copyText() {
        if (copyText == null) {
            copyText = isModerated() ? moderatedText() : isDeleted() ? DELETED_NOTICE
                    : isEncrypted() ? OMEMO_NOTICE : DisplayText.sanitise(message.body());
        }
        return copyText;
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

    private String moderatedText() {
        String reason = message.moderationReason();
        return reason == null || reason.isBlank() ? MODERATED_NOTICE
                : MODERATED_NOTICE + ": " + DisplayText.oneLine(reason).strip();
    }

    MessageListItem withDayLabel(String label) {
        return Objects.equals(label, dayLabel) ? this : new MessageListItem(message, label, zone, quote, room);
    }

    MessageListItem withQuote(ReplyQuote newQuote) {
        return Objects.equals(newQuote, quote) ? this : new MessageListItem(message, dayLabel, zone, newQuote, room);
    }

    MessageListItem withRoomLook(RoomLook look) {
        return Objects.equals(look, room) ? this : new MessageListItem(message, dayLabel, zone, quote, look);
    }

    @Override
    public String toString() {
        return "MessageListItem[" + message.id() + ", " + message.state() + (dayLabel == null ? "" : ", " + dayLabel)
                + "]";
    }
}
