package im.natter.ui;

import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.WindowBounds;
import im.natter.ui.fx.IdleWarmUp;
import im.natter.ui.fx.Theme;
import im.natter.ui.shell.MainViewModel;
import im.natter.ui.shell.MainWindow;
import im.natter.ui.shell.StartupViewModel;
import im.natter.ui.signin.SignInView;
import im.natter.ui.signin.SignInViewModel;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The UI's entry: themes the window, lets {@link StartupViewModel} restore the account off the FX thread, and then
 * shows the main window (at once when there is an account; the archive needs no network) or the sign-in screen.
 */
public final class NatterUi {

    static final double DEFAULT_WIDTH = 1100;
    static final double DEFAULT_HEIGHT = 720;

    /** Builds the Chats tab content and the chat view of a conversation (the other UI part). */
    public interface ChatSide {
        Node conversationList(UiServices services, MainViewModel main);

        Node chat(UiServices services, MainViewModel main, ConversationKey key);

        /** Views over made-up content to warm while the main window is idle (see {@link IdleWarmUp}); none by default. */
        default List<Supplier<? extends IdleWarmUp.Sample>> warmUpSamples(UiServices services) {
            return List.of();
        }
    }

    private final Stage stage;
    private final UiServices services;
    private final ChatSide chatSide;
    private final StartupViewModel startup;
    private MainWindow mainWindow;
    /** Built from the start, while the account is restored; shown once in the first main window. */
    private IdleWarmUp warmUp;

    private NatterUi(Stage stage, UiServices services, ChatSide chatSide) {
        this.stage = stage;
        this.services = services;
        this.chatSide = chatSide;
        this.startup = new StartupViewModel(services);
    }

    /** Call on the FX thread. */
    public static void show(Stage stage, UiServices services) {
        show(stage, services, new ConversationViews());
    }

    /** Call on the FX thread; {@code chatSide} supplies the conversation list and chat views. */
    public static void show(Stage stage, UiServices services, ChatSide chatSide) {
        new NatterUi(stage, services, chatSide).start();
    }

    private void start() {
        Theme.applyBase();
        ProgressIndicator starting = new ProgressIndicator();
        starting.setMaxSize(32, 32);
        Scene scene = new Scene(new StackPane(starting), DEFAULT_WIDTH, DEFAULT_HEIGHT);
        Theme.style(scene);
        stage.setScene(scene);
        stage.setTitle("Natter");
        for (int size : new int[] {16, 32, 64, 256}) {
            var icon = NatterUi.class.getResource("icons/natter-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm(), true));
            }
        }
        stage.setMinWidth(760);
        stage.setMinHeight(480);
        stage.setOnHidden(e -> closing());
        startup.windowProperty().addListener((o, was, bounds) -> place(bounds));
        startup.signInProperty().addListener((o, was, vm) -> showSignIn(vm));
        startup.mainProperty().addListener((o, was, vm) -> showMain(vm));
        stage.show();
        warmUp = IdleWarmUp.prepare(chatSide.warmUpSamples(services));
        // the window has settled when its first views are styled: warmed, or the user opened one first
        warmUp.whenDone(startup::settled);
        startup.start();
    }

    private void showSignIn(SignInViewModel vm) {
        if (vm != null) {
            stage.getScene().setRoot(new SignInView(vm));
            stage.setTitle("Sign in — Natter");
        }
    }

    private void showMain(MainViewModel vm) {
        if (mainWindow != null) {
            mainWindow.dispose();
        }
        Node list = chatSide.conversationList(services, vm);
        mainWindow = new MainWindow(vm, list, key -> chatSide.chat(services, vm, key));
        stage.getScene().setRoot(mainWindow);
        stage.setTitle("Natter — " + vm.ownAddress());
        MainWindow window = mainWindow;
        // the warm-up's frames after the window's own, not among them
        window.unfold(() -> {
            if (warmUp != null && window == mainWindow) {
                window.warmUp(warmUp);
                warmUp = null;
            }
        });
    }

    private void place(WindowBounds b) {
        if (b == null || b.width() < 200 || b.height() < 200) {
            stage.centerOnScreen();
            return;
        }
        stage.setWidth(b.width());
        stage.setHeight(b.height());
        // a window saved on a monitor that is gone would open out of reach
        if (Screen.getScreensForRectangle(new Rectangle2D(b.x(), b.y(), b.width(), b.height())).isEmpty()) {
            stage.centerOnScreen();
        } else {
            stage.setX(b.x());
            stage.setY(b.y());
        }
        stage.setMaximized(b.maximized());
    }

    private void closing() {
        if (warmUp != null) {
            warmUp.cancel();
        }
        if (mainWindow != null) {
            mainWindow.dispose();
        }
        startup.close(new WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized()));
    }
}
