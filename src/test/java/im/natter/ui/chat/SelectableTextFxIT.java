package im.natter.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import im.natter.testsupport.display.VirtualDisplayExtension;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Message text shown in one reused text view, as a list row shows message after message. */
@ExtendWith({VirtualDisplayExtension.class, ApplicationExtension.class})
class SelectableTextFxIT {

    private final List<String> opened = new ArrayList<>();
    private SelectableText text;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        text = new SelectableText();
        text.setOnLink(opened::add);
        var root = new StackPane(text);
        root.getStylesheets().add(ChatView.class.getResource("/im/natter/ui/chat.css").toExternalForm());
        stage.setScene(new Scene(root, 600, 200));
        stage.show();
    }

    @Test
    void aReusedViewShowsEachMessageWithOnlyItsOwnLinks(FxRobot robot) {
        show(robot, "see https://one.example.org/a and https://two.example.org/b today");
        assertThat(runs(robot)).extracting(Text::getText)
                .containsExactly("see ", "https://one.example.org/a", " and ", "https://two.example.org/b", " today");
        assertThat(links(robot)).containsExactly("https://one.example.org/a", "https://two.example.org/b");

        // a plain message in the same view: no run stays a link, none of the old text is left
        show(robot, "just words");
        assertThat(runs(robot)).extracting(Text::getText).containsExactly("just words");
        assertThat(links(robot)).isEmpty();
        robot.clickOn(runs(robot).getFirst());
        assertThat(opened).isEmpty();

        // and a link where plain text was: clicking it opens that link, not one shown before
        show(robot, "https://three.example.org/c is the one");
        assertThat(links(robot)).containsExactly("https://three.example.org/c");
        robot.clickOn(runs(robot).getFirst());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(opened).containsExactly("https://three.example.org/c");
        assertThat(text.text()).isEqualTo("https://three.example.org/c is the one");
    }

    @Test
    void theContextMenuCopiesTheWholeMessage(FxRobot robot) throws Exception {
        show(robot, "a message worth keeping");
        robot.rightClickOn(runs(robot).getFirst());
        robot.clickOn("Copy message");
        WaitForAsyncUtils.waitForFxEvents();

        String copied = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())
                .get();
        assertThat(copied).isEqualTo("a message worth keeping");
    }

    private void show(FxRobot robot, String message) {
        robot.interact(() -> text.setContent(LinkDetector.segments(message), false, message));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<Text> runs(FxRobot robot) {
        return robot.lookup(".message-run").queryAllAs(Text.class).stream()
                .filter(t -> t.getParent() != null && t.getParent().getParent() == text).toList();
    }

    private List<String> links(FxRobot robot) {
        return runs(robot).stream().filter(t -> t.getStyleClass().contains("message-link")).map(Text::getText)
                .toList();
    }
}
