package im.natter.ui.shell;

import static im.natter.testsupport.fakes.FakeServices.ALICE;

import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.ConnectionProblem;
import im.natter.testsupport.fakes.FakeServices;
import im.natter.ui.UiServices;
import im.natter.ui.fx.DemoData;
import im.natter.ui.fx.FxEventBridge;
import im.natter.ui.fx.Theme;
import im.natter.ui.signin.SignInView;
import im.natter.ui.signin.SignInViewModel;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * Shows the shell over the fakes for a look under Xvfb. Argument: signin | cert | main | sheet | reconnecting.
 * Run via exec:exec with {@code im.natter.ui.shell.ShellPreview$Launcher <what>}.
 */
public final class ShellPreview extends Application {

    public static final class Launcher {
        public static void main(String[] args) {
            Application.launch(ShellPreview.class, args);
        }
    }

    @Override
    public void start(Stage stage) {
        String what = getParameters().getRaw().isEmpty() ? "main" : getParameters().getRaw().getFirst();
        FakeServices f = new FakeServices();
        UiServices ui = new UiServices(f.accounts, f.connections, f.chats, f.conversations, f.roster, f.presence,
                f.history, new FxEventBridge(f.bus, Platform::runLater), Platform::runLater, Runnable::run,
                f.clock, url -> { }, f.readState, f.chatStates);
        Theme.applyBase();
        javafx.scene.Parent root;
        switch (what) {
            case "signin", "cert" -> {
                var vm = new SignInViewModel(ui, null, null, s -> { }, null);
                root = new SignInView(vm);
                if (what.equals("cert")) {
                    f.xmpp.failNextConnect(new ConnectionProblem(ConnectionProblem.Kind.UNTRUSTED_CERTIFICATE,
                            "The server's certificate is not trusted.", DemoData.certificate()));
                    vm.addressProperty().set("alice@example.org");
                    vm.passwordProperty().set("secret");
                    Platform.runLater(vm::signIn);
                } else {
                    vm.addressProperty().set("alice");
                    vm.advancedShownProperty().set(true);
                    vm.hostProperty().set("localhost");
                    vm.portProperty().set("99999");
                    Platform.runLater(vm::signIn);
                }
            }
            default -> {
                var account = new AccountSettings(ALICE, "natter-t", null, false, List.of());
                if (!what.equals("sheet")) {
                    f.accounts.signIn(account, "pw".toCharArray());
                }
                var vm = new MainViewModel(ui, account, !what.equals("sheet"));
                vm.activate();
                var window = new MainWindow(vm, new StackPane(new Label("Conversations will appear here.")),
                        key -> new StackPane(new Label("Chat with " + vm.displayNameOf(key.peer()))));
                root = window;
                Platform.runLater(() -> {
                    DemoData.roster(f);
                    if (what.equals("sheet")) {
                        vm.askForPassword(f.accounts.secretStoreMissingNote());
                    }
                    if (what.equals("reconnecting")) {
                        f.xmpp.drop(ALICE, ConnectionProblem.of(ConnectionProblem.Kind.CONNECTION_DROPPED,
                                "The connection to the server was lost."));
                    }
                });
            }
        }
        Scene scene = new Scene(root, 1100, 720);
        Theme.style(scene);
        stage.setScene(scene);
        stage.setTitle("Natter preview");
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }
}
