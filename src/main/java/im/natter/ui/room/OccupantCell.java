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
 * an Owner/Admin/Member badge). Nodes are made once per cell, when it first shows a heading or a person (a list
 * fills the space below its rows with empty cells, which need none); the context menu is built when asked for, from
 * what the user may do to this person now.
 */
final class OccupantCell extends ListCell<OccupantRow> {

    private Label heading;
    private Person person;
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

    /** The nodes of a row that shows a person, and its tooltip. */
    private final class Person {
        final InitialsAvatar avatar = new InitialsAvatar(26);
        final Circle dot = new Circle(4.5);
        final Label nick = new Label();
        final Label you = new Label("you");
        final Label badge = new Label();
        final HBox row;
        final Tooltip tip = new Tooltip();

        Person() {
            dot.setStroke(Color.WHITE);
            dot.setStrokeWidth(1.5);
            dot.getStyleClass().add("occupant-dot");
            var face = new StackPane(avatar, dot);
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
            row = new HBox(8, face, nick, you, spacer, badge);
            row.setAlignment(Pos.CENTER_LEFT);
            tip.setOnShowing(e -> tip.setText(status));
        }
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
                if (heading == null) {
                    heading = new Label();
                    heading.getStyleClass().add("occupant-heading");
                    heading.setMaxWidth(Double.MAX_VALUE);
                }
                kind("heading-row");
                heading.setText(h.title() + "  \u00b7  " + h.count());
                setGraphic(heading);
            }
            case OccupantItem item -> {
                if (person == null) {
                    person = new Person();
                }
                kind("person-row");
                Person p = person;
                if (!item.nick().equals(p.nick.getText())) {
                    p.nick.setText(item.nick());
                    // a colour set in code: an inline style would make the label look up all its styles again
                    p.nick.setTextFill(nickColour(item.colourId()));
                }
                p.avatar.set(item.nick(), item.colourId());
                p.dot.setFill(DOTS.get(item.availability()));
                p.you.setVisible(item.self());
                p.you.setManaged(item.self());
                String b = item.badge();
                p.badge.setText(b);
                p.badge.setVisible(b != null);
                p.badge.setManaged(b != null);
                status = PresenceLook.label(item.availability())
                        + (item.statusText() == null ? "" : " \u2014 " + item.statusText());
                setGraphic(p.row);
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
        setTooltip("person-row".equals(styleClass) && person != null ? person.tip : null);
    }

    private static Color nickColour(String colourId) {
        synchronized (NICK_COLOURS) {
            return NICK_COLOURS.computeIfAbsent(colourId, id -> Color.web(ConsistentColor.css(id, false)));
        }
    }
}
