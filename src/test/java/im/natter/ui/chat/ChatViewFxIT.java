package im.natter.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import im.natter.domain.model.DeliveryState;
import im.natter.testsupport.display.VirtualDisplayExtension;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The chat as a user drives it: type, Enter, see the message with its mark; Shift+Enter for a new line. */
@ExtendWith({VirtualDisplayExtension.class, ApplicationExtension.class})
class ChatViewFxIT {

    private ChatFixtures f;
    private ChatViewModel vm;
    private ChatView view;

    private im.natter.ui.fx.FxFailures failures;

    @Start
    void start(Stage stage) {
        failures = im.natter.ui.fx.FxFailures.watch();
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        f = new ChatFixtures(Platform::runLater);
        vm = new ChatViewModel(f.ui, ChatFixtures.WITH_BOB);
        vm.activate();
        view = new ChatView(vm);
        stage.setScene(new Scene(view, 800, 600));
        stage.show();
    }

    @Test
    void enterSendsAndTheMessageShowsQueuedThenOnServer(FxRobot robot) {
        robot.clickOn("#message-input").write("hello there");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.items()).hasSize(1);
        assertThat(vm.items().getFirst().message().body()).isEqualTo("hello there");
        assertThat(view.messageInput().getText()).isEmpty();
        assertThat(shownTexts(robot)).contains("hello there");
        assertThat(mark(robot).getIconCode()).isEqualTo(Material2MZ.SCHEDULE);

        f.connect();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.items().getFirst().state()).isEqualTo(DeliveryState.ON_SERVER);
        assertThat(mark(robot).getIconCode()).isEqualTo(Material2AL.CHECK);
    }

    @Test
    void olderHistoryArrivingAboveKeepsTheNewestMessageInView(FxRobot robot) {
        java.time.Instant now = java.time.Instant.parse("2026-03-02T12:00:00Z");
        for (int i = 0; i < 40; i++) {
            f.receive(ChatFixtures.BOB, "recent " + i, now.plusSeconds(i));
        }
        rowsHaveCome(40);
        assertThat(lastVisibleText()).isEqualTo("recent 39");

        // a catch-up's older pages, newest first, land above what is shown
        for (int page = 0; page < 3; page++) {
            for (int i = 0; i < 30; i++) {
                f.receive(ChatFixtures.BOB, "older " + page + "." + i, now.minusSeconds(3600L * (page + 1) - i));
            }
            WaitForAsyncUtils.waitForFxEvents();
        }

        // the first page lands above the forty shown; once the list holds a page, older ones wait in the archive
        // until the user scrolls back to them
        assertThat(vm.items()).hasSize(70);
        assertThat(lastVisibleText()).isEqualTo("recent 39");
    }

    @Test
    void theNewestMessageIsWhollyInViewWhateverTheHeightsOfTheRowsAboveIt(FxRobot robot) {
        java.time.Instant now = java.time.Instant.parse("2026-03-02T12:00:00Z");
        for (int i = 0; i < 60; i++) {
            f.receive(ChatFixtures.BOB, "short " + i, now.plusSeconds(i));
        }
        rowsHaveCome(60);
        assertThat(lastVisibleText()).isEqualTo("short 59");
        assertThat(lastRowWhollyInView()).isTrue();

        // later pages of rows far taller than the ones the list has measured so far, appended below
        for (int page = 0; page < 4; page++) {
            for (int i = 0; i < 15; i++) {
                String body = "tall " + page + "." + i + "\n" + "a line of a long message\n".repeat(4 + i % 5)
                        + "the end of tall " + page + "." + i;
                f.receive(ChatFixtures.BOB, body, now.plusSeconds(100 + page * 20L + i));
            }
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(lastVisibleText()).startsWith("tall " + page + ".14");
            assertThat(lastRowWhollyInView()).isTrue();
        }

        // and older short ones above, as a catch-up pages backwards
        for (int i = 0; i < 40; i++) {
            f.receive(ChatFixtures.BOB, "older " + i, now.minusSeconds(3600 - i));
        }
        WaitForAsyncUtils.waitForFxEvents();
        // (these wait in the archive: the list already holds more than a page)
        assertThat(vm.items()).hasSize(120);
        assertThat(lastVisibleText()).startsWith("tall 3.14");
        assertThat(lastRowWhollyInView()).isTrue();
    }

    @Test
    void readingOlderMessagesIsNotInterruptedByNewOnesButSendingGoesToTheEnd(FxRobot robot) {
        java.time.Instant now = java.time.Instant.parse("2026-03-02T12:00:00Z");
        for (int i = 0; i < 80; i++) {
            f.receive(ChatFixtures.BOB, "recent " + i, now.plusSeconds(i));
        }
        rowsHaveCome(80);
        assertThat(lastVisibleText()).isEqualTo("recent 79");

        robot.moveTo("#message-list").scroll(15, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        String reading = lastVisibleText();
        assertThat(reading).isNotIn("recent 79", "recent 78", "recent 77");

        f.receive(ChatFixtures.BOB, "recent 80", now.plusSeconds(80));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.items()).hasSize(81);
        assertThat(lastVisibleText()).isEqualTo(reading);

        robot.clickOn("#message-input").write("my answer");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lastVisibleText()).isEqualTo("my answer");
        assertThat(lastRowWhollyInView()).isTrue();
    }

    @Test
    void pointingAtTheTimeOrTheMarkOfAMessageExplainsIt(FxRobot robot) {
        f.receive(ChatFixtures.BOB, "what time was this?", java.time.Instant.parse("2026-03-02T12:05:00Z"));
        robot.clickOn("#message-input").write("mine").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        String expected = TimeLabels.full(java.time.Instant.parse("2026-03-02T12:05:00Z"), vm.items().getFirst().zone(),
                java.util.Locale.getDefault(java.util.Locale.Category.FORMAT));

        var time = robot.lookup(".message-time").queryAllAs(javafx.scene.control.Label.class).stream()
                .filter(l -> l.getParent() != null && l.isVisible() && l.getScene() != null)
                .filter(l -> l.localToScreen(l.getBoundsInLocal()) != null).findFirst().orElseThrow();
        robot.moveTo(time);
        robot.moveBy(1, 0);
        im.natter.testsupport.Eventually.until("the time's tooltip", () -> shownTooltips().contains(expected));

        robot.moveTo(mark(robot));
        robot.moveBy(1, 0);
        im.natter.testsupport.Eventually.until("the mark's tooltip",
                () -> shownTooltips().contains("Waiting to be sent"));
    }

    private static java.util.List<String> shownTooltips() {
        try {
            return WaitForAsyncUtils.asyncFx(() -> javafx.stage.Window.getWindows().stream()
                    .filter(w -> w instanceof javafx.scene.control.Tooltip && w.isShowing())
                    .map(w -> ((javafx.scene.control.Tooltip) w).getText()).toList()).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private javafx.scene.control.skin.VirtualFlow<?> flow() {
        return (javafx.scene.control.skin.VirtualFlow<?>) view.messageList().lookup(".virtual-flow");
    }

    private String lastVisibleText() {
        var cell = flow().getLastVisibleCell();
        return cell == null || !(cell.getItem() instanceof MessageListItem item) ? null : item.message().body();
    }

    /**
     * Waits for {@code messages} messages to be in the chat and its rows to have come (the first rows of a chat that
     * had none come a few a frame until the list is full).
     */
    private void rowsHaveCome(int messages) {
        im.natter.testsupport.Eventually.until("the chat's rows have all come", () -> im.natter.ui.fx.FxCalls.onFx(
                () -> vm.items().size() == messages && view.isOpenedFully()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * The last row is the newest message, its bottom at the bottom of the list (not cut off, no space below), and
     * the rows above fill the list to its top.
     */
    private boolean lastRowWhollyInView() {
        var flow = flow();
        var cell = flow.getLastVisibleCell();
        var first = flow.getFirstVisibleCell();
        return cell != null && cell.getIndex() == vm.items().size() - 1
                && Math.abs(cell.getLayoutY() + cell.getHeight() - flow.getViewportLength()) <= 0.5
                && first.getLayoutY() <= 0;
    }

    @Test
    void shiftEnterMakesANewLineAndEnterSendsBothLines(FxRobot robot) {
        robot.clickOn("#message-input").write("line one");
        robot.press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
        robot.write("line two");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(view.messageInput().getText()).isEqualTo("line one\nline two");
        assertThat(vm.items()).isEmpty();

        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.items()).extracting(i -> i.message().body()).containsExactly("line one\nline two");
    }

    @Test
    void emptyTextIsNotSentAndTooLongTextIsExplained(FxRobot robot) {
        robot.clickOn("#message-input").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.items()).isEmpty();
        assertThat(view.sendButton().isDisabled()).isTrue();

        f.fakes.xmpp.setMaxBodyBytes(1024);
        robot.interact(() -> view.messageInput().setText("x".repeat(3000)));
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.items()).isEmpty();
        assertThat(view.problemLabel().isVisible()).isTrue();
        assertThat(view.problemLabel().getText()).contains("too long");
        assertThat(view.messageInput().getText()).hasSize(3000);
    }

    @Test
    void messageTextCanBeSelectedWithTheMouseAndCopied(FxRobot robot) throws Exception {
        f.receive(ChatFixtures.BOB, "copy me please", null);
        WaitForAsyncUtils.waitForFxEvents();
        Text text = robot.lookup(".message-run").queryAllAs(Text.class).stream()
                .filter(t -> t.getText().equals("copy me please")).findFirst().orElseThrow();
        var bounds = text.localToScreen(text.getBoundsInLocal());

        robot.moveTo(new javafx.geometry.Point2D(bounds.getMinX() + 1, bounds.getCenterY()))
                .press(javafx.scene.input.MouseButton.PRIMARY)
                .moveTo(new javafx.geometry.Point2D(bounds.getMaxX() - 1, bounds.getCenterY()))
                .release(javafx.scene.input.MouseButton.PRIMARY);
        var selectable = (SelectableText) text.getParent().getParent();
        assertThat(selectable.selectedText()).isIn("copy me please", "copy me pleas");
        robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        String copied = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())
                .get();
        assertThat(copied).isEqualTo(selectable.selectedText());
        org.testfx.util.WaitForAsyncUtils.sleep(1, java.util.concurrent.TimeUnit.SECONDS);
    }

    public static final String HEBREW = "שלום בוב, רציתי לספר לך שהפגישה של מחר עברה לשעה שלוש אחרי הצהריים בחדר הגדול, "
            + "ואם אתה יכול תביא בבקשה את המחשב הנייד ואת המסמכים מהשבוע שעבר";
    public static final String ARABIC = "مرحبا بوب، أردت أن أخبرك أن اجتماع الغد قد تم نقله إلى الساعة الثالثة بعد الظهر "
            + "في القاعة الكبيرة، وإذا استطعت أحضر معك الحاسوب المحمول والمستندات من الأسبوع الماضي";
    public static final String MIXED = "The build on https://ci.example.org failed: נראה שהבדיקות של הממשק נכשלו שוב אחרי "
            + "השינוי האחרון, can you look? ربما المشكلة في الخطوط";
    static final String ONE_LONG_WORD = "שלוםשלוםשלוםשלוםשלוםשלוםשלוםשלוםשלוםשלוםשלוםשלוםשלוםשלוםשלוםשלום"
            + "مرحبامرحبامرحبامرحبامرحبامرحبامرحبامرحبامرحبا";

    @Test
    void longHebrewArabicAndMixedTextCanBeTypedPastedSentAndShown(FxRobot robot) {
        robot.clickOn("#message-input").write(HEBREW);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.messageInput().getText()).isEqualTo(HEBREW);
        failures.assertNone();
        robot.type(KeyCode.ENTER);

        for (String pasted : java.util.List.of(ARABIC, MIXED, ONE_LONG_WORD, HEBREW + "\n" + ARABIC)) {
            robot.interact(() -> {
                var content = new javafx.scene.input.ClipboardContent();
                content.putString(pasted);
                javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            });
            robot.press(KeyCode.CONTROL).type(KeyCode.V).release(KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(view.messageInput().getText()).isEqualTo(pasted);
            failures.assertNone();
            robot.type(KeyCode.ENTER);
        }
        f.receive(ChatFixtures.BOB, ARABIC + " " + HEBREW, null);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.items()).extracting(i -> i.message().body())
                .containsExactly(HEBREW, ARABIC, MIXED, ONE_LONG_WORD, HEBREW + "\n" + ARABIC, ARABIC + " " + HEBREW);
        assertThat(String.join("", shownTexts(robot))).contains(HEBREW, ARABIC, MIXED, ONE_LONG_WORD);
        failures.assertNone();

        // narrower and wider: the messages wrap again at each width
        robot.interact(() -> view.getScene().getWindow().setWidth(420));
        failures.assertNone();
        robot.interact(() -> view.getScene().getWindow().setWidth(900));
        failures.assertNone();
    }

    private static java.util.List<String> shownTexts(FxRobot robot) {
        return robot.lookup(".message-run").queryAllAs(Text.class).stream().map(Text::getText).toList();
    }

    private static FontIcon mark(FxRobot robot) {
        return robot.lookup(".delivery-mark").queryAllAs(FontIcon.class).stream().filter(FontIcon::isVisible)
                .findFirst().orElseThrow();
    }
}
