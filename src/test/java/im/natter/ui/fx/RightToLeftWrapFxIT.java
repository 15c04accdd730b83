package im.natter.ui.fx;

import static im.natter.ui.fx.FxCalls.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.natter.testsupport.display.VirtualDisplayExtension;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * JavaFX 25 cannot soft-wrap right-to-left text in one text node (see {@link WrapGuard}); these lay such text out
 * in a narrow column the way Natter's views do and expect no failure, and one test watches for the day JavaFX
 * itself gets it right.
 */
@ExtendWith({VirtualDisplayExtension.class, ApplicationExtension.class})
class RightToLeftWrapFxIT {

    static final String HEBREW = "שלום עולם, זה משפט ארוך בעברית שצריך לעטוף כמה שורות בתוך התיבה הצרה הזאת";
    static final String HEBREW_ONE_WORD = "שלוםעולםזהמשפטארוךבעבריתשצריךלעטוףכמהשורותבתוךהתיבההצרההזאת";
    static final String ARABIC = "مرحبا بالعالم، هذه جملة طويلة باللغة العربية يجب أن تلتف على عدة أسطر في هذا المربع";
    static final String MIXED = "see https://example.org — ואז שלום עולם זה משפט ארוך בעברית and back to English again";
    static final String BIDI_CONTROLS = "\u202Bשלום עולם\u202C hello \u2067مرحبا بالعالم\u2069 " + HEBREW;
    static final String ENGLISH = "the quick brown fox jumps over the lazy dog again and again and again and again";

    private FxFailures failures;

    @Start
    void start(Stage stage) {
        failures = FxFailures.watch();
        stage.setScene(new Scene(new VBox(), 240, 300));
        stage.show();
    }

    static Stream<String> rightToLeftTexts() {
        return Stream.of(HEBREW, HEBREW_ONE_WORD, ARABIC, MIXED, BIDI_CONTROLS, HEBREW + "\n" + ARABIC);
    }

    @Test
    void javaFxItselfStillFailsToWrapRightToLeftText() throws Exception {
        // When this fails, JavaFX has fixed computeTrailingSpaceWidth and WrapGuard may wrap again.
        Text text = new Text(HEBREW);
        text.setWrappingWidth(200);
        assertThatThrownBy(() -> onFx(() -> laidOut(text).getLayoutBounds()))
                .hasRootCauseInstanceOf(ArrayIndexOutOfBoundsException.class)
                .rootCause().satisfies(e -> assertThat(e.getStackTrace()[0].getMethodName())
                        .isEqualTo("computeTrailingSpaceWidth"));
    }

    @ParameterizedTest
    @MethodSource("rightToLeftTexts")
    void guardedLabelsAndTextAreasAndFlowPiecesLayOutRightToLeftText(String s) throws Exception {
        Label label = WrapGuard.wrapping(new Label(s));
        TextArea area = WrapGuard.wrapping(new TextArea(s));
        TextFlow flow = new TextFlow();
        WrapGuard.flowPieces(s).forEach(p -> flow.getChildren().add(new Text(p)));

        onFx(() -> laidOut(new VBox(label, area, flow)));

        assertThat(label.isWrapText()).isFalse();
        assertThat(area.isWrapText()).isFalse();
        assertThat(flow.getHeight()).as("the flow still wraps").isGreaterThan(2 * new Text("x").getLayoutBounds()
                .getHeight());
    }

    @Test
    void englishStillWrapsAndWrappingComesBackWhenTheRightToLeftTextGoes() throws Exception {
        Label label = WrapGuard.wrapping(new Label(ENGLISH));
        TextArea area = WrapGuard.wrapping(new TextArea(ENGLISH));
        onFx(() -> laidOut(new VBox(label, area)));
        assertThat(label.isWrapText()).isTrue();
        assertThat(area.isWrapText()).isTrue();
        assertThat(label.getHeight()).isGreaterThan(2 * label.getFont().getSize());

        onFx(() -> {
            label.setText(ARABIC);
            area.setText(ARABIC);
            return laidOut(label.getParent());
        });
        assertThat(label.isWrapText()).isFalse();
        assertThat(area.isWrapText()).isFalse();

        onFx(() -> {
            label.setText(ENGLISH);
            area.setText(ENGLISH);
            return laidOut(label.getParent());
        });
        assertThat(label.isWrapText()).isTrue();
        assertThat(area.isWrapText()).isTrue();
    }

    @Test
    void typingLongHebrewIntoAGuardedAreaOnScreenThrowsNothing(FxRobot robot) {
        TextArea area = WrapGuard.wrapping(new TextArea());
        robot.interact(() -> robot.window(0).getScene().setRoot(new VBox(area)));
        robot.clickOn(area).write(HEBREW + " " + ARABIC);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(area.getText()).isEqualTo(HEBREW + " " + ARABIC);
        failures.assertNone();
    }

    @Test
    void textSetAtOnceOverWrappedEnglishCanBeMeasuredBeforeTheNextLayout(FxRobot robot) throws Exception {
        // a restored draft or an incoming status while the mouse is over the control: picking asks the text
        // nodes for their bounds before the next layout pass has taken their old wrapping width away
        TextArea area = WrapGuard.wrapping(new TextArea(ENGLISH));
        Label label = WrapGuard.wrapping(new Label(ENGLISH));
        robot.interact(() -> robot.window(0).getScene().setRoot(new VBox(label, area)));
        WaitForAsyncUtils.waitForFxEvents();

        onFx(() -> {
            area.setText(HEBREW + " " + ARABIC);
            label.setText(ARABIC + " " + HEBREW);
            for (Node text : area.lookupAll(".text")) {
                text.getLayoutBounds();
            }
            for (Node text : label.lookupAll(".text")) {
                text.getLayoutBounds();
            }
            return null;
        });
        failures.assertNone();
    }

    private static Node laidOut(Node node) {
        Parent root = node instanceof Parent p ? p : new VBox(node);
        if (root.getScene() == null) {
            new Scene(root instanceof VBox ? root : new VBox(root), 200, 600);
        }
        root.applyCss();
        root.layout();
        root.layout();
        return node;
    }
}
