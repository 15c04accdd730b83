package im.natter.testsupport.display;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Proves that JavaFX gets a display (our Xvfb unless DISPLAY was already set) and TestFX can click in it. */
@ExtendWith({VirtualDisplayExtension.class, ApplicationExtension.class})
class VirtualDisplayIT {

    private final AtomicInteger clicks = new AtomicInteger();

    @Start
    void start(Stage stage) {
        Button button = new Button("Press me");
        button.setId("press");
        button.setOnAction(event -> clicks.incrementAndGet());
        stage.setScene(new Scene(new StackPane(button), 320, 200));
        stage.show();
    }

    @Test
    void clickReachesTheButton(FxRobot robot) {
        robot.clickOn("#press");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(clicks.get()).isEqualTo(1);
    }

    @Test
    void nativeEnvironmentNamesTheDisplay() {
        String display = VirtualDisplay.current().orElseThrow();
        assertThat(NativeEnvironment.get("DISPLAY")).contains(display);
        if (VirtualDisplay.startedXvfb()) {
            assertThat(ProcessHandle.of(VirtualDisplay.xvfbPid().orElseThrow()).map(ProcessHandle::isAlive))
                    .contains(true);
        }
    }
}
