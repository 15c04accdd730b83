package im.natter.ui;

import static im.natter.ui.fx.FxCalls.onFx;
import static im.natter.testsupport.fakes.FakeServices.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.Bookmark;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.RoomInvitation;
import im.natter.testsupport.Eventually;
import im.natter.testsupport.display.Screenshots;
import im.natter.testsupport.display.VirtualDisplayExtension;
import im.natter.testsupport.fakes.FakeRooms;
import im.natter.ui.form.DataFormView;
import im.natter.ui.form.DataFormViewModel;
import im.natter.ui.form.DataFormViewModelTest;
import im.natter.ui.fx.DemoData;
import im.natter.ui.fx.FxFailures;
import im.natter.ui.fx.Theme;
import im.natter.ui.fx.UiFixture;
import im.natter.ui.room.RoomFixtures;
import im.natter.ui.shell.MainViewModel;
import im.natter.ui.shell.MainWindow;
import java.time.Duration;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window with rooms: in the list, open, invited to, joined from the + button; pictures of each. */
@ExtendWith({VirtualDisplayExtension.class, ApplicationExtension.class})
class RoomScreensFxIT {

    private static final Address TEA = RoomFixtures.TEA;
    private static final ConversationKey TEA_KEY = RoomFixtures.TEA_KEY;
    private static final Address BOOKS = Address.of("books@rooms.example.org");

    private final UiFixture ui = UiFixture.direct();
    private MainViewModel vm;
    private Stage stage;
    private FxFailures failures;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        failures = FxFailures.watch();
        Theme.applyBase();
        var f = ui.fakes;
        f.connections.signIn(new AccountSettings(ALICE, "r", null, false, List.of()), "pw".toCharArray()).join();
        DemoData.roster(f);
        f.fakeBookmarks.changeElsewhere(ALICE, List.of(new Bookmark(BOOKS, "Book club", "alice", null, false)));
        f.fakeRooms.setOccupants(TEA, RoomFixtures.people());
        f.fakeRooms.setSubject(TEA, "Tea, biscuits and the odd cake \u2014 all welcome, be kind");
        f.rooms.join(ALICE, TEA, "alice", null).join();
        String[] lines = {"Bob", "Morning all! The kettle is on.", "Bob", "Who wants Earl Grey?",
            "carol", "Me please. And is there any of that lemon cake left from yesterday?",
            "Dave", "alice: you promised scones \ud83d\ude42", "eve", "just lurking"};
        for (int i = 0; i < lines.length; i += 2) {
            f.clock.advance(Duration.ofSeconds(40));
            f.fakeRooms.receive(FakeRooms.groupchat(ALICE, TEA, lines[i], "occ-" + lines[i], lines[i + 1],
                    "m" + i, "s" + i));
        }
        vm = new MainViewModel(ui.services, new AccountSettings(ALICE, "r", null, false, List.of()), true);
        vm.activate();
        var views = new ConversationViews();
        var list = views.conversationList(ui.services, vm);
        var window = new MainWindow(vm, list, key -> views.chat(ui.services, vm, key));
        Scene scene = new Scene(window, 1200, 760);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void roomsSitInTheListAndOpenWithTheirPeopleAndMenu(FxRobot robot) {
        robot.clickOn("#chats-tab");
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ListView<im.natter.ui.conversations.ConversationListItem> list =
                robot.lookup("#conversation-list").queryAs(ListView.class);
        // the list's first rows come a few a frame
        Eventually.until("both rooms listed", () -> onFx(() -> list.getItems().stream()
                .map(i -> i.name()).toList()).containsAll(List.of("A room", "Book club")));

        robot.clickOn("A room");
        // the room's timeline and people come a frame each after its header
        Eventually.until("the room view whole", () -> onFx(() -> robot.lookup(".room-view")
                .tryQueryAs(im.natter.ui.room.RoomView.class).map(im.natter.ui.room.RoomView::isWhole).orElse(false)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.openKeyProperty().get()).isEqualTo(TEA_KEY);
        assertThat(robot.lookup("#room-title").queryAs(Label.class).getText()).isEqualTo("A room");
        Screenshots.take("rooms-main");

        robot.clickOn("#room-menu");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("Change nickname\u2026").tryQuery()).isPresent();
        assertThat(robot.lookup("Room settings\u2026").tryQuery()).isEmpty();
        Screenshots.take("rooms-menu");
        robot.type(javafx.scene.input.KeyCode.ESCAPE);

        robot.rightClickOn(robot.lookup(".occupant-nick").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().equals("Dave") && l.isVisible()).findFirst().orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("Send a private message").tryQuery()).isPresent();
        Screenshots.take("rooms-occupant-menu");
        robot.clickOn("Send a private message");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.openKeyProperty().get())
                .isEqualTo(new ConversationKey(ALICE, Address.occupant(TEA, "Dave"), ConversationKind.ROOM_PRIVATE));
        failures.assertNone();
    }

    @Test
    void anInvitationShowsAcrossTheWindowAndJoiningOpensTheRoom(FxRobot robot) {
        robot.interact(() -> ui.fakes.fakeRooms.invitation(new RoomInvitation(ALICE, BOOKS,
                Address.of("bob@example.org"), "We start chapter 3 tonight", null, true)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#invitation-text").queryAs(Label.class).getText())
                .isEqualTo("bob@example.org invites you to books@rooms.example.org: \u201cWe start chapter 3 tonight\u201d");
        Screenshots.take("rooms-invitation");

        robot.clickOn("#invitation-accept");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.openKeyProperty().get()).isEqualTo(new ConversationKey(ALICE, BOOKS, ConversationKind.ROOM));
        assertThat(robot.lookup("#invitation-bar").query().isVisible()).isFalse();
        failures.assertNone();
    }

    @Test
    void theJoinButtonCreatesARoomAndOffersToSetItUp(FxRobot robot) {
        Address garden = Address.of("garden@rooms.example.org");
        ui.fakes.fakeRooms.createNext(garden);
        robot.clickOn("#join-room");
        robot.clickOn("#join-address").write(garden.value());
        robot.clickOn("#join-button");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#join-open-now").tryQuery()).isPresent();
        Screenshots.take("rooms-created");

        robot.clickOn("#join-open-now");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.openKeyProperty().get()).isEqualTo(new ConversationKey(ALICE, garden, ConversationKind.ROOM));
        assertThat(ui.fakes.fakeRooms.calls()).contains("create-instant " + garden);
        failures.assertNone();
    }

    @Test
    void settingUpANewRoomSendsTheFormAndClosesOnlyWhenTheRoomTookIt(FxRobot robot) {
        Address garden = Address.of("garden@rooms.example.org");
        ui.fakes.fakeRooms.createNext(garden);
        robot.clickOn("#join-room");
        robot.clickOn("#join-address").write(garden.value());
        robot.clickOn("#join-button");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#join-configure");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#room-config-save").tryQuery()).isPresent();

        robot.clickOn("#room-config-save");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ui.fakes.fakeRooms.calls()).contains("submit-configuration " + garden);
        assertThat(robot.lookup("#room-config-save").tryQuery()).as("the dialog closed").isEmpty();
        failures.assertNone();
    }

    @Test
    void aRoomConfigurationFormReadsAsARealForm(FxRobot robot) {
        robot.interact(() -> {
            var form = new DataFormViewModel(DataFormViewModelTest.roomConfig());
            Dialog<Void> d = new Dialog<>();
            d.initOwner(stage);
            d.setTitle("Room settings");
            var view = new DataFormView(form);
            view.setPrefSize(480, 620);
            d.getDialogPane().setContent(view);
            d.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ButtonType.OK);
            d.getDialogPane().getStylesheets().addAll(stage.getScene().getStylesheets());
            d.getDialogPane().getStylesheets().add(
                    RoomScreensFxIT.class.getResource("/im/natter/ui/room.css").toExternalForm());
            d.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("Keep the room when everyone has left").tryQuery()).isPresent();
        javafx.scene.Node secret = robot.lookup("#form-muc-roomconfig_roomsecret").query();
        assertThat(secret instanceof javafx.scene.control.PasswordField).isTrue();
        Screenshots.take("rooms-form");
        failures.assertNone();
    }
}
