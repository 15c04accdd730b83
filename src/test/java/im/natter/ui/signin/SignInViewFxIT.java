package im.natter.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.ConnectionProblem;
import im.natter.testsupport.display.VirtualDisplayExtension;
import im.natter.ui.fx.DemoData;
import im.natter.ui.fx.Theme;
import im.natter.ui.fx.UiFixture;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith({VirtualDisplayExtension.class, ApplicationExtension.class})
class SignInViewFxIT {

    private final UiFixture ui = UiFixture.direct();
    private final List<AccountSettings> signedIn = new ArrayList<>();
    private SignInView view;

    @Start
    void start(Stage stage) {
        Theme.applyBase();
        view = new SignInView(new SignInViewModel(ui.services, null, null, signedIn::add, null));
        Scene scene = new Scene(view, 900, 700);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aBadAddressIsExplainedNextToTheField(FxRobot robot) {
        robot.clickOn("#sign-in-address").write("alice");
        robot.clickOn("#sign-in-password").write("secret");
        robot.clickOn("#sign-in-button");
        WaitForAsyncUtils.waitForFxEvents();

        Label error = robot.lookup("#address-error").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).isEqualTo("An address needs an @, as in alice@example.org.");
        assertThat(ui.fakes.xmpp.connectCalls()).isZero();
    }

    @Test
    void aWrongPasswordIsShownInWordsAndTheFormKeepsWhatWasTyped(FxRobot robot) {
        ui.fakes.xmpp.failNextConnect(ConnectionProblem.of(ConnectionProblem.Kind.WRONG_CREDENTIALS,
                "The server did not accept this password."));
        robot.clickOn("#sign-in-address").write("alice@example.org");
        robot.clickOn("#sign-in-password").write("wrong");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#sign-in-error").queryAs(Label.class).getText())
                .isEqualTo("The address or password is not right.");
        assertThat(view.addressField().getText()).isEqualTo("alice@example.org");
        assertThat(signedIn).isEmpty();
    }

    @Test
    void anUntrustedCertificateIsExplainedAndCanBeTrustedExactly(FxRobot robot) {
        ui.fakes.xmpp.failNextConnect(new ConnectionProblem(ConnectionProblem.Kind.UNTRUSTED_CERTIFICATE,
                "The server's certificate is not trusted.", DemoData.certificate()));
        robot.clickOn("#sign-in-address").write("alice@example.org");
        robot.clickOn("#sign-in-password").write("secret");
        robot.clickOn("#sign-in-button");
        WaitForAsyncUtils.waitForFxEvents();

        TextArea fingerprint = robot.lookup("#certificate-fingerprint").queryAs(TextArea.class);
        assertThat(fingerprint.getText().replace("\n", "")).isEqualTo(DemoData.FINGERPRINT);
        assertThat(fingerprint.isEditable()).isFalse();
        robot.clickOn("#certificate-trust");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(signedIn).hasSize(1);
        assertThat(signedIn.getFirst().trustedFingerprints()).containsExactly(DemoData.FINGERPRINT);
    }
}
