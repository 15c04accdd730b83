package im.natter.ui.chat;

import static im.natter.ui.fx.FxCalls.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import im.natter.testsupport.Eventually;
import im.natter.testsupport.display.VirtualDisplayExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Opening a conversation with a long history: the view's frame comes first and its rows a few a frame after it,
 * from the newest up, so no frame styles a whole screenful of new rows; once all are in, it is the view as always.
 */
@ExtendWith({VirtualDisplayExtension.class, ApplicationExtension.class})
class ChatViewOpeningFxIT {

    private StackPane host;
    private ChatFixtures f;
    private im.natter.ui.fx.FxFailures failures;

    @Start
    void start(Stage stage) {
        failures = im.natter.ui.fx.FxFailures.watch();
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        f = new ChatFixtures(Platform::runLater);
        host = new StackPane(new Label("Select a conversation"));
        Instant now = Instant.parse("2026-03-02T12:00:00Z");
        for (int i = 0; i < 60; i++) {
            f.receive(ChatFixtures.BOB, "message " + i, now.plusSeconds(i * 60L));
        }
        stage.setScene(new Scene(host, 800, 600));
        stage.show();
    }

    @Test
    void rowsComeAFewAFrameAfterTheFrameThenTheViewIsAsAlways(FxRobot robot) {
        ChatView[] view = new ChatView[1];
        ChatViewModel[] vm = new ChatViewModel[1];
        List<Integer> rowsPerLayout = new ArrayList<>();
        List<Boolean> composerPerLayout = new ArrayList<>();
        Runnable watch = () -> {
            if (view[0] != null && view[0].getScene() != null) {
                rowsPerLayout.add(filledRows(view[0]));
                composerPerLayout.add(view[0].messageInput().getScene() != null);
            }
        };
        robot.interact(() -> {
            host.getScene().addPostLayoutPulseListener(watch);
            vm[0] = new ChatViewModel(f.ui, ChatFixtures.WITH_BOB);
            vm[0].activate();
            view[0] = new ChatView(vm[0]);
            host.getChildren().setAll(view[0]);
        });

        Eventually.until("the first page's rows are all in the list", () -> onFx(() -> vm[0].loadedProperty().get()
                && view[0].messageList().getItems().size() == vm[0].items().size()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> host.getScene().removePostLayoutPulseListener(watch));

        assertThat(rowsPerLayout.getFirst()).as("rows in the view's first frame").isZero();
        assertThat(composerPerLayout.getFirst()).as("composer in the view's first frame").isFalse();
        for (int i = 1; i < rowsPerLayout.size(); i++) {
            assertThat(rowsPerLayout.get(i) - rowsPerLayout.get(i - 1)).as("new rows in frame %d", i)
                    .isLessThanOrEqualTo(5);
        }
        assertThat(rowsPerLayout.getLast()).as("a screenful of rows").isGreaterThan(5);
        assertThat(onFx(() -> lastRowIsNewestAndWhollyInView(view[0]))).isTrue();
        assertThat(onFx(() -> view[0].messageInput().isFocused())).as("the composer has the keyboard").isTrue();
        // the top row of the list, not of the rows let in first, carries the place for "Beginning of the conversation"
        robot.interact(() -> view[0].messageList().scrollTo(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> robot.lookup(".message-root").queryAll().stream()
                .filter(n -> n.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("first")))
                .filter(javafx.scene.Node::isVisible).count())).isLessThanOrEqualTo(1L);
        failures.assertNone();
    }

    @Test
    void theFirstRowsOfAnEmptyConversationComeAFewAFrameWhenTheyArrive(FxRobot robot) {
        var carol = im.natter.domain.model.Address.of("carol@example.org");
        ChatView[] view = new ChatView[1];
        ChatViewModel[] vm = new ChatViewModel[1];
        robot.interact(() -> {
            vm[0] = new ChatViewModel(f.ui, im.natter.domain.model.ConversationKey.chat(
                    im.natter.testsupport.fakes.FakeServices.ALICE, carol));
            vm[0].activate();
            view[0] = new ChatView(vm[0]);
            host.getChildren().setAll(view[0]);
        });
        Eventually.until("the empty chat is open", () -> onFx(() -> view[0].isOpenedFully()));
        List<Integer> rowsPerLayout = new ArrayList<>();
        Runnable watch = () -> rowsPerLayout.add(filledRows(view[0]));
        Instant now = Instant.parse("2026-03-02T12:00:00Z");

        // a page of history at once, as a room's first page arrives just after entering it
        robot.interact(() -> {
            host.getScene().addPostLayoutPulseListener(watch);
            for (int i = 0; i < 40; i++) {
                f.receive(carol, "page " + i, now.plusSeconds(i * 60L));
            }
        });
        Eventually.until("the page's rows are all in the list", () -> onFx(() -> vm[0].items().size() == 40
                && view[0].messageList().getItems().size() == 40));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> host.getScene().removePostLayoutPulseListener(watch));

        rowsPerLayout.addFirst(0);
        for (int i = 1; i < rowsPerLayout.size(); i++) {
            assertThat(rowsPerLayout.get(i) - rowsPerLayout.get(i - 1)).as("new rows in frame %d", i)
                    .isLessThanOrEqualTo(5);
        }
        assertThat(rowsPerLayout.getLast()).as("a screenful of rows").isGreaterThan(5);
        assertThat(onFx(() -> view[0].isOpenedFully())).isTrue();
        assertThat(onFx(() -> lastRowIsWhollyInView(view[0], "page 39"))).isTrue();
        failures.assertNone();
    }

    private static int filledRows(ChatView view) {
        return (int) view.messageList().lookupAll(".message-cell").stream()
                .filter(c -> c instanceof ListCell<?> cell && !cell.isEmpty() && cell.isVisible()).count();
    }

    private static boolean lastRowIsNewestAndWhollyInView(ChatView view) {
        return lastRowIsWhollyInView(view, "message 59");
    }

    private static boolean lastRowIsWhollyInView(ChatView view, String body) {
        var flow = (VirtualFlow<?>) view.messageList().lookup(".virtual-flow");
        var last = flow.getLastVisibleCell();
        return last != null && last.getItem() instanceof MessageListItem item
                && item.message().body().equals(body)
                && Math.abs(last.getLayoutY() + last.getHeight() - flow.getViewportLength()) <= 0.5;
    }
}
