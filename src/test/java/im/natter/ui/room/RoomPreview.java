package im.natter.ui.room;

import atlantafx.base.theme.PrimerLight;
import im.natter.ui.fx.Theme;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * A look at the tea room over the fakes, for screenshots under Xvfb: its people, and enough talk to fill the
 * timeline. Not a test.
 */
public final class RoomPreview {

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    public static final class App extends Application {

        @Override
        public void start(Stage stage) {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            var f = new RoomFixtures(Platform::runLater);
            f.joinTea();
            String[] who = {"Bob", "carol", "Dave", "eve"};
            for (int i = 0; i < 40; i++) {
                f.says(who[i % who.length], "message " + i + ": " + (i % 5 == 0
                        ? "a longer one that wraps over more than one line, as some do in any room where people talk"
                        : "short"));
            }
            var vm = new RoomViewModel(f.chat.ui, RoomFixtures.TEA_KEY, 3, key -> { });
            vm.activate();
            var scene = new Scene(new RoomView(vm), 1100, 720);
            Theme.style(scene);
            stage.setScene(scene);
            stage.setTitle("Natter room preview");
            stage.show();
        }
    }
}
