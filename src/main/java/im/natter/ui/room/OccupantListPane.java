package im.natter.ui.room;

import atlantafx.base.theme.Styles;
import im.natter.ui.fx.FirstRows;
import im.natter.ui.fx.FitToRows;
import im.natter.ui.fx.WrapGuard;
import java.util.Set;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The people in a room beside its timeline: a virtualised list grouped by role, a menu per person. */
public final class OccupantListPane extends VBox {

    private final OccupantListViewModel vm;
    private final ListView<OccupantRow> list = new ListView<>();
    private final FirstRows<OccupantRow> firstRows;

    public OccupantListPane(OccupantListViewModel vm) {
        this.vm = vm;
        getStyleClass().add("occupant-pane");
        setId("occupant-pane");
        list.setId("occupant-list");
        list.getStyleClass().add("occupant-list");
        // a crowded room's first screenful of people comes a few rows a frame
        firstRows = new FirstRows<>(list, vm.rows(), 1, 8, () -> { });
        list.setCellFactory(lv -> new OccupantCell(this::menuFor));
        FitToRows.keep(list);
        list.setFocusTraversable(false);
        Label empty = new Label("Nobody here yet");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        list.setPlaceholder(empty);
        VBox.setVgrow(list, Priority.ALWAYS);

        Label error = WrapGuard.wrapping(new Label());
        error.getStyleClass().add("occupant-error");
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setOnMouseClicked(e -> vm.dismissError());
        getChildren().addAll(error, list);
        setPrefWidth(220);
        setMinWidth(180);
    }

    /** Whether the first rows have all come, and the list follows the people as they come and go. */
    public boolean showsAllRows() {
        return firstRows.isAll();
    }

    ListView<OccupantRow> listView() {
        return list;
    }

    /** The actions the user may take on {@code item}; harsh ones apart, at the end. */
    ContextMenu menuFor(OccupantItem item) {
        Set<OccupantAction> actions = vm.actionsFor(item);
        if (actions.isEmpty()) {
            return null;
        }
        ContextMenu menu = new ContextMenu();
        boolean separated = false;
        for (OccupantAction a : actions) {
            if (a.isHarsh() && !separated && !menu.getItems().isEmpty()) {
                menu.getItems().add(new SeparatorMenuItem());
                separated = true;
            }
            MenuItem mi = new MenuItem(a.label());
            mi.setId("occupant-" + a.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            if (a.isHarsh()) {
                mi.getStyleClass().add(Styles.DANGER);
            }
            mi.setOnAction(e -> act(a, item));
            menu.getItems().add(mi);
        }
        return menu;
    }

    private void act(OccupantAction action, OccupantItem item) {
        if (!action.asksForReason()) {
            vm.perform(action, item, null);
            return;
        }
        TextInputDialog ask = new TextInputDialog();
        ask.setTitle(action == OccupantAction.KICK ? "Kick out " + item.nick() : "Ban " + item.nick());
        ask.setHeaderText(action == OccupantAction.KICK
                ? "Remove " + item.nick() + " from the room? They can come back."
                : "Ban " + item.nick() + "? They cannot come back until the ban is lifted.");
        ask.setContentText("Reason (optional, they will see it):");
        ask.setGraphic(null);
        ask.getEditor().setId("reason-input");
        var confirm = new javafx.scene.control.ButtonType(action == OccupantAction.KICK ? "Kick out" : "Ban",
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        ask.getDialogPane().getButtonTypes().setAll(javafx.scene.control.ButtonType.CANCEL, confirm);
        ask.getDialogPane().lookupButton(confirm).getStyleClass().add(Styles.DANGER);
        if (getScene() != null) {
            ask.initOwner(getScene().getWindow());
            ask.getDialogPane().getStylesheets().addAll(getScene().getStylesheets());
        }
        ask.showAndWait().ifPresent(reason -> vm.perform(action, item, reason));
    }
}
