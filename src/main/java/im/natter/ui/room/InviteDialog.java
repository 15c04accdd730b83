package im.natter.ui.room;

import atlantafx.base.theme.Styles;
import im.natter.ui.fx.Focus;
import im.natter.ui.fx.FormParts;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/** Invites someone into the room: their address and an optional note; stays open with the reason if it fails. */
public final class InviteDialog extends Dialog<Void> {

    public InviteDialog(InviteViewModel vm, Window owner) {
        if (owner != null) {
            initOwner(owner);
            initModality(Modality.WINDOW_MODAL);
        }
        setTitle("Invite");
        setHeaderText(null);
        setGraphic(null);
        TextField address = new TextField();
        address.setId("invite-address");
        address.setPromptText("name@example.org");
        address.textProperty().bindBidirectional(vm.addressProperty());
        TextField reason = new TextField();
        reason.setId("invite-reason");
        reason.setPromptText("optional");
        reason.textProperty().bindBidirectional(vm.reasonProperty());
        Label title = new Label("Invite someone");
        title.getStyleClass().add(Styles.TITLE_3);
        VBox content = new VBox(14, title, FormParts.muted("They get an invitation into " + vm.roomAddress() + "."),
                FormParts.field("Address", address, FormParts.errorLine(vm.addressErrorProperty(),
                        "invite-address-error")),
                FormParts.field("A note for them", reason, FormParts.errorLine(new javafx.beans.property
                        .SimpleStringProperty(""), "invite-reason-error")),
                FormParts.errorLine(vm.errorProperty(), "invite-error"));
        content.setPadding(new Insets(8, 4, 4, 4));
        content.setPrefWidth(400);
        getDialogPane().setContent(content);
        ButtonType send = new ButtonType("Invite", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, send);
        FormParts.confirmButton(this, send, "invite-send", vm.busyProperty(), vm::invite, vm.doneProperty());
        FormParts.styleLike(this, owner);
        FormParts.refit(this, vm.errorProperty(), vm.addressErrorProperty());
        Focus.whenShown(address);
    }
}
