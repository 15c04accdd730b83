package im.natter.ui.room;

import im.natter.ui.fx.ConsistentColor;
import im.natter.ui.fx.InitialsAvatar;
import im.natter.ui.fx.PresenceLook;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/**
 * A row of the occupant list: a role heading, or a person (avatar with presence dot, nickname in their colour,
 * an Owner/Admin/Member badge). Nodes are made once per cell; the context menu is built when asked for, from what
 * the user may do to this person now.
 */
final class OccupantCell extends ListCell<OccupantRow> {

    private final Label heading = new Label();
    private final InitialsAvatar avatar = new InitialsAvatar(26);
    private final Circle dot = new Circle(4.5);
    private final StackPane face = new StackPane(avatar, dot);
    private final Label nick = new Label();
    private final Label you = new Label("you");
    private final Label badge = new Label();
    private final HBox person;
    private final Tooltip tip = new Tooltip();

    OccupantCell(Function<OccupantItem, ContextMenu> menuFor) {
        getStyleClass().add("occupant-cell");
        heading.getStyleClass().add("occupant-heading");
        heading.setMaxWidth(Double.MAX_VALUE);
        dot.setStroke(Color.WHITE);
        dot.setStrokeWidth(1.5);
        dot.getStyleClass().add("occupant-dot");
        StackPane.setAlignment(dot, Pos.BOTTOM_RIGHT);
        face.setMinSize(28, 28);
        face.setMaxSize(28, 28);
        nick.getStyleClass().add("occupant-nick");
        nick.setTextOverrun(OverrunStyle.ELLIPSIS);
        nick.setMinWidth(0);
        you.getStyleClass().add("occupant-you");
        you.setMinWidth(Region.USE_PREF_SIZE);
        badge.getStyleClass().add("affiliation-badge");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        person = new HBox(8, face, nick, you, spacer, badge);
        person.setAlignment(Pos.CENTER_LEFT);
        setPrefWidth(0);
        setOnContextMenuRequested(e -> {
            if (getItem() instanceof OccupantItem item) {
                ContextMenu menu = menuFor.apply(item);
                if (menu != null) {
                    menu.show(this, e.getScreenX(), e.getScreenY());
                }
            }
            e.consume();
        });
    }

    @Override
    protected void updateItem(OccupantRow row, boolean empty) {
        super.updateItem(row, empty);
        getStyleClass().removeAll("heading-row", "person-row");
        setTooltip(null);
        if (empty || row == null) {
            setGraphic(null);
            return;
        }
        switch (row) {
            case OccupantRow.Heading h -> {
                getStyleClass().add("heading-row");
                heading.setText(h.title() + "  \u00b7  " + h.count());
                setGraphic(heading);
            }
            case OccupantItem item -> {
                getStyleClass().add("person-row");
                nick.setText(item.nick());
                nick.setStyle("-fx-text-fill: " + ConsistentColor.css(item.colourId(), false) + ";");
                avatar.set(item.nick(), item.colourId());
                dot.setFill(Color.web(PresenceLook.colour(item.availability())));
                you.setVisible(item.self());
                you.setManaged(item.self());
                String b = item.badge();
                badge.setText(b);
                badge.setVisible(b != null);
                badge.setManaged(b != null);
                String status = item.statusText();
                tip.setText(PresenceLook.label(item.availability()) + (status == null ? "" : " \u2014 " + status));
                setTooltip(tip);
                setGraphic(person);
            }
        }
    }
}
