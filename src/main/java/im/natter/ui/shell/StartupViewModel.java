package im.natter.ui.shell;

import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.WindowBounds;
import im.natter.service.AccountService;
import im.natter.ui.UiServices;
import im.natter.ui.signin.SignInViewModel;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What the window shows after start: offline-first, an existing account opens the main window at once (history
 * comes from the archive) and signs in behind it with the remembered password, or asks for the password over it;
 * with no account, the sign-in screen. Exactly one of {@link #signInProperty()} and {@link #mainProperty()} is
 * set once {@link #start()} has finished.
 */
public final class StartupViewModel {

    private static final System.Logger LOG = System.getLogger(StartupViewModel.class.getName());
    /** The longest a sign-in's history catch-up waits for the starting window to settle. */
    static final Duration LONGEST_HOLD = Duration.ofSeconds(3);

    private final UiServices services;
    private final SimpleObjectProperty<SignInViewModel> signIn = new SimpleObjectProperty<>();
    private final SimpleObjectProperty<MainViewModel> main = new SimpleObjectProperty<>();
    private final SimpleObjectProperty<WindowBounds> window = new SimpleObjectProperty<>();

    public StartupViewModel(UiServices services) {
        this.services = services;
    }

    /**
     * Reads settings and the credential store on the background executor, then decides on the FX thread. Until the
     * view says it has {@link #settled()}, a sign-in's history catch-up waits (a few seconds at most), so the window's
     * first frames have the machine to themselves.
     */
    public CompletableFuture<Void> start() {
        if (services.history() != null) {
            services.history().holdWhileUiStarts(LONGEST_HOLD);
        }
        return CompletableFuture.supplyAsync(() -> services.accounts().restore(), services.background())
                .handleAsync((restored, error) -> {
                    window.set(services.accounts().settings().window());
                    if (error != null) {
                        LOG.log(Level.ERROR, "restoring the account failed", error);
                    }
                    if (error != null || restored.account().isEmpty()) {
                        showSignIn();
                    } else {
                        openAccount(restored);
                    }
                    return null;
                }, services.fx());
    }

    private void openAccount(AccountService.Restored restored) {
        AccountSettings account = restored.account().orElseThrow();
        boolean havePassword = restored.password().isPresent();
        MainViewModel vm = showMain(account, havePassword);
        if (havePassword) {
            services.accounts().signInRemembered(account, restored.password().get());
        } else {
            vm.askForPassword(restored.secretStoreNote());
        }
    }

    private void showSignIn() {
        signIn.set(new SignInViewModel(services, null, null, settings -> showMain(settings, true), null));
    }

    private MainViewModel showMain(AccountSettings account, boolean haveCredentials) {
        MainViewModel vm = new MainViewModel(services, account, haveCredentials);
        vm.activate();
        signIn.set(null);
        main.set(vm);
        return vm;
    }

    /** The window has settled after its first showing (its first styling done): history may come in now. */
    public void settled() {
        if (services.history() != null) {
            services.history().uiSettled();
        }
    }

    /** The sign-in screen to show, or null. */
    public ReadOnlyObjectProperty<SignInViewModel> signInProperty() {
        return signIn;
    }

    /** The main window's view model once there is an account, or null. */
    public ReadOnlyObjectProperty<MainViewModel> mainProperty() {
        return main;
    }

    /** Where the window was last time, or null; known after {@link #start()}. */
    public ReadOnlyObjectProperty<WindowBounds> windowProperty() {
        return window;
    }

    /** Saves where the window is and lets go of everything; called when the window closes. */
    public void close(WindowBounds bounds) {
        WindowBounds old = services.accounts().settings().window();
        if (bounds.maximized() && old != null) {
            // keep the size from before maximising, so un-maximising next time goes back there
            bounds = new WindowBounds(old.x(), old.y(), old.width(), old.height(), true);
        }
        services.accounts().saveWindow(bounds);
        if (main.get() != null) {
            main.get().dispose();
        }
    }
}
