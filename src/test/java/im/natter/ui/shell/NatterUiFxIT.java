package im.natter.ui.shell;

import static im.natter.ui.fx.FxCalls.onFx;
import static im.natter.testsupport.fakes.FakeServices.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.Contact;
import im.natter.domain.model.Subscription;
import im.natter.testsupport.Eventually;
import im.natter.testsupport.display.VirtualDisplayExtension;
import im.natter.ui.NatterUi;
import im.natter.ui.fx.UiFixture;
import java.util.List;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Start-up as the app does it: a saved account with a remembered password opens the main window, online. */
@ExtendWith({VirtualDisplayExtension.class, ApplicationExtension.class})
class NatterUiFxIT {

    private final UiFixture ui = UiFixture.withAccount(
            new AccountSettings(ALICE, "natter-t", null, true, List.of()), true, false);
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        ui.fakes.secrets.savePassword(ALICE, "pw".toCharArray());
        ui.fakes.archive.replaceRoster(ALICE, List.of(new Contact(Address.of("bob@example.org"), "Bob",
                Subscription.BOTH, false, List.of())));
        NatterUi.show(stage, ui.services);
    }

    @Test
    void opensTheMainWindowFromTheArchiveSignsInAndSavesTheWindowOnClose(FxRobot robot) {
        // the window comes a part a frame
        Eventually.until("the main window whole", () -> onFx(() ->
                stage.getScene().getRoot() instanceof MainWindow window && window.isWhole()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#own-address").queryAs(Label.class).getText()).isEqualTo("alice@example.org");
        assertThat(robot.lookup("#connection-text").queryAs(Label.class).getText()).isEqualTo("Online");
        robot.clickOn("Contacts");
        assertThat(robot.lookup("Bob").tryQuery()).isPresent();
        assertThat(stage.getTitle()).contains("alice@example.org");

        robot.interact(stage::close);
        assertThat(ui.fakes.settings.current().window()).isNotNull();
        assertThat(ui.fakes.settings.current().window().width()).isEqualTo(stage.getWidth());
    }
}
