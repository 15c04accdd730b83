package im.natter.ui.conversations;

import static im.natter.ui.fx.FxCalls.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import im.natter.domain.model.Address;
import im.natter.domain.model.ConversationKey;
import im.natter.testsupport.display.VirtualDisplayExtension;
import im.natter.testsupport.Eventually;
import im.natter.testsupport.fakes.FakeServices;
import im.natter.ui.chat.ChatFixtures;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Clicking a conversation opens it, and the highlight stays on it when the list re-sorts. */
@ExtendWith({VirtualDisplayExtension.class, ApplicationExtension.class})
class ConversationListViewFxIT {

    private static final Address CAROL = Address.of("carol@example.org");

    private final List<ConversationKey> opened = new CopyOnWriteArrayList<>();
    private ChatFixtures f;
    private ConversationListViewModel vm;
    private ConversationListView view;

    private im.natter.ui.fx.FxFailures failures;

    @Start
    void start(Stage stage) {
        failures = im.natter.ui.fx.FxFailures.watch();
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        f = new ChatFixtures(Platform::runLater);
        f.receive(ChatFixtures.BOB, "hello from bob", null);
        f.fakes.clock.advance(Duration.ofMinutes(1));
        f.receive(CAROL, "hello from carol", null);
        vm = new ConversationListViewModel(f.ui, FakeServices.ALICE, opened::add);
        vm.activate();
        view = new ConversationListView(vm);
        stage.setScene(new Scene(view, 320, 400));
        stage.show();
    }

    @Test
    void clickingARowOpensItAndTheHighlightFollowsItWhenItMoves(FxRobot robot) {
        // the first rows come a few a frame
        Eventually.until("all rows shown", () -> onFx(view::showsAllRows));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.items()).extracting(ConversationListItem::name).containsExactly("carol", "bob");

        robot.clickOn("bob");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(opened).containsExactly(ChatFixtures.WITH_BOB);
        assertThat(vm.selectedProperty().get()).isEqualTo(ChatFixtures.WITH_BOB);

        f.fakes.clock.advance(Duration.ofMinutes(1));
        f.receive(ChatFixtures.BOB, "bob again", null);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.items()).extracting(ConversationListItem::name).containsExactly("bob", "carol");
        assertThat(view.listView().getSelectionModel().getSelectedItem().key()).isEqualTo(ChatFixtures.WITH_BOB);
        assertThat(opened).hasSize(1);
    }

    @Test
    void aFewConversationsMakeACellEachAndNoneForTheRoomBelowThem(FxRobot robot) {
        Eventually.until("all rows shown", () -> onFx(view::showsAllRows));
        WaitForAsyncUtils.waitForFxEvents();

        var cells = robot.lookup(".conversation-cell").queryAllAs(ConversationCell.class);
        assertThat(cells).as("a cell per conversation, no empty ones below and none to measure with").hasSize(2);
        for (ConversationCell cell : cells) {
            var row = (javafx.scene.layout.Region) cell.getGraphic();
            double needed = onFx(() -> row.prefHeight(row.getWidth()) + cell.snappedTopInset()
                    + cell.snappedBottomInset());
            assertThat(needed).as("the row fits its fixed height").isLessThanOrEqualTo(cell.getHeight());
        }
        assertThat(onFx(() -> view.listView().getHeight())).as("the list is as tall as its rows")
                .isEqualTo(2 * view.listView().getFixedCellSize());
    }

    @Test
    void longHebrewAndArabicPreviewsShowWithoutFailing(FxRobot robot) {
        Eventually.until("all rows shown", () -> onFx(view::showsAllRows));
        String hebrew = "שלום, רציתי לספר לך שהפגישה של מחר עברה לשעה שלוש אחרי הצהריים בחדר הגדול";
        String arabic = "مرحبا، أردت أن أخبرك أن اجتماع الغد قد تم نقله إلى الساعة الثالثة بعد الظهر";
        f.fakes.clock.advance(Duration.ofMinutes(1));
        f.receive(ChatFixtures.BOB, hebrew, null);
        f.fakes.clock.advance(Duration.ofMinutes(1));
        f.receive(CAROL, arabic + "\n" + hebrew, null);
        WaitForAsyncUtils.waitForFxEvents();

        var previews = robot.lookup(".conversation-preview").queryAllAs(javafx.scene.control.Label.class).stream()
                .map(javafx.scene.control.Label::getText).toList();
        assertThat(previews).anySatisfy(p -> assertThat(p).startsWith(arabic.substring(0, 20)));
        assertThat(previews).anySatisfy(p -> assertThat(p).startsWith(hebrew.substring(0, 20)));
        failures.assertNone();

        robot.interact(() -> view.getScene().getWindow().setWidth(260));
        failures.assertNone();
    }
}
