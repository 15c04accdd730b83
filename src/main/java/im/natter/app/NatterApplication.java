package im.natter.app;

import im.natter.ui.NatterUi;
import java.lang.System.Logger.Level;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

/**
 * The JavaFX application. The composition root is built in {@link #init()}, off the FX thread, before the first
 * window shows; a problem there (no data folder, a damaged archive) is told to the user in words, not a trace.
 */
public final class NatterApplication extends Application {

    private static final System.Logger LOG = System.getLogger(NatterApplication.class.getName());

    private final AppContext.Options injected;
    private AppContext context;
    private String startupProblem;
    private Stage stage;

    /** Used by {@link Launcher}: options come from the command line. */
    public NatterApplication() {
        this(null);
    }

    /** Used by tests: options are given. */
    public NatterApplication(AppContext.Options options) {
        this.injected = options;
    }

    @Override
    public void init() {
        try {
            AppContext.Options options = injected != null ? injected
                    : AppContext.Options.forProduct(getParameters().getRaw().toArray(String[]::new));
            context = AppContext.start(options);
        } catch (Exception e) {
            LOG.log(Level.ERROR, "Natter could not start", e);
            startupProblem = e.getMessage() != null ? e.getMessage() : e.toString();
        }
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        if (context == null) {
            Alert alert = new Alert(Alert.AlertType.ERROR, startupProblem);
            alert.setHeaderText("Natter could not start");
            alert.showAndWait();
            Platform.exit();
            return;
        }
        NatterUi.show(stage, context.ui(Platform::runLater, url -> getHostServices().showDocument(url)));
    }

    @Override
    public void stop() {
        if (stage != null && stage.isShowing()) {
            // hiding first lets the window save its place while the services still run
            stage.hide();
        }
        if (context != null) {
            context.close();
        }
    }

    /** For tests that drive the running application. */
    public AppContext context() {
        return context;
    }
}
