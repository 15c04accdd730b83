package im.natter.ui.roster;

import atlantafx.base.theme.Styles;
import im.natter.ui.fx.AvatarView;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.OverrunStyle;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Draws a group heading or a contact; one instance is reused for many rows while scrolling. */
final class RosterCell extends ListCell<RosterRow> {

    private final AvatarView avatar = new AvatarView(34);
    private final Label name = new Label();
    private final Label status = new Label();
    private final HBox contactBox;
    private final Label heading = new Label();

    RosterCell() {
        name.getStyleClass().add("contact-name");
        name.setTextOverrun(OverrunStyle.ELLIPSIS);
        name.setMinWidth(0);
        status.getStyleClass().addAll("contact-status", Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        status.setTextOverrun(OverrunStyle.ELLIPSIS);
        status.setMinWidth(0);
        VBox texts = new VBox(1, name, status);
        texts.setMinWidth(0);
        HBox.setHgrow(texts, Priority.ALWAYS);
        contactBox = new HBox(10, avatar, texts);
        contactBox.setAlignment(Pos.CENTER_LEFT);
        heading.getStyleClass().add("group-heading");
        setPrefWidth(0); // let the list's width decide, so long names ellipsise instead of scrolling sideways
    }

    @Override
    protected void updateItem(RosterRow row, boolean empty) {
        super.updateItem(row, empty);
        getStyleClass().removeAll("group-row", "contact-row", "offline");
        setText(null);
        if (empty || row == null) {
            setGraphic(null);
            return;
        }
        switch (row) {
            case GroupHeader g -> {
                heading.setText(g.name().toUpperCase(java.util.Locale.ROOT) + "   " + g.online() + "/" + g.total());
                getStyleClass().add("group-row");
                setGraphic(heading);
            }
            case ContactListItem c -> {
                avatar.show(c.address().value(), c.name());
                avatar.presence(c.availability());
                name.setText(c.name());
                status.setText(c.statusText());
                getStyleClass().add("contact-row");
                if (!c.availability().isOnline()) {
                    getStyleClass().add("offline");
                }
                setGraphic(contactBox);
            }
        }
    }
}
