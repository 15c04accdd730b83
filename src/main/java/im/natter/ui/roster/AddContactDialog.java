package im.natter.ui.roster;

import atlantafx.base.theme.Styles;
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

/** Asks for an address and an optional name, and stays open with the reason if adding fails. */
public final class AddContactDialog extends Dialog<Void> {

    private final TextField address = new TextField();
    private final TextField name = new TextField();

    public AddContactDialog(AddContactViewModel vm, Window owner) {
        initOwner(owner);
        initModality(Modality.WINDOW_MODAL);
        setTitle("Add contact");
        setHeaderText(null);
        setGraphic(null);
        address.setId("add-contact-address");
        address.setPromptText("alice@example.org");
        address.textProperty().bindBidirectional(vm.addressProperty());
        name.setId("add-contact-name");
        name.setPromptText("optional");
        name.textProperty().bindBidirectional(vm.nameProperty());
        Label title = new Label("Add a contact");
        title.getStyleClass().add(Styles.TITLE_3);
        Label help = FormParts.muted("They will be asked to let you see when they are online.");
        Label error = FormParts.errorLine(vm.errorProperty(), "add-contact-error");
        VBox content = new VBox(14, title, help,
                FormParts.field("Address", address, FormParts.errorLine(vm.addressErrorProperty(),
                        "add-contact-address-error")),
                FormParts.field("Name", name, FormParts.errorLine(new javafx.beans.property.SimpleStringProperty(),
                        "add-contact-name-error")),
                error);
        content.setPadding(new Insets(8, 4, 4, 4));
        content.setPrefWidth(400);
        getDialogPane().setContent(content);
        ButtonType add = new ButtonType("Add", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, add);
        // the dialog closes only when the server said yes; otherwise it shows why and keeps what was typed
        FormParts.confirmButton(this, add, "add-contact-add", vm.busyProperty(), vm::add, vm.doneProperty());
        FormParts.styleLike(this, owner);
        im.natter.ui.fx.Focus.whenShown(address);
    }
}
