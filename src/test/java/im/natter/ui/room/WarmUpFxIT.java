package im.natter.ui.room;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import im.natter.testsupport.Eventually;
import im.natter.testsupport.display.VirtualDisplayExtension;
import im.natter.ui.chat.ChatWarmUp;
import im.natter.ui.conversations.ConversationListWarmUp;
import im.natter.ui.fx.FxFailures;
import im.natter.ui.fx.IdleWarmUp;
import im.natter.ui.fx.Theme;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The idle warm-up of the chat and room views: its samples go into the window hidden, grow a step a frame, and
 * leave; the user's typing is never interrupted, and opening a conversation stops it at once.
 */
@ExtendWith({VirtualDisplayExtension.class, ApplicationExtension.class})
class WarmUpFxIT {

    private RoomFixtures f;
    private StackPane host;
    private TextField field;
    private FxFailures failures;

    @Start
    void start(Stage stage) {
        failures = FxFailures.watch();
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        f = new RoomFixtures(Platform::runLater);
        field = new TextField();
        field.setId("typing");
        field.setMaxSize(300, 30);
        host = new StackPane(field);
        Scene scene = new Scene(host, 1000, 640);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    private List<Supplier<? extends IdleWarmUp.Sample>> samples() {
        return List.of(ConversationListWarmUp::sample, () -> ChatWarmUp.sample(f.chat.ui),
                () -> RoomWarmUp.sample(f.chat.ui));
    }

    @Test
    void samplesAreStyledAndLaidOutHiddenThenLeaveWithoutTakingTheKeyboard(FxRobot robot) {
        robot.clickOn("#typing").write("hel");
        List<Node> seen = new ArrayList<>();
        AtomicBoolean rowsMade = new AtomicBoolean();
        AtomicBoolean everShown = new AtomicBoolean();
        AtomicBoolean foundById = new AtomicBoolean();
        AtomicBoolean conversationRowsMade = new AtomicBoolean();
        AtomicInteger done = new AtomicInteger();
        Runnable watch = () -> {
            // a lookup by id finds the real views only, never a hidden sample's nodes
            foundById.compareAndSet(false, host.lookup("#message-input") != null || host.lookup("#message-list") != null
                    || host.lookup("#occupant-list") != null || host.lookup("#room-title") != null
                    || host.lookup("#conversation-list") != null);
            for (Node n : host.getChildren()) {
                if (n != field) {
                    if (!seen.contains(n)) {
                        seen.add(n);
                    }
                    everShown.compareAndSet(false, n.isVisible() || !n.isMouseTransparent());
                    // rows were made and styled although nothing of the sample is drawn
                    rowsMade.compareAndSet(false, n.lookupAll(".message-cell").stream()
                            .anyMatch(c -> c.getStyleClass().contains("message-cell") && c.getScene() != null
                                    && ((javafx.scene.control.ListCell<?>) c).getItem() != null));
                    conversationRowsMade.compareAndSet(false, n.lookupAll(".conversation-cell").stream()
                            .anyMatch(c -> c.getScene() != null
                                    && ((javafx.scene.control.ListCell<?>) c).getItem() != null));
                }
            }
        };
        IdleWarmUp[] warmUp = new IdleWarmUp[1];
        robot.interact(() -> {
            host.getScene().addPostLayoutPulseListener(watch);
            warmUp[0] = IdleWarmUp.start(host, samples());
            warmUp[0].whenDone(done::incrementAndGet);
        });

        Eventually.until("the warm-up ends", () -> warmUp[0].isDone());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> host.getScene().removePostLayoutPulseListener(watch));

        assertThat(seen).hasSize(3);
        assertThat(seen.get(0).getStyleClass()).contains("conversation-list-view");
        assertThat(seen.get(1)).isInstanceOf(im.natter.ui.chat.ChatView.class);
        assertThat(seen.get(2)).isInstanceOf(RoomView.class);
        assertThat(conversationRowsMade).as("sample conversation rows were made").isTrue();
        assertThat(done).as("told once that the warm-up is done").hasValue(1);
        assertThat(everShown).as("a sample was visible or took the mouse").isFalse();
        assertThat(rowsMade).as("sample rows were made").isTrue();
        assertThat(foundById).as("a sample's node was found by its id").isFalse();
        assertThat(host.getChildren()).containsExactly(field);
        robot.write("lo");
        assertThat(field.getText()).isEqualTo("hello");
        assertThat(field.isFocused()).isTrue();
        // nothing of the made-up conversations reached a service
        assertThat(f.fakes.archive.conversations(im.natter.domain.model.AccountId.of("me@natter.invalid"))).isEmpty();
        assertThat(f.fakes.archive.conversations(im.natter.testsupport.fakes.FakeServices.ALICE)).isEmpty();
        failures.assertNone();
    }

    @Test
    void cancellingTakesTheSampleOutAtOnce(FxRobot robot) {
        IdleWarmUp[] warmUp = new IdleWarmUp[1];
        robot.interact(() -> warmUp[0] = IdleWarmUp.start(host, samples()));
        Eventually.until("a sample is in the window", () -> Eventually.value("children",
                () -> host.getChildren().size()) > 1);

        AtomicInteger done = new AtomicInteger();
        robot.interact(() -> {
            warmUp[0].whenDone(done::incrementAndGet);
            warmUp[0].cancel();
        });

        assertThat(host.getChildren()).containsExactly(field);
        assertThat(warmUp[0].isDone()).isTrue();
        assertThat(done).hasValue(1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(host.getChildren()).containsExactly(field);
        failures.assertNone();
    }

    @Test
    void aListOfSamplesThatOnlyFailsLeavesNothingBehind(FxRobot robot) {
        IdleWarmUp[] warmUp = new IdleWarmUp[1];
        robot.interact(() -> warmUp[0] = IdleWarmUp.start(host, List.of(() -> {
            throw new IllegalStateException("cannot be built here");
        })));
        Eventually.until("the warm-up ends", () -> warmUp[0].isDone());
        assertThat(host.getChildren()).containsExactly(field);
        assertThat(robot.lookup(".list-view").queryAll()).noneMatch(ListView.class::isInstance);
        failures.assertNone();
    }
}
