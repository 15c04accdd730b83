package im.natter.ui.chat;

import im.natter.domain.model.DeliveryState;
import im.natter.ui.fx.InitialsAvatar;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.event.EventHandler;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.kordamp.ikonli.material2.Material2OutlinedAL;

/**
 * One message row: an optional day separator, then the bubble (text, time, delivery mark). {@link #updateItem}
 * only sets texts, colours and visibility, so scrolling stays cheap. The list styles every node of a cell each
 * time it places the cell, so the parts few rows show (day, "new since" line, quote, edited mark, retry link, lock)
 * are made the first time the cell needs them, and kept.
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
    private static final PseudoClass MODERATED = PseudoClass.getPseudoClass("moderated");
    /** The avatar beside a room sender's first row; later rows of the group keep its room free. */
    private static final double ROOM_AVATAR = 28;
    /** How wide a bubble may get, as a share of the list. */
    private static final double BUBBLE_SHARE = 0.72;
    /**
     * A row's space above and below, tighter when it goes on from the same sender's row above. Set here rather than
     * by a pseudo-class on the cell, whose every change would restyle all the cell's nodes.
     */
    private static final Insets ROW_SPACE = new Insets(2, 0, 2, 0);
    private static final Insets CONTINUED_ROW_SPACE = new Insets(0, 0, 1, 0);

    private final Consumer<MessageListItem> onRetry;
    private final SelectableText body = new SelectableText();
    private final HBox content = new HBox(8, body);
    private final Label time = new Label();
    private final FontIcon state = new FontIcon();
    private final HBox meta = new HBox(4, time, state);
    private final VBox bubble = new VBox(2, content, meta);
    private final HBox row = new HBox(8, bubble);
    private final VBox root = new VBox(row);
    /** Whose name and avatar the cell shows, so reusing the cell for the same sender changes nothing. */
    private String senderShown;
    private boolean restyle;

    // made when first needed; a one-to-one chat never needs the sender's name and avatar
    private InitialsAvatar avatar;
    private StackPane avatarSlot;
    private Label sender;
    private Label day;
    private Label dividerText;
    private HBox divider;
    private FontIcon lock;
    private Label quoteAuthor;
    private Label quoteText;
    private VBox quote;
    private Label edited;
    private Hyperlink retry;

    MessageCell(ListView<MessageListItem> list, Consumer<MessageListItem> onRetry, Consumer<String> onLink) {
        this.onRetry = onRetry;
        getStyleClass().add("message-cell");
        row.setFillHeight(false);
        row.setPadding(ROW_SPACE);
        content.setAlignment(Pos.TOP_LEFT);
        time.getStyleClass().add("message-time");
        tooltipOnHover(time, 500, () -> getItem() == null ? "" : TimeLabels.full(getItem().message().displayTime(),
                getItem().zone(), Locale.getDefault(Locale.Category.FORMAT)));
        state.getStyleClass().add("delivery-mark");
        tooltipOnHover(state, 300, state::getAccessibleText);
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
        pseudo(root, FIRST, indexInTimeline() == 0);
        showDay(item.dayLabel());
        showRoomLook(item);

        boolean outgoing = item.isOutgoing();
        row.setAlignment(outgoing ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        pseudo(bubble, OUTGOING, outgoing);
        pseudo(bubble, ENCRYPTED, item.isEncrypted());
        showLock(item.isEncrypted());
        restyle |= body.setContent(item.segments(), item.isRightToLeft(), item.copyText());
        pseudo(bubble, DELETED, item.isDeleted());
        showQuote(item.isDeleted() ? null : item.quote());
        showEdited(item.isEdited());
        time.setText(item.timeText());
        showState(outgoing ? item.state() : null, item.error());
        setGraphic(root);
    }

    /** The row's place among all the conversation's messages, of which the list may show only the newest yet. */
    private int indexInTimeline() {
        return getListView() != null && getListView().getItems() instanceof TailWindow w
                ? w.getSourceIndex(getIndex()) : getIndex();
    }

    /**
     * Whether the last {@link #updateItem} changed something the style sheets look at (a pseudo-class, a part made
     * just now), so the cell must be styled again before it is measured; clears the answer.
     */
    boolean takeRestyle() {
        boolean was = restyle;
        restyle = false;
        return was;
    }

    private void pseudo(Node node, PseudoClass state, boolean on) {
        if (node.getPseudoClassStates().contains(state) != on) {
            restyle = true;
            node.pseudoClassStateChanged(state, on);
        }
    }

    private void showDay(String label) {
        if (label == null) {
            hide(day);
            return;
        }
        if (day == null) {
            day = new Label();
            day.getStyleClass().add("day-separator");
            day.setMaxWidth(Double.MAX_VALUE);
            day.setAlignment(Pos.CENTER);
            root.getChildren().addFirst(day);
            restyle = true;
        }
        day.setText(label);
        show(day, true);
    }

    /** Sender, avatar, grouping, mention and the "new since" line of a room row; nothing of it in a chat. */
    private void showRoomLook(MessageListItem item) {
        var look = item.room();
        showDivider(item.divider());
        boolean roomIncoming = look != null && look.sender() != null;
        String name = item.senderToShow();
        if (sender == null && (roomIncoming || name != null)) {
            makeRoomParts();
        }
        if (sender != null) {
            show(sender, name != null);
            // the avatar keeps its room on continued rows, so a group's bubbles line up under the first one
            avatarSlot.setManaged(roomIncoming);
            avatar.setVisible(name != null);
            if (name != null && !name.equals(senderShown)) {
                senderShown = name;
                sender.setText(name);
                // a colour set in code, not an inline style, which would make the label look up all its styles again
                sender.setTextFill(SenderColours.of(name));
                avatar.set(name, name);
            }
            avatarSlot.setVisible(roomIncoming);
        }
        pseudo(bubble, MENTION, item.isMention());
        pseudo(bubble, MODERATED, item.isModerated());
        row.setPadding(look != null && look.continued() ? CONTINUED_ROW_SPACE : ROW_SPACE);
    }

    /** The sender's name above the bubble and their avatar beside it, for a room's rows. */
    private void makeRoomParts() {
        avatar = new InitialsAvatar(ROOM_AVATAR);
        avatarSlot = new StackPane(avatar);
        avatarSlot.getStyleClass().add("sender-avatar");
        avatarSlot.setAlignment(Pos.TOP_CENTER);
        avatarSlot.setMinWidth(ROOM_AVATAR);
        avatarSlot.setPrefWidth(ROOM_AVATAR);
        sender = new Label();
        sender.getStyleClass().add("message-sender");
        sender.setTextOverrun(OverrunStyle.ELLIPSIS);
        sender.setMinWidth(0);
        bubble.getChildren().addFirst(sender);
        row.getChildren().addFirst(avatarSlot);
        restyle = true;
    }

    private void showDivider(String words) {
        if (words == null) {
            hide(divider);
            return;
        }
        if (divider == null) {
            dividerText = new Label();
            dividerText.getStyleClass().add("new-divider-text");
            dividerText.setMinWidth(Region.USE_PREF_SIZE);
            divider = new HBox(10, line(), dividerText, line());
            divider.getStyleClass().add("new-divider");
            divider.setAlignment(Pos.CENTER);
            root.getChildren().add(root.getChildren().indexOf(row), divider);
            restyle = true;
        }
        dividerText.setText(words);
        show(divider, true);
    }

    private void showLock(boolean encrypted) {
        if (!encrypted) {
            hide(lock);
            return;
        }
        if (lock == null) {
            lock = new FontIcon(Material2AL.LOCK);
            lock.getStyleClass().add("encrypted-icon");
            content.getChildren().addFirst(lock);
            restyle = true;
        }
        show(lock, true);
    }

    private void showQuote(ReplyQuote q) {
        if (q == null) {
            hide(quote);
            return;
        }
        if (quote == null) {
            quoteAuthor = new Label();
            quoteAuthor.getStyleClass().add("reply-quote-author");
            quoteText = new Label();
            quoteText.getStyleClass().add("reply-quote-text");
            // one line, cut with an ellipsis: a reminder of what is answered, not the message again
            quoteText.setWrapText(false);
            quoteText.setTextOverrun(OverrunStyle.ELLIPSIS);
            quote = new VBox(1, quoteAuthor, quoteText);
            quote.getStyleClass().add("reply-quote");
            quote.setId("reply-quote");
            quote.setMaxWidth(Double.MAX_VALUE);
            quote.setMinWidth(0);
            VBox.setMargin(quote, new Insets(2, 0, 4, 0));
            bubble.getChildren().add(bubble.getChildren().indexOf(content), quote);
            restyle = true;
        }
        show(quote, true);
        quoteAuthor.setText(q.isKnown() ? q.author() : "");
        show(quoteAuthor, q.isKnown());
        quoteText.setText(q.text());
        pseudo(quote, UNKNOWN, !q.isKnown());
    }

    private void showEdited(boolean isEdited) {
        if (!isEdited) {
            hide(edited);
            return;
        }
        if (edited == null) {
            edited = new Label("edited");
            edited.getStyleClass().add("message-edited");
            tooltipOnHover(edited, 300, () -> getItem() == null ? "" : getItem().editedText());
            meta.getChildren().add(meta.getChildren().indexOf(time), edited);
            restyle = true;
        }
        show(edited, true);
    }

    private void showState(DeliveryState s, String error) {
        boolean failed = s == DeliveryState.FAILED;
        show(state, s != null);
        showRetry(failed);
        pseudo(bubble, FAILED, failed);
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
        pseudo(state, FAILED, failed);
        pseudo(state, SEEN, s == DeliveryState.DISPLAYED);
    }

    private void showRetry(boolean failed) {
        if (!failed) {
            hide(retry);
            return;
        }
        if (retry == null) {
            retry = new Hyperlink("Retry");
            retry.getStyleClass().add("retry-link");
            tooltipOnHover(retry, 300, state::getAccessibleText);
            retry.setOnAction(e -> {
                if (getItem() != null) {
                    onRetry.accept(getItem());
                }
            });
            meta.getChildren().add(retry);
            restyle = true;
        }
        show(retry, true);
    }

    private void mark(org.kordamp.ikonli.Ikon icon, String words) {
        state.setIconCode(icon);
        // also what its tooltip says
        state.setAccessibleText(words);
    }

    /**
     * Gives {@code node} a tooltip when the pointer first comes over it, worded when it shows: a tooltip is a window
     * of its own, too dear to make for every row the list lays out.
     */
    private static void tooltipOnHover(Node node, long delayMillis, Supplier<String> words) {
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, new EventHandler<>() {
            @Override
            public void handle(MouseEvent e) {
                node.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                var tip = new Tooltip();
                tip.setShowDelay(Duration.millis(delayMillis));
                tip.setOnShowing(shown -> tip.setText(words.get()));
                Tooltip.install(node, tip);
                // the tooltip starts counting on the pointer's next move; let it count from this entry, as an
                // installed one would, even when the pointer comes to rest right here
                node.fireEvent(e.copyFor(node, node, MouseEvent.MOUSE_MOVED));
            }
        });
    }

    private static void show(Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }

    private static void hide(Node node) {
        if (node != null) {
            show(node, false);
        }
    }

    private static Region line() {
        Region r = new Region();
        r.getStyleClass().add("new-divider-line");
        r.setPrefHeight(1);
        r.setMaxHeight(1);
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }
}
