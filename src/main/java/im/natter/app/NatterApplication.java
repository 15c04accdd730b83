package im.natter.app;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application; the composition root builds everything before the first window shows. */
public final class NatterApplication extends Application {

    @Override
    public void start(Stage stage) {
        // wired to AppContext once the xmpp adapters land
        stage.setTitle("Natter");
        stage.show();
    }
}
