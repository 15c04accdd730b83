package im.natter.ui.room;

import static im.natter.ui.fx.FxCalls.onFx;
import static im.natter.ui.room.RoomFixtures.TEA;
import static im.natter.ui.room.RoomFixtures.TEA_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import im.natter.testsupport.Eventually;
import im.natter.testsupport.display.Screenshots;
import im.natter.testsupport.display.VirtualDisplayExtension;
import im.natter.testsupport.fakes.FakeServices;
import im.natter.ui.chat.MessageListItem;
import im.natter.ui.fx.FxFailures;
import im.natter.ui.fx.Theme;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A room as a user sees it: join it, write in it, see who is there, see who called them. */
@ExtendWith({VirtualDisplayExtension.class, ApplicationExtension.class})
class RoomViewFxIT {

    private RoomFixtures f;
    private Stage stage;
    private StackPane host;
    private FxFailures failures;

    @Start
    void start(Stage stage) {
        failures = FxFailures.watch();
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        this.stage = stage;
        f = new RoomFixtures(Platform::runLater);
        host = new StackPane();
        Scene scene = new Scene(host, 1000, 640);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    private RoomView showRoom(FxRobot robot) {
        RoomView[] view = new RoomView[1];
        robot.interact(() -> {
            var vm = new RoomViewModel(f.chat.ui, TEA_KEY, 0, f.opened::add);
            vm.activate();
            view[0] = new RoomView(vm);
            host.getChildren().setAll(view[0]);
        });
        // its timeline and its people come a frame each after its header
        Eventually.until("the room view whole", () -> onFx(view[0]::isWhole));
        WaitForAsyncUtils.waitForFxEvents();
        return view[0];
    }

    @Test
    void joiningARoomThroughTheDialogOpensIt(FxRobot robot) {
        robot.interact(() -> new JoinRoomDialog(new JoinRoomViewModel(f.chat.ui, FakeServices.ALICE, f.opened::add),
                stage).show());
        robot.clickOn("#join-address").write(TEA.value());
        assertThat(robot.lookup("#join-nick").queryTextInputControl().getText()).isEqualTo("alice");
        Screenshots.take("room-join-dialog");
        robot.clickOn("#join-button");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(f.opened).containsExactly(TEA_KEY);
        assertThat(f.fakes.rooms.room(FakeServices.ALICE, TEA).orElseThrow().isJoined()).isTrue();
        assertThat(robot.lookup("#join-address").tryQuery()).isEmpty();
        failures.assertNone();
    }

    @Test
    void aTakenNicknameIsExplainedWithOneToUseInstead(FxRobot robot) {
        f.fakes.fakeRooms.failNextJoin(im.natter.domain.model.RoomProblem.NICK_TAKEN);
        robot.interact(() -> new JoinRoomDialog(new JoinRoomViewModel(f.chat.ui, FakeServices.ALICE, f.opened::add),
                stage).show());
        robot.clickOn("#join-address").write(TEA.value());
        robot.clickOn("#join-button");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#join-error").queryAs(Label.class).getText())
                .startsWith("Someone in the room already uses that nickname.");
        Screenshots.take("room-join-nick-taken");
        robot.clickOn("#join-suggestion");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.fakes.fakeRooms.joinRequests().getLast().nick()).isEqualTo("alice2");
        assertThat(f.opened).containsExactly(TEA_KEY);
    }

    @Test
    void aMessageWrittenInTheRoomIsSentToTheRoomAndShown(FxRobot robot) {
        f.joinTea();
        RoomView view = showRoom(robot);

        robot.clickOn("#message-input").write("Hello, tea room");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(f.fakes.fakeRooms.sent()).anyMatch(m -> m.body().equals("Hello, tea room")
                && m.to().equals(TEA));
        var items = view.chatView().messageList().getItems();
        assertThat(items).extracting(i -> i.message().body()).containsExactly("Hello, tea room");
        assertThat(items.getFirst().isOutgoing()).isTrue();
        assertThat(robot.lookup("#message-input").queryTextInputControl().getText()).isEmpty();
        failures.assertNone();
    }

    @Test
    void tabCompletesANicknameInTheComposer(FxRobot robot) {
        f.joinTea();
        showRoom(robot);

        robot.clickOn("#message-input").write("ca");
        robot.type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#message-input").queryTextInputControl().getText()).isEqualTo("carol, ");
    }

    @Test
    void thePeopleAreListedGroupedByRoleWithTheirBadges(FxRobot robot) {
        f.joinTea();
        showRoom(robot);

        var headings = robot.lookup(".occupant-heading").queryAllAs(Label.class).stream()
                .filter(Node::isVisible).map(Label::getText).toList();
        assertThat(headings).containsExactly("Moderators  \u00b7  1", "Participants  \u00b7  3", "Visitors  \u00b7  1");
        var nicks = robot.lookup(".occupant-nick").queryAllAs(Label.class).stream()
                .filter(l -> l.getParent() != null && l.getParent().isVisible() && l.getScene() != null
                        && !l.getText().isEmpty())
                .map(Label::getText).toList();
        assertThat(nicks).containsSubsequence("Bob", "alice", "carol", "Dave", "eve");
        var badges = robot.lookup(".affiliation-badge").queryAllAs(Label.class).stream()
                .filter(Node::isVisible).map(Label::getText).toList();
        assertThat(badges).contains("Owner", "Member");
        assertThat(robot.lookup("#people-toggle").queryLabeled().getText()).isEqualTo("5");
        // three headings and five people, all of one height: a cell each, none below them or to measure with
        var cells = robot.lookup(".occupant-cell").queryAllAs(ListCell.class);
        assertThat(cells).hasSize(8);
        for (ListCell<?> cell : cells) {
            var row = (Region) cell.getGraphic();
            double needed = onFx(() -> row.prefHeight(-1) + cell.snappedTopInset() + cell.snappedBottomInset());
            assertThat(needed).as("a row fits its fixed height").isLessThanOrEqualTo(cell.getHeight());
        }
        failures.assertNone();
    }

    @Test
    void aMessageThatNamesTheUserIsHighlighted(FxRobot robot) {
        f.joinTea();
        showRoom(robot);

        f.says("Bob", "Morning everyone, the kettle is on");
        f.says("Bob", "alice: you wanted the Earl Grey?");
        f.says("carol", "malice aforethought is not about you");
        WaitForAsyncUtils.waitForFxEvents();

        var bubbles = robot.lookup(".bubble").queryAll().stream().filter(Node::isVisible).toList();
        PseudoClass mention = PseudoClass.getPseudoClass("mention");
        var highlighted = bubbles.stream().filter(b -> b.getPseudoClassStates().contains(mention))
                .map(b -> ((javafx.scene.layout.VBox) b).lookup(".message-text"))
                .map(t -> t.lookupAll(".message-run").stream().map(n -> ((javafx.scene.text.Text) n).getText())
                        .reduce("", String::concat))
                .toList();
        assertThat(highlighted).containsExactly("alice: you wanted the Earl Grey?");
        var senders = robot.lookup(".message-sender").queryAllAs(Label.class).stream().filter(Node::isVisible)
                .map(Label::getText).toList();
        assertThat(senders).containsExactly("Bob", "carol");
        // each name in its XEP-0392 colour, which the theme's label colour does not override
        var colours = robot.lookup(".message-sender").queryAllAs(Label.class).stream().filter(Node::isVisible)
                .map(l -> l.getText() + " " + hex((javafx.scene.paint.Color) l.getTextFill())).toList();
        assertThat(colours).containsExactly("Bob " + im.natter.ui.fx.ConsistentColor.css("Bob", false),
                "carol " + im.natter.ui.fx.ConsistentColor.css("carol", false));
        Screenshots.take("room-view");
        failures.assertNone();
    }

    private static String hex(javafx.scene.paint.Color c) {
        return String.format("#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }

    @Test
    void theNewSinceLineShowsAboveWhatCameWhileAway(FxRobot robot) {
        f.joinTea();
        f.says("Bob", "earlier");
        f.fakes.conversations.markRead(TEA_KEY).join();
        f.says("carol", "new one");
        f.says("Dave", "and another");
        RoomView[] view = new RoomView[1];
        robot.interact(() -> {
            var vm = new RoomViewModel(f.chat.ui, TEA_KEY, 2, f.opened::add);
            vm.activate();
            view[0] = new RoomView(vm);
            host.getChildren().setAll(view[0]);
        });
        Eventually.until("the room view whole", () -> onFx(view[0]::isWhole));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(view[0].chatView().messageList().getItems()).extracting(MessageListItem::divider)
                .containsExactly(null, "2 new since you were last here", null);
        assertThat(robot.lookup(".new-divider-text").queryAllAs(Label.class).stream().filter(Node::isVisible)
                .map(Label::getText)).contains("2 new since you were last here");
        Screenshots.take("room-new-since");
    }
}
