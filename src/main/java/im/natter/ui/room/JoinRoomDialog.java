package im.natter.ui.room;

import atlantafx.base.theme.Styles;
import im.natter.ui.fx.Focus;
import im.natter.ui.fx.FormParts;
import im.natter.ui.fx.WrapGuard;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Join or create a room. The form first; if the room turned out to be new, a second page asks whether to open it
 * with the server's settings or to set it up first. It stays open with the room's answer in words when it fails.
 */
public final class JoinRoomDialog extends Dialog<Void> {

    private final JoinRoomViewModel vm;
    private final Window owner;
    private final StackPane pages = new StackPane();
    private final ButtonType join = new ButtonType("Join", ButtonBar.ButtonData.OK_DONE);
    private final ButtonType configure = new ButtonType("Set it up\u2026", ButtonBar.ButtonData.OTHER);
    private final ButtonType openNow = new ButtonType("Open it now", ButtonBar.ButtonData.OK_DONE);

    public JoinRoomDialog(JoinRoomViewModel vm, Window owner) {
        this.vm = vm;
        this.owner = owner;
        if (owner != null) {
            initOwner(owner);
            initModality(Modality.WINDOW_MODAL);
        }
        setTitle("Join a room");
        setHeaderText(null);
        setGraphic(null);
        getDialogPane().setContent(pages);
        pages.setPrefWidth(420);
        showForm();
        FormParts.refit(this, vm.errorProperty(), vm.addressErrorProperty(), vm.nickErrorProperty(),
                vm.suggestedNickProperty(), vm.stageProperty());
        vm.stageProperty().addListener((o, was, stage) -> {
            switch (stage) {
                case FORM -> showForm();
                case CREATED -> showCreated();
                case DONE -> {
                    setResult(null);
                    close();
                }
            }
        });
        if (owner != null && owner.getScene() != null) {
            getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        getDialogPane().getStylesheets().add(JoinRoomDialog.class.getResource("/im/natter/ui/room.css")
                .toExternalForm());
    }

    private void showForm() {
        TextField address = new TextField();
        address.setId("join-address");
        address.setPromptText("room@rooms.example.org");
        address.textProperty().bindBidirectional(vm.addressProperty());
        TextField nick = new TextField();
        nick.setId("join-nick");
        nick.textProperty().bindBidirectional(vm.nickProperty());
        PasswordField password = new PasswordField();
        password.setId("join-password");
        password.setPromptText("only if the room has one");
        password.textProperty().bindBidirectional(vm.passwordProperty());

        Label title = new Label("Join or create a room");
        title.getStyleClass().add(Styles.TITLE_3);
        Label help = FormParts.muted("If no room has this address yet, it is created and you are its owner.");

        Label error = WrapGuard.wrapping(new Label());
        error.setId("join-error");
        error.textProperty().bind(vm.errorProperty());
        error.setMaxWidth(Double.MAX_VALUE);
        Hyperlink suggestion = new Hyperlink();
        suggestion.setId("join-suggestion");
        suggestion.textProperty().bind(javafx.beans.binding.Bindings.concat("Join as \u201c",
                vm.suggestedNickProperty(), "\u201d instead"));
        suggestion.visibleProperty().bind(vm.suggestedNickProperty().isNotEmpty());
        suggestion.managedProperty().bind(suggestion.visibleProperty());
        suggestion.setOnAction(e -> vm.useSuggestedNick());
        VBox errorBox = new VBox(4, error, suggestion);
        errorBox.getStyleClass().add("error-box");
        errorBox.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        errorBox.managedProperty().bind(errorBox.visibleProperty());

        VBox form = new VBox(14, title, help,
                FormParts.field("Room address", address, FormParts.errorLine(vm.addressErrorProperty(),
                        "join-address-error")),
                FormParts.field("Your nickname", nick, FormParts.errorLine(vm.nickErrorProperty(),
                        "join-nick-error")),
                FormParts.field("Password", password, FormParts.errorLine(new javafx.beans.property
                        .SimpleStringProperty(""), "join-password-error")),
                errorBox);
        form.setPadding(new Insets(8, 4, 4, 4));
        pages.getChildren().setAll(form);
        getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, join);
        Button joinButton = (Button) getDialogPane().lookupButton(join);
        joinButton.setId("join-button");
        joinButton.getStyleClass().add(Styles.ACCENT);
        joinButton.disableProperty().bind(vm.busyProperty());
        joinButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.join();
        });
        Focus.whenShown(vm.addressProperty().get().isEmpty() ? address : nick);
    }

    private void showCreated() {
        FontIcon icon = new FontIcon(Material2MZ.MEETING_ROOM);
        icon.getStyleClass().add("created-icon");
        Label title = new Label("Your new room is ready");
        title.getStyleClass().add(Styles.TITLE_3);
        Label text = FormParts.muted(vm.addressProperty().get() + " did not exist, so it was created for you. "
                + "Open it now with the server's usual settings, or set its name, password and who may enter first.");
        Label error = FormParts.errorLine(vm.errorProperty(), "join-created-error");
        HBox head = new HBox(12, icon, title);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox page = new VBox(12, head, text, error);
        page.setPadding(new Insets(8, 4, 4, 4));
        pages.getChildren().setAll(page);
        getDialogPane().getButtonTypes().setAll(configure, openNow);
        Button open = (Button) getDialogPane().lookupButton(openNow);
        open.setId("join-open-now");
        open.getStyleClass().add(Styles.ACCENT);
        open.disableProperty().bind(vm.busyProperty());
        open.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.openAsItIs();
        });
        Button setUp = (Button) getDialogPane().lookupButton(configure);
        setUp.setId("join-configure");
        setUp.disableProperty().bind(vm.busyProperty());
        setUp.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            RoomConfigurationViewModel settings = vm.configure();
            hide();
            new RoomConfigurationDialog(settings, owner).show();
        });
        // a new room must not stay locked: closing this page opens it as it is
        setOnCloseRequest(e -> {
            if (vm.stageProperty().get() == JoinRoomViewModel.Stage.CREATED) {
                e.consume();
                vm.openAsItIs();
            }
        });
    }
}
