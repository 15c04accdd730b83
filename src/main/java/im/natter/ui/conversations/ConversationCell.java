package im.natter.ui.conversations;

import im.natter.ui.fx.InitialsAvatar;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A conversation row: avatar, name and time on top, the preview and the unread badge below. Binds to the
 * current item's properties and unbinds when the cell is reused, so no listener outlives its row.
 */
final class ConversationCell extends ListCell<ConversationListItem> {

    private final InitialsAvatar avatar = new InitialsAvatar(40);
    private final Label name = new Label();
    private final Label time = new Label();
    private final Label preview = new Label();
    private final Label badge = new Label();
    private final Label mention = new Label("@");
    private final org.kordamp.ikonli.javafx.FontIcon muted =
            new org.kordamp.ikonli.javafx.FontIcon(org.kordamp.ikonli.material2.Material2MZ.NOTIFICATIONS_OFF);
    private final org.kordamp.ikonli.javafx.FontIcon roomMark =
            new org.kordamp.ikonli.javafx.FontIcon(org.kordamp.ikonli.material2.Material2MZ.PEOPLE);
    private final javafx.scene.layout.StackPane face;
    private final VBox root;
    // kept in fields: a fresh method reference each time could never be removed again
    private final javafx.beans.InvalidationListener nameListener = this::nameChanged;
    private final javafx.beans.InvalidationListener unreadListener = this::unreadChanged;
    private ConversationListItem bound;

    ConversationCell() {
        getStyleClass().add("conversation-cell");
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
        face = new javafx.scene.layout.StackPane(avatar, roomMark);
        javafx.scene.layout.StackPane.setAlignment(roomMark, Pos.BOTTOM_RIGHT);
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
        var row = new HBox(12, face, text);
        row.setAlignment(Pos.CENTER_LEFT);
        root = new VBox(row);
        root.getStyleClass().add("conversation-row");
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(ConversationListItem item, boolean empty) {
        super.updateItem(item, empty);
        if (bound != null) {
            name.textProperty().unbind();
            time.textProperty().unbind();
            preview.textProperty().unbind();
            bound.nameProperty().removeListener(nameListener);
            bound.unreadProperty().removeListener(unreadListener);
            bound.mentionsProperty().removeListener(unreadListener);
            bound.mutedProperty().removeListener(unreadListener);
            bound = null;
        }
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        bound = item;
        name.textProperty().bind(item.nameProperty());
        time.textProperty().bind(item.timeTextProperty());
        preview.textProperty().bind(item.previewProperty());
        item.nameProperty().addListener(nameListener);
        item.unreadProperty().addListener(unreadListener);
        item.mentionsProperty().addListener(unreadListener);
        item.mutedProperty().addListener(unreadListener);
        roomMark.setVisible(item.isRoom());
        nameChanged(null);
        unreadChanged(null);
        setGraphic(root);
    }

    private void nameChanged(javafx.beans.Observable o) {
        if (bound != null) {
            avatar.set(bound.name(), bound.colourId());
        }
    }

    private void unreadChanged(javafx.beans.Observable o) {
        int unread = bound == null ? 0 : bound.unread();
        badge.setText(unread > 99 ? "99+" : Integer.toString(unread));
        badge.setVisible(unread > 0);
        badge.setManaged(unread > 0);
        int mentions = bound == null ? 0 : bound.mentions();
        mention.setVisible(mentions > 0);
        mention.setManaged(mentions > 0);
        boolean isMuted = bound != null && bound.muted();
        muted.setVisible(isMuted);
        muted.setManaged(isMuted);
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("unread"), unread > 0);
    }
}
