package im.natter.ui.room;

import im.natter.ui.fx.ConsistentColor;
import im.natter.ui.fx.InitialsAvatar;
import im.natter.ui.fx.PresenceLook;
import im.natter.domain.model.Availability;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
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
    /** The style class of the row's kind: heading-row, person-row, or null while empty. */
    private String kind;
    private String status = "";

    /** The dot's colour per availability, parsed once. */
    private static final Map<Availability, Color> DOTS = new EnumMap<>(Availability.class);
    /** Nicknames' colours (a SHA-1 each), kept for more people than a crowded room shows at once. */
    private static final Map<String, Color> NICK_COLOURS = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Color> eldest) {
            return size() > 2048;
        }
    };

    static {
        for (Availability a : Availability.values()) {
            DOTS.put(a, Color.web(PresenceLook.colour(a)));
        }
    }

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
        tip.setOnShowing(e -> tip.setText(status));
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
        if (empty || row == null) {
            kind(null);
            setGraphic(null);
            return;
        }
        switch (row) {
            case OccupantRow.Heading h -> {
                kind("heading-row");
                heading.setText(h.title() + "  \u00b7  " + h.count());
                setGraphic(heading);
            }
            case OccupantItem item -> {
                kind("person-row");
                if (!item.nick().equals(nick.getText())) {
                    nick.setText(item.nick());
                    // a colour set in code: an inline style would make the label look up all its styles again
                    nick.setTextFill(nickColour(item.colourId()));
                }
                avatar.set(item.nick(), item.colourId());
                dot.setFill(DOTS.get(item.availability()));
                you.setVisible(item.self());
                you.setManaged(item.self());
                String b = item.badge();
                badge.setText(b);
                badge.setVisible(b != null);
                badge.setManaged(b != null);
                status = PresenceLook.label(item.availability())
                        + (item.statusText() == null ? "" : " \u2014 " + item.statusText());
                setGraphic(person);
            }
        }
    }

    /**
     * Gives the row its kind's style class, only when the kind changes: every change of a cell's style classes
     * styles all its nodes again, and a list reuses a person's row for another person far more often than not.
     */
    private void kind(String styleClass) {
        if (java.util.Objects.equals(styleClass, kind)) {
            return;
        }
        if (kind != null) {
            getStyleClass().remove(kind);
        }
        if (styleClass != null) {
            getStyleClass().add(styleClass);
        }
        kind = styleClass;
        // the tooltip is worded when it shows; a heading has none
        setTooltip("person-row".equals(styleClass) ? tip : null);
    }

    private static Color nickColour(String colourId) {
        synchronized (NICK_COLOURS) {
            return NICK_COLOURS.computeIfAbsent(colourId, id -> Color.web(ConsistentColor.css(id, false)));
        }
    }
}
