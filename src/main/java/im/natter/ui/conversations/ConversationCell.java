package im.natter.ui.conversations;

import im.natter.ui.fx.InitialsAvatar;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * A conversation row: avatar, name and time on top, the preview and the unread badge below. Binds to the
 * current item's properties and unbinds when the cell is reused, so no listener outlives its row.
 *
 * <p>A cell makes its row's nodes when it first shows a conversation: a list fills the space below its rows with
 * empty cells, and a fresh list would otherwise make a dozen rows' worth of nodes nobody sees in one frame.
 */
final class ConversationCell extends ListCell<ConversationListItem> {

    private static final PseudoClass UNREAD = PseudoClass.getPseudoClass("unread");

    // kept in fields: a fresh method reference each time could never be removed again
    private final InvalidationListener nameListener = this::nameChanged;
    private final InvalidationListener unreadListener = this::unreadChanged;
    private Row row;
    private ConversationListItem bound;

    ConversationCell() {
        getStyleClass().add("conversation-cell");
        setPrefWidth(0);
    }

    /** The nodes of a row that shows a conversation. */
    private static final class Row {
        final InitialsAvatar avatar = new InitialsAvatar(40);
        final Label name = new Label();
        final Label time = new Label();
        final Label preview = new Label();
        final Label badge = new Label();
        final Label mention = new Label("@");
        final FontIcon muted = new FontIcon(Material2MZ.NOTIFICATIONS_OFF);
        final FontIcon roomMark = new FontIcon(Material2MZ.PEOPLE);
        final VBox root;

        Row() {
            name.getStyleClass().add("conversation-name");
            name.setMinWidth(0);
            time.getStyleClass().add("conversation-time");
            time.setMinWidth(Region.USE_PREF_SIZE);
            preview.getStyleClass().add("conversation-preview");
            preview.setMinWidth(0);
            badge.getStyleClass().add("unread-badge");
            badge.setMinWidth(Region.USE_PREF_SIZE);
            mention.getStyleClass().add("mention-badge");
            mention.setMinWidth(Region.USE_PREF_SIZE);
            muted.getStyleClass().add("muted-mark");
            roomMark.getStyleClass().add("room-avatar-mark");
            // a room's avatar carries a small people mark, so rooms and people tell apart at a glance
            var face = new StackPane(avatar, roomMark);
            StackPane.setAlignment(roomMark, Pos.BOTTOM_RIGHT);
            face.setMinSize(40, 40);
            face.setMaxSize(40, 40);
            var spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            var spacer2 = new Region();
            HBox.setHgrow(spacer2, Priority.ALWAYS);
            var top = new HBox(8, name, spacer, time);
            top.setAlignment(Pos.BASELINE_LEFT);
            var bottom = new HBox(6, preview, spacer2, muted, mention, badge);
            bottom.setAlignment(Pos.CENTER_LEFT);
            var text = new VBox(2, top, bottom);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            var line = new HBox(12, face, text);
            line.setAlignment(Pos.CENTER_LEFT);
            root = new VBox(line);
            root.getStyleClass().add("conversation-row");
        }
    }

    @Override
    protected void updateItem(ConversationListItem item, boolean empty) {
        super.updateItem(item, empty);
        if (bound != null) {
            row.name.textProperty().unbind();
            row.time.textProperty().unbind();
            row.preview.textProperty().unbind();
            bound.nameProperty().removeListener(nameListener);
            bound.unreadProperty().removeListener(unreadListener);
            bound.mentionsProperty().removeListener(unreadListener);
            bound.mutedProperty().removeListener(unreadListener);
            bound = null;
        }
        if (empty || item == null) {
            setGraphic(null);
            pseudoClassStateChanged(UNREAD, false);
            return;
        }
        if (row == null) {
            row = new Row();
        }
        bound = item;
        row.name.textProperty().bind(item.nameProperty());
        row.time.textProperty().bind(item.timeTextProperty());
        row.preview.textProperty().bind(item.previewProperty());
        item.nameProperty().addListener(nameListener);
        item.unreadProperty().addListener(unreadListener);
        item.mentionsProperty().addListener(unreadListener);
        item.mutedProperty().addListener(unreadListener);
        row.roomMark.setVisible(item.isRoom());
        nameChanged(null);
        unreadChanged(null);
        setGraphic(row.root);
    }

    private void nameChanged(Observable o) {
        if (bound != null) {
            row.avatar.set(bound.name(), bound.colourId());
        }
    }

    private void unreadChanged(Observable o) {
        if (bound == null) {
            return;
        }
        int unread = bound.unread();
        row.badge.setText(unread > 99 ? "99+" : Integer.toString(unread));
        row.badge.setVisible(unread > 0);
        row.badge.setManaged(unread > 0);
        int mentions = bound.mentions();
        row.mention.setVisible(mentions > 0);
        row.mention.setManaged(mentions > 0);
        boolean isMuted = bound.muted();
        row.muted.setVisible(isMuted);
        row.muted.setManaged(isMuted);
        pseudoClassStateChanged(UNREAD, unread > 0);
    }
}
