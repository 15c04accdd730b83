package im.natter.ui.chat;

import im.natter.domain.model.DeliveryState;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import im.natter.ui.fx.ConsistentColor;
import im.natter.ui.fx.InitialsAvatar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.kordamp.ikonli.material2.Material2OutlinedAL;

/**
 * One message row: an optional day separator, then the bubble (text, time, delivery mark). All nodes are made
 * once per cell; {@link #updateItem} only sets texts, classes and visibility, so scrolling stays cheap.
 */
final class MessageCell extends ListCell<MessageListItem> {

    private static final PseudoClass OUTGOING = PseudoClass.getPseudoClass("outgoing");
    private static final PseudoClass ENCRYPTED = PseudoClass.getPseudoClass("encrypted");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass SEEN = PseudoClass.getPseudoClass("seen");
    private static final PseudoClass DELETED = PseudoClass.getPseudoClass("deleted");
    private static final PseudoClass UNKNOWN = PseudoClass.getPseudoClass("unknown");
    private static final PseudoClass MENTION = PseudoClass.getPseudoClass("mention");
    private static final PseudoClass FIRST = PseudoClass.getPseudoClass("first");
    private static final PseudoClass CONTINUED = PseudoClass.getPseudoClass("continued");
    private static final PseudoClass MODERATED = PseudoClass.getPseudoClass("moderated");
    /** The avatar beside a room sender's first row; later rows of the group keep its room free. */
    private static final double ROOM_AVATAR = 28;
    /** How wide a bubble may get, as a share of the list. */
    private static final double BUBBLE_SHARE = 0.72;

    private final Label day = new Label();
    private final Label dividerText = new Label();
    private final HBox divider = new HBox(10, line(), dividerText, line());
    private final InitialsAvatar avatar = new InitialsAvatar(ROOM_AVATAR);
    private final StackPane avatarSlot = new StackPane(avatar);
    private final Label sender = new Label();
    private final FontIcon lock = new FontIcon(Material2AL.LOCK);
    private final SelectableText body = new SelectableText();
    private final HBox content = new HBox(8, lock, body);
    private final Label quoteAuthor = new Label();
    private final Label quoteText = new Label();
    private final VBox quote = new VBox(1, quoteAuthor, quoteText);
    private final Label edited = new Label("edited");
    private final Tooltip editedTip = new Tooltip();
    private final Label time = new Label();
    private final Tooltip timeTip = new Tooltip();
    private final FontIcon state = new FontIcon();
    private final Tooltip stateTip = new Tooltip();
    private final Hyperlink retry = new Hyperlink("Retry");
    private final HBox meta = new HBox(4, edited, time, state, retry);
    private final VBox bubble = new VBox(2, sender, quote, content, meta);
    private final HBox row = new HBox(8, avatarSlot, bubble);
    private final VBox root = new VBox(day, divider, row);

    MessageCell(ListView<MessageListItem> list, Consumer<MessageListItem> onRetry, Consumer<String> onLink) {
        getStyleClass().add("message-cell");
        day.getStyleClass().add("day-separator");
        day.setMaxWidth(Double.MAX_VALUE);
        day.setAlignment(Pos.CENTER);
        divider.getStyleClass().add("new-divider");
        divider.setAlignment(Pos.CENTER);
        dividerText.getStyleClass().add("new-divider-text");
        dividerText.setMinWidth(Region.USE_PREF_SIZE);
        avatarSlot.getStyleClass().add("sender-avatar");
        avatarSlot.setAlignment(Pos.TOP_CENTER);
        avatarSlot.setMinWidth(ROOM_AVATAR);
        avatarSlot.setPrefWidth(ROOM_AVATAR);
        sender.getStyleClass().add("message-sender");
        sender.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        sender.setMinWidth(0);
        row.setFillHeight(false);
        lock.getStyleClass().add("encrypted-icon");
        content.setAlignment(Pos.TOP_LEFT);
        quote.getStyleClass().add("reply-quote");
        quote.setId("reply-quote");
        quoteAuthor.getStyleClass().add("reply-quote-author");
        quoteText.getStyleClass().add("reply-quote-text");
        // one line, cut with an ellipsis: a reminder of what is answered, not the message again
        quoteText.setWrapText(false);
        quoteText.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        quote.setMaxWidth(Double.MAX_VALUE);
        quote.setMinWidth(0);
        VBox.setMargin(quote, new javafx.geometry.Insets(2, 0, 4, 0));
        edited.getStyleClass().add("message-edited");
        editedTip.setShowDelay(Duration.millis(300));
        edited.setTooltip(editedTip);
        time.getStyleClass().add("message-time");
        timeTip.setShowDelay(Duration.millis(500));
        time.setTooltip(timeTip);
        state.getStyleClass().add("delivery-mark");
        stateTip.setShowDelay(Duration.millis(300));
        Tooltip.install(state, stateTip);
        retry.getStyleClass().add("retry-link");
        retry.setTooltip(stateTip);
        retry.setOnAction(e -> {
            if (getItem() != null) {
                onRetry.accept(getItem());
            }
        });
        meta.setAlignment(Pos.CENTER_RIGHT);
        meta.getStyleClass().add("message-meta");
        bubble.getStyleClass().add("bubble");
        // the cell's own width is not known yet when the list asks it for its height, the list's is
        bubble.maxWidthProperty().bind(list.widthProperty().multiply(BUBBLE_SHARE));
        body.setOnLink(onLink);
        row.getStyleClass().add("message-row");
        root.getStyleClass().add("message-root");
        // never wider than the list, so there is no horizontal scroll bar and long text wraps
        setPrefWidth(0);
    }

    SelectableText body() {
        return body;
    }

    @Override
    protected void updateItem(MessageListItem item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        // the top of the list carries "Beginning of the conversation" / "Loading older messages…" over it
        root.pseudoClassStateChanged(FIRST, getIndex() == 0);
        String label = item.dayLabel();
        day.setText(label);
        day.setVisible(label != null);
        day.setManaged(label != null);
        showRoomLook(item);

        boolean outgoing = item.isOutgoing();
        row.setAlignment(outgoing ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        bubble.pseudoClassStateChanged(OUTGOING, outgoing);
        bubble.pseudoClassStateChanged(ENCRYPTED, item.isEncrypted());
        lock.setVisible(item.isEncrypted());
        lock.setManaged(item.isEncrypted());
        body.setContent(item.segments(), item.isRightToLeft(), item.copyText());
        bubble.pseudoClassStateChanged(DELETED, item.isDeleted());
        showQuote(item.isDeleted() ? null : item.quote());
        boolean isEdited = item.isEdited();
        edited.setVisible(isEdited);
        edited.setManaged(isEdited);
        editedTip.setText(isEdited ? item.editedText() : "");

        time.setText(item.timeText());
        timeTip.setText(TimeLabels.full(item.message().displayTime(), item.zone(),
                Locale.getDefault(Locale.Category.FORMAT)));
        showState(outgoing ? item.state() : null, item.error());
        setGraphic(root);
    }

    /** Sender, avatar, grouping, mention and the "new since" line of a room row; nothing of it in a chat. */
    private void showRoomLook(MessageListItem item) {
        var look = item.room();
        String dividerWords = item.divider();
        show(divider, dividerWords != null);
        dividerText.setText(dividerWords);
        boolean roomIncoming = look != null && look.sender() != null;
        String name = item.senderToShow();
        show(sender, name != null);
        // the avatar keeps its room on continued rows, so a group's bubbles line up under the first one
        avatarSlot.setManaged(roomIncoming);
        avatar.setVisible(name != null);
        if (name != null) {
            sender.setText(name);
            String css = ConsistentColor.css(name, false);
            sender.setStyle("-fx-text-fill: " + css + ";");
            avatar.set(name, name);
        }
        avatarSlot.setVisible(roomIncoming);
        bubble.pseudoClassStateChanged(MENTION, item.isMention());
        bubble.pseudoClassStateChanged(MODERATED, item.isModerated());
        pseudoClassStateChanged(CONTINUED, look != null && look.continued());
    }

    private static void show(javafx.scene.Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }

    private static Region line() {
        Region r = new Region();
        r.getStyleClass().add("new-divider-line");
        r.setPrefHeight(1);
        r.setMaxHeight(1);
        HBox.setHgrow(r, javafx.scene.layout.Priority.ALWAYS);
        return r;
    }

    private void showQuote(ReplyQuote q) {
        quote.setVisible(q != null);
        quote.setManaged(q != null);
        if (q == null) {
            return;
        }
        quoteAuthor.setText(q.isKnown() ? q.author() : "");
        quoteAuthor.setVisible(q.isKnown());
        quoteAuthor.setManaged(q.isKnown());
        quoteText.setText(q.text());
        quote.pseudoClassStateChanged(UNKNOWN, !q.isKnown());
    }

    private void showState(DeliveryState s, String error) {
        boolean failed = s == DeliveryState.FAILED;
        state.setVisible(s != null);
        state.setManaged(s != null);
        retry.setVisible(failed);
        retry.setManaged(failed);
        bubble.pseudoClassStateChanged(FAILED, failed);
        if (s == null) {
            return;
        }
        switch (s) {
            case QUEUED -> mark(Material2MZ.SCHEDULE, "Waiting to be sent");
            case ON_SERVER -> mark(Material2AL.CHECK, "Sent to the server");
            case DELIVERED -> mark(Material2AL.DONE_ALL, "Delivered");
            case FAILED -> mark(Material2OutlinedAL.ERROR_OUTLINE,
                    "Not sent: " + (error == null || error.isBlank() ? "the server refused it." : DisplayText.oneLine(error)));
            case RECEIVED -> mark(Material2AL.CHECK, "");
            case DISPLAYED -> mark(Material2AL.DONE_ALL, "Seen");
        }
        state.pseudoClassStateChanged(FAILED, failed);
        state.pseudoClassStateChanged(SEEN, s == DeliveryState.DISPLAYED);
    }

    private void mark(org.kordamp.ikonli.Ikon icon, String words) {
        state.setIconCode(icon);
        stateTip.setText(words);
        state.setAccessibleText(words);
    }
}
