package im.natter.ui.shell;

import static im.natter.ui.fx.FxCalls.onFx;
import static im.natter.testsupport.fakes.FakeServices.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Availability;
import im.natter.domain.model.Contact;
import im.natter.domain.model.PresenceStatus;
import im.natter.domain.model.Subscription;
import im.natter.domain.model.Address;
import im.natter.domain.model.ConversationKey;
import im.natter.testsupport.display.VirtualDisplayExtension;
import im.natter.ui.fx.DemoData;
import im.natter.ui.fx.Theme;
import im.natter.ui.fx.UiFixture;
import im.natter.ui.roster.ContactListItem;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import im.natter.testsupport.Eventually;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith({VirtualDisplayExtension.class, ApplicationExtension.class})
class MainWindowFxIT {

    private final UiFixture ui = UiFixture.direct();
    private MainViewModel vm;
    private MainWindow window;

    private im.natter.ui.fx.FxFailures failures;

    @Start
    void start(Stage stage) {
        failures = im.natter.ui.fx.FxFailures.watch();
        Theme.applyBase();
        vm = new MainViewModel(ui.services, new AccountSettings(ALICE, "natter-t", null, false, List.of()), true);
        vm.activate();
        DemoData.roster(ui.fakes);
        window = newWindow();
        Scene scene = new Scene(window, 1100, 720);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void showsTheRosterWithRequestsAndOpensAChatOnDoubleClick(FxRobot robot) {
        // a pending request switches to the Contacts tab and shows a badge
        assertThat(window.tabs().getSelectionModel().getSelectedItem()).isSameAs(window.contactsTab());
        assertThat(robot.lookup("#requests-badge").queryAs(Label.class).getText()).isEqualTo("1");
        assertThat(robot.lookup("#accept-zoe-example-org").tryQuery()).isPresent();

        @SuppressWarnings("unchecked")
        ListView<Object> list = robot.lookup("#roster-list").queryAs(ListView.class);
        assertThat(list.getItems()).filteredOn(ContactListItem.class::isInstance).hasSize(7);
        robot.doubleClickOn("Bob Builder");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.openKeyProperty().get()).isEqualTo(ConversationKey.chat(ALICE, Address.of("bob@example.org")));
        assertThat(robot.lookup("#chat-bob-example-org").queryAs(Label.class).getText())
                .isEqualTo("Chat with Bob Builder");
    }

    @Test
    void acceptingARequestRemovesItAndTheBadge(FxRobot robot) {
        robot.clickOn("#accept-zoe-example-org");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ui.fakes.xmpp.rosterActions()).contains("approve zoe@example.org");
        assertThat(robot.lookup("#accept-zoe-example-org").tryQuery()).isEmpty();
        assertThat(window.contactsTab().getGraphic()).isNull();
    }

    @Test
    void startsAChatFromTheAddressField(FxRobot robot) {
        robot.clickOn("#start-chat").write("nobody");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#start-chat-error").queryAs(Label.class).isVisible()).isTrue();

        robot.write("@example.org");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#chat-nobody-example-org").tryQuery())
                .as("field '%s', error '%s'", window.startChatField().getText(), vm.startChatErrorProperty().get())
                .isPresent();
    }

    @Test
    void hebrewAndArabicNamesAndStatusTextsShowInTheRosterWithoutFailing(FxRobot robot) {
        String status = "בחופשה עד סוף החודש, אפשר לכתוב לי אבל אני אענה רק כשאחזור הביתה";
        robot.interact(() -> pushHebrewAndArabic(status));
        WaitForAsyncUtils.waitForFxEvents();

        var texts = robot.lookup(".contact-status").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertThat(texts).contains(status);
        failures.assertNone();
        robot.interact(() -> window.getScene().getWindow().setWidth(800));
        failures.assertNone();
    }

    @Test
    void unfoldsAPartAFrameThenRunsWhatComesAfter(FxRobot robot) {
        AtomicInteger after = new AtomicInteger();
        MainWindow[] folded = new MainWindow[1];
        robot.interact(() -> {
            folded[0] = showUnfolding(after);
            // taken off at once, so that the window's first frame styles only its frame
            assertThat(folded[0].isWhole()).isFalse();
            assertThat(folded[0].lookup("#own-name")).isNull();
            assertThat(folded[0].lookup("#start-chat")).isNull();
        });
        Eventually.until("the window whole", () -> onFx(folded[0]::isWhole));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(after.get()).isEqualTo(1);
        assertThat(robot.lookup("#own-name").tryQuery()).isPresent();
        assertThat(robot.lookup("#start-chat").tryQuery()).isPresent();
        assertThat(robot.lookup("#connection-text").tryQuery()).isPresent();
        assertThat(robot.lookup("#roster-list").tryQuery()).isPresent();
        assertThat(robot.lookup("conversation list").tryQuery()).isPresent();
        // the side column in the order it was made
        assertThat(folded[0].tabs().getParent().getChildrenUnmodifiable()).hasSize(3).last()
                .isSameAs(folded[0].tabs());
    }

    @Test
    void aConversationOpenedWhileUnfoldingShowsAndTheWindowStillComesWhole(FxRobot robot) {
        AtomicInteger after = new AtomicInteger();
        MainWindow[] folded = new MainWindow[1];
        robot.interact(() -> {
            folded[0] = showUnfolding(after);
            vm.open(ConversationKey.chat(ALICE, Address.of("bob@example.org")));
        });
        assertThat(robot.lookup("#chat-bob-example-org").tryQuery()).isPresent();
        Eventually.until("the window whole", () -> onFx(folded[0]::isWhole));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(after.get()).isEqualTo(1);
        assertThat(robot.lookup("#start-chat").tryQuery()).isPresent();
        assertThat(robot.lookup("#chat-bob-example-org").tryQuery()).isPresent();
    }

    /** A new window in place of the test's, unfolding; {@code after} counts the runs of what comes after. */
    private MainWindow showUnfolding(AtomicInteger after) {
        MainWindow folded = newWindow();
        window.getScene().setRoot(folded);
        folded.unfold(after::incrementAndGet);
        return folded;
    }

    private MainWindow newWindow() {
        return new MainWindow(vm, new StackPane(new Label("conversation list")), key -> {
            Label chat = new Label("Chat with " + vm.displayNameOf(key.peer()));
            chat.setId("chat-" + key.peer().value().replaceAll("[^a-z0-9]", "-"));
            return new StackPane(chat);
        });
    }

    private void pushHebrewAndArabic(String status) {
        // the fakes deliver on the calling thread here, so this runs on the FX thread
        ui.fakes.xmpp.pushRoster(ALICE, List.of(
                new Contact(Address.of("noa@example.org"), "נועה כהן מהמשרד בתל אביב", Subscription.BOTH, false,
                        List.of("Friends")),
                new Contact(Address.of("layla@example.org"), "ليلى من فريق التصميم في القاهرة", Subscription.BOTH,
                        false, List.of("Work"))));
        ui.fakes.xmpp.presence(ALICE, Address.of("noa@example.org"), "phone",
                new PresenceStatus(Availability.AWAY, status));
        ui.fakes.xmpp.presence(ALICE, Address.of("layla@example.org"), "phone", new PresenceStatus(
                Availability.AVAILABLE, "أعمل على التصميم الجديد طوال اليوم، سأرد على الرسائل في المساء"));
    }
}
