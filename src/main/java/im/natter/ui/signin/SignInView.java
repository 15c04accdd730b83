package im.natter.ui.signin;

import atlantafx.base.theme.Styles;
import im.natter.ui.fx.Focus;
import im.natter.ui.fx.FormParts;
import im.natter.ui.fx.WrapGuard;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/** The sign-in form as a centred card; also used as the password sheet over the main window. */
public final class SignInView extends StackPane {

    private final SignInViewModel vm;
    private final TextField address = new TextField();
    private final PasswordField password = new PasswordField();
    private final CheckBox remember = new CheckBox("Remember password");
    private final TextField host = new TextField();
    private final TextField port = new TextField();
    private final Button signIn = new Button("Sign in");
    private final Button cancel = new Button();
    private final TitledPane advanced;
    private final VBox card;

    public SignInView(SignInViewModel vm) {
        this.vm = vm;
        getStyleClass().add("sign-in");

        Label appName = new Label(vm.title());
        appName.getStyleClass().add(Styles.TITLE_2);
        Label tagline = FormParts.muted(vm.isAddressEditable()
                ? "Use your existing chat address (XMPP / Jabber). Your messages stay on this computer and your server."
                : vm.addressProperty().get());
        FontIcon logo = new FontIcon(Material2AL.FORUM);
        logo.getStyleClass().add("sign-in-logo");
        VBox heading = new VBox(6, logo, appName, tagline);
        heading.setAlignment(Pos.CENTER_LEFT);

        Label note = new Label();
        note.setId("sign-in-note");
        note.textProperty().bind(vm.noteProperty());
        WrapGuard.wrapping(note);
        note.getStyleClass().add("note-box");
        note.visibleProperty().bind(note.textProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());

        address.setId("sign-in-address");
        address.setPromptText("alice@example.org");
        address.textProperty().bindBidirectional(vm.addressProperty());
        address.setEditable(vm.isAddressEditable());
        address.setFocusTraversable(vm.isAddressEditable());
        password.setId("sign-in-password");
        password.textProperty().bindBidirectional(vm.passwordProperty());
        var addressField = FormParts.field("Address", address,
                FormParts.errorLine(vm.addressErrorProperty(), "address-error"));
        var passwordField = FormParts.field("Password", password,
                FormParts.errorLine(vm.passwordErrorProperty(), "password-error"));

        remember.setId("remember-password");
        remember.selectedProperty().bindBidirectional(vm.rememberProperty());
        VBox rememberBox = new VBox(4, remember);
        if (!vm.canRememberPasswords()) {
            remember.setDisable(true);
            Label why = FormParts.muted(vm.rememberUnavailableReason());
            why.setId("remember-unavailable");
            rememberBox.getChildren().add(why);
        }

        advanced = new TitledPane("Advanced", advancedContent());
        advanced.setId("advanced");
        advanced.setExpanded(vm.advancedShownProperty().get());
        advanced.expandedProperty().bindBidirectional(vm.advancedShownProperty());
        advanced.setAnimated(false);
        advanced.getStyleClass().addAll("advanced", Styles.DENSE);

        Label errorTitle = new Label();
        errorTitle.setId("sign-in-error");
        errorTitle.textProperty().bind(vm.errorTitleProperty());
        errorTitle.getStyleClass().add(Styles.TEXT_BOLD);
        WrapGuard.wrapping(errorTitle);
        Label errorDetail = new Label();
        errorDetail.setId("sign-in-error-detail");
        errorDetail.textProperty().bind(vm.errorDetailProperty());
        WrapGuard.wrapping(errorDetail);
        VBox errorBox = new VBox(2, errorTitle, errorDetail);
        errorBox.getStyleClass().add("error-box");
        errorBox.visibleProperty().bind(errorTitle.textProperty().isNotEmpty());
        errorBox.managedProperty().bind(errorBox.visibleProperty());

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setId("sign-in-busy");
        spinner.setPrefSize(20, 20);
        spinner.setMaxSize(20, 20);
        spinner.visibleProperty().bind(vm.busyProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());
        Label busyText = FormParts.muted("Connecting…");
        busyText.visibleProperty().bind(vm.busyProperty());
        busyText.managedProperty().bind(busyText.visibleProperty());

        signIn.setId("sign-in-button");
        signIn.setDefaultButton(true);
        signIn.getStyleClass().add(Styles.ACCENT);
        signIn.disableProperty().bind(vm.busyProperty());
        signIn.setOnAction(e -> vm.signIn());
        cancel.setId("sign-in-cancel");
        cancel.setText(vm.cancelLabel());
        cancel.setCancelButton(true);
        cancel.setVisible(vm.isCancellable());
        cancel.setManaged(vm.isCancellable());
        cancel.disableProperty().bind(vm.busyProperty());
        cancel.setOnAction(e -> vm.cancel());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(8, spinner, busyText, grow, cancel, signIn);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        card = new VBox(16, heading, note, addressField, passwordField, rememberBox, advanced, errorBox, buttons);
        card.getStyleClass().add("sign-in-card");
        card.setPadding(new Insets(28, 32, 24, 32));
        card.setMaxWidth(420);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        card.disableProperty().bind(vm.certificateProperty().isNotNull());
        getChildren().add(card);
        setAlignment(Pos.CENTER);
        setPadding(new Insets(24));

        vm.certificateProperty().addListener((o, was, now) -> {
            if (now != null && getScene() != null) {
                new CertificateDialog(now, getScene().getWindow()).show();
            }
        });
        Focus.whenShown(vm.isAddressEditable() ? address : password);
    }

    private VBox advancedContent() {
        host.setId("sign-in-host");
        host.setPromptText("found from the address");
        host.textProperty().bindBidirectional(vm.hostProperty());
        port.setId("sign-in-port");
        port.setPromptText("5222");
        port.setPrefColumnCount(6);
        port.textProperty().bindBidirectional(vm.portProperty());
        port.disableProperty().bind(host.textProperty().isEmpty());
        // the port's message goes under the whole row: the narrow port column would wrap it word by word
        Label portError = FormParts.errorLine(vm.portErrorProperty(), "port-error");
        var hostField = FormParts.field("Server host", host, FormParts.errorLine(
                new javafx.beans.property.SimpleStringProperty(), "host-error"));
        var portField = FormParts.field("Port", port, FormParts.errorLine(
                new javafx.beans.property.SimpleStringProperty(), "port-error-inline"));
        portError.visibleProperty().addListener((o, was, now) -> port.pseudoClassStateChanged(
                atlantafx.base.theme.Styles.STATE_DANGER, now));
        HBox.setHgrow(hostField, Priority.ALWAYS);
        portField.setPrefWidth(96);
        portField.setMinWidth(96);
        HBox row = new HBox(12, hostField, portField);
        Label help = FormParts.muted("Only needed when the server cannot be found from the address, "
                + "for example a server on your own computer or network.");
        VBox box = new VBox(8, help, row, portError);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    TextField addressField() {
        return address;
    }

    PasswordField passwordField() {
        return password;
    }

    Button signInButton() {
        return signIn;
    }

    TitledPane advancedPane() {
        return advanced;
    }
}
