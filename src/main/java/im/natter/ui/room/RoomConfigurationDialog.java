package im.natter.ui.room;

import atlantafx.base.theme.Styles;
import im.natter.ui.form.DataFormView;
import im.natter.ui.form.DataFormViewModel;
import im.natter.ui.fx.FormParts;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/** A room's settings as a form; Save sends them, and the dialog stays open with the reason if the room refuses. */
public final class RoomConfigurationDialog extends Dialog<Void> {

    private final BorderPane body = new BorderPane();

    public RoomConfigurationDialog(RoomConfigurationViewModel vm, Window owner) {
        if (owner != null) {
            initOwner(owner);
            initModality(Modality.WINDOW_MODAL);
        }
        setTitle("Room settings");
        setHeaderText(null);
        setGraphic(null);
        setResizable(true);
        Label title = new Label(vm.justCreated() ? "Set up your new room" : "Room settings");
        title.getStyleClass().add(Styles.TITLE_3);
        Label address = FormParts.muted(vm.roomAddress());
        VBox top = new VBox(2, title, address);
        top.setPadding(new Insets(0, 0, 12, 0));
        body.setTop(top);
        ProgressIndicator loading = new ProgressIndicator();
        loading.setMaxSize(32, 32);
        body.setCenter(loading);
        BorderPane.setAlignment(loading, Pos.CENTER);
        Label error = FormParts.errorLine(vm.errorProperty(), "room-config-error");
        BorderPane.setMargin(error, new Insets(8, 0, 0, 0));
        body.setBottom(error);
        body.setPrefSize(500, 560);
        getDialogPane().setContent(body);

        ButtonType save = new ButtonType(vm.justCreated() ? "Create the room" : "Save", ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(vm.justCreated() ? "Use the defaults" : "Cancel",
                ButtonBar.ButtonData.CANCEL_CLOSE);
        getDialogPane().getButtonTypes().addAll(cancel, save);
        FormParts.confirmButton(this, save, "room-config-save", vm.busyProperty().or(vm.formProperty().isNull()),
                vm::submit, vm.doneProperty());
        Button cancelButton = (Button) getDialogPane().lookupButton(cancel);
        cancelButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.cancel();
        });
        // the window's close box means the same as Cancel
        setOnCloseRequest(e -> {
            if (!vm.doneProperty().get()) {
                e.consume();
                vm.cancel();
            }
        });
        vm.formProperty().addListener((o, was, form) -> showForm(form));
        FormParts.styleLike(this, owner);
        getDialogPane().getStylesheets().add(
                RoomConfigurationDialog.class.getResource("/im/natter/ui/room.css").toExternalForm());
        vm.load();
    }

    private void showForm(DataFormViewModel form) {
        if (form != null) {
            body.setCenter(new DataFormView(form));
        }
    }
}
