package im.natter.ui.chat;

import im.natter.domain.model.Availability;
import im.natter.domain.model.PresenceStatus;
import im.natter.ui.fx.FrameShare;
import im.natter.ui.fx.InitialsAvatar;
import im.natter.ui.fx.RowPace;
import im.natter.ui.fx.WrapGuard;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The open conversation: header (name, presence, address), the message list and the composer. Enter sends,
 * Shift+Enter starts a new line.
 */
public final class ChatView extends BorderPane {

    private static final int MAX_COMPOSER_ROWS = 6;
    /**
     * A fresh view's frame and header come alone, then its list, then its composer; then its first rows, and more each
     * frame after, until the list is full.
     */
    private static final int FIRST_ROWS = 1;
    private static final int MOST_ROWS_PER_FRAME = 5;
    /** Far more rows than any screen holds: by then all rows are let in whatever the flow says. */
    private static final int MOST_UNFOLDED_ROWS = 64;

    private final ChatViewModel vm;
    private final ListView<MessageListItem> list = new ListView<>();
    private final TimelineFlow timeline = new TimelineFlow();
    private final TailWindow shownRows;
    private final RowPace rowPace = new RowPace(FIRST_ROWS, MOST_ROWS_PER_FRAME);
    private final javafx.animation.AnimationTimer unfolding = new javafx.animation.AnimationTimer() {
        @Override
        public void handle(long now) {
            unfold(now);
        }
    };
    private final TextArea input = new TextArea();
    private final Button send = new Button();
    private final Label problem = new Label();
    private final Label loadError = new Label();
    private final Circle presenceDot = new Circle(4);
    /** The first message is in view (or the list does not scroll): the place for "Beginning of the conversation". */
    private final javafx.beans.property.BooleanProperty listAtTop = new javafx.beans.property.SimpleBooleanProperty(true);
    private final InvalidationListener focusListener = o -> reportVisibility();
    /** After each layout: which message is the last one on screen, for the read markers. */
    private final Runnable reportShown = this::reportLastShown;
    private int lastShown = -1;
    private int lastShownOf = -1;
    private Window window;
    private final VBox composerBox;
    private final VBox messagesPart;
    /** Opened while its composer was still to come: the composer takes the focus once it is there. */
    private boolean focusWanted;
    /** The view has been laid out in a window: the frame is there, the composer and rows may follow. */
    private boolean laidOut;

    public ChatView(ChatViewModel vm) {
        this(vm, true);
    }

    /**
     * @param withHeader false when the caller puts its own header above (a room's timeline: its header has the
     *                   subject and the room's menu)
     */
    public ChatView(ChatViewModel vm, boolean withHeader) {
        this.vm = vm;
        this.shownRows = new TailWindow(vm.items(), 0);
        getStyleClass().add("chat-view");
        getStylesheets().add(ChatView.class.getResource("/im/natter/ui/chat.css").toExternalForm());
        if (withHeader) {
            setTop(header());
        }
        // the list comes in the frame after the header, the composer in the one after (each one's first styling is
        // dear), then the rows; a room's list and composer at once: its text area, bound to the room's state by the
        // room view, measured a pixel taller when it came later
        messagesPart = messages();
        composerBox = composer();
        if (!withHeader) {
            setCenter(messagesPart);
            setBottom(composerBox);
        }
        input.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null && focusWanted) {
                focusWanted = false;
                javafx.application.Platform.runLater(this::focusComposerIfShown);
            }
        });
        sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.windowProperty().removeListener(windowListener);
                old.removePostLayoutPulseListener(reportShown);
            }
            if (scene != null) {
                scene.addPostLayoutPulseListener(reportShown);
            }
            if (scene != null && (!shownRows.isFull() || getCenter() == null || getBottom() == null)) {
                unfolding.start();
            } else {
                unfolding.stop();
            }
            sceneChanged(scene);
        });
        visibleProperty().addListener(focusListener);
    }

    /** Stops following the window and the services; the shell calls it when the chat is closed for good. */
    public void dispose() {
        if (getScene() != null) {
            getScene().windowProperty().removeListener(windowListener);
            getScene().removePostLayoutPulseListener(reportShown);
        }
        unfolding.stop();
        attachWindow(null);
        vm.dispose();
    }

    public ListView<MessageListItem> messageList() {
        return list;
    }

    /** The composer's text area, e.g. for a room's nickname completion. */
    public TextArea messageInput() {
        return input;
    }

    /** The composer (text area, send button, problem line), also in the first frame, before it is in the view. */
    public Node composerPart() {
        return composerBox;
    }

    /**
     * Whether the view has come whole: its list and composer are in, and its rows no longer come a few a frame (or it
     * has none yet, and waits for its first).
     */
    public boolean isOpenedFully() {
        return getCenter() != null && getBottom() != null
                && (shownRows.isFull() || vm.items().isEmpty() && vm.loadedProperty().get());
    }

    /** The message list with what goes around it, also in the first frame, before it is in the view. */
    public Node messagesPart() {
        return messagesPart;
    }

    Button sendButton() {
        return send;
    }

    Label problemLabel() {
        return problem;
    }

    Label typingLabel() {
        return (Label) lookup("#chat-typing");
    }

    private HBox header() {
        var avatar = new InitialsAvatar(36);
        avatar.set(vm.titleProperty().get(), vm.peerAddress());
        vm.titleProperty().addListener((obs, old, name) -> avatar.set(name, vm.peerAddress()));

        var name = new Label();
        name.setId("chat-title");
        name.getStyleClass().add("chat-title");
        name.textProperty().bind(vm.titleProperty());

        presenceDot.getStyleClass().add("presence-dot");
        showPresence(vm.peerPresenceProperty().get());
        vm.peerPresenceProperty().addListener((obs, old, p) -> showPresence(p));
        var status = new Label();
        status.getStyleClass().add("chat-status");
        status.textProperty().bind(vm.peerStatusTextProperty());
        // while the contact types, that is their status
        var typing = new Label("typing\u2026");
        typing.setId("chat-typing");
        typing.getStyleClass().add("chat-typing");
        typing.visibleProperty().bind(vm.peerTypingProperty());
        typing.managedProperty().bind(typing.visibleProperty());
        status.visibleProperty().bind(vm.peerTypingProperty().not());
        status.managedProperty().bind(status.visibleProperty());
        var address = new Label("\u00b7  " + vm.peerAddress());
        address.getStyleClass().add("chat-address");
        address.setMinWidth(0);
        var line = new HBox(6, presenceDot, typing, status, address);
        line.setAlignment(Pos.CENTER_LEFT);

        var text = new VBox(2, name, line);
        text.setMinWidth(0);
        var header = new HBox(12, avatar, text);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("chat-header");
        return header;
    }

    private void showPresence(PresenceStatus p) {
        for (Availability a : Availability.values()) {
            presenceDot.pseudoClassStateChanged(PseudoClass.getPseudoClass(a.name().toLowerCase().replace('_', '-')),
                    a == p.availability());
        }
    }

    private VBox messages() {
        list.setId("message-list");
        list.getStyleClass().add("message-list");
        list.setItems(shownRows);
        list.setFocusTraversable(false);
        list.setSkin(timeline.skinFor(list));
        list.setCellFactory(lv -> new MessageCell(lv, vm::retry, this::confirmAndOpen));
        var empty = new Label("No messages yet. Say hello!");
        empty.getStyleClass().add("chat-empty");
        // not before the first page is there (or failed to come): the rows may just be on their way
        empty.visibleProperty().bind(vm.loadedProperty().or(vm.loadErrorProperty().isNotEmpty()));
        list.setPlaceholder(empty);
        VBox.setVgrow(list, Priority.ALWAYS);

        vm.items().addListener(this::itemsChanged);
        vm.loadedProperty().addListener((obs, was, is) -> {
            if (is) {
                timeline.showEnd();
            }
        });
        // reaching the top (wheel or scroll bar) brings the next older page
        list.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0 && atTop()) {
                loadOlder();
            }
        });
        timeline.positionProperty().addListener((o, before, now) -> {
            updateAtTop();
            if (now.doubleValue() <= 0 && before.doubleValue() > 0 && !timeline.isPlacingEnd() && shownRows.isFull()) {
                loadOlder();
            }
        });

        loadError.getStyleClass().add("chat-load-error");
        loadError.textProperty().bind(vm.loadErrorProperty());
        loadError.visibleProperty().bind(vm.loadErrorProperty().isNotEmpty());
        loadError.managedProperty().bind(loadError.visibleProperty());
        WrapGuard.wrapping(loadError);

        // older history: "Loading older messages…" / "Beginning of the conversation", over the top of the list
        var older = new Label();
        older.setId("older-status");
        older.getStyleClass().add("chat-older-status");
        older.textProperty().bind(vm.olderStatusProperty());
        older.visibleProperty().bind(vm.olderStatusProperty().isNotEmpty()
                .and(vm.loadingOlderProperty().or(listAtTop)));
        older.setMouseTransparent(true);
        var listArea = new StackPane(list, older);
        StackPane.setAlignment(older, Pos.TOP_CENTER);
        StackPane.setMargin(older, new Insets(8, 0, 0, 0));
        VBox.setVgrow(listArea, Priority.ALWAYS);
        return new VBox(loadError, listArea);
    }

    private VBox composer() {
        input.setId("message-input");
        input.getStyleClass().add("composer-input");
        input.setPromptText("Write a message");
        WrapGuard.wrapping(input);
        input.setPrefRowCount(1);
        input.textProperty().bindBidirectional(vm.composerTextProperty());
        input.textProperty().addListener((obs, old, text) -> {
            input.setPrefRowCount(rowsFor(text));
            // Hebrew or Arabic is written from the right; the guard above has turned soft wrapping off for it
            input.setNodeOrientation(text != null && DisplayText.isRightToLeft(text)
                    ? javafx.geometry.NodeOrientation.RIGHT_TO_LEFT : javafx.geometry.NodeOrientation.LEFT_TO_RIGHT);
        });
        input.addEventFilter(KeyEvent.KEY_PRESSED, this::composerKey);
        HBox.setHgrow(input, Priority.ALWAYS);

        send.setId("send-button");
        send.getStyleClass().add("send-button");
        send.setGraphic(new FontIcon(Material2MZ.SEND));
        send.setAccessibleText("Send");
        send.setTooltip(new javafx.scene.control.Tooltip("Send (Enter)"));
        send.disableProperty().bind(vm.canSendProperty().not());
        send.setOnAction(e -> {
            vm.send();
            input.requestFocus();
        });

        problem.setId("composer-problem");
        problem.getStyleClass().add("composer-problem");
        WrapGuard.wrapping(problem);
        problem.textProperty().bind(javafx.beans.binding.Bindings.when(vm.sendErrorProperty().isNotEmpty())
                .then(vm.sendErrorProperty()).otherwise(vm.composerProblemProperty()));
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        var row = new HBox(8, input, send);
        row.setAlignment(Pos.BOTTOM_CENTER);
        var box = new VBox(6, problem, row);
        box.getStyleClass().add("composer");
        box.setPadding(new Insets(8, 16, 12, 16));
        return box;
    }

    private void composerKey(KeyEvent e) {
        if (e.getCode() != KeyCode.ENTER) {
            return;
        }
        e.consume();
        if (e.isShiftDown()) {
            input.replaceSelection("\n");
        } else if (!e.isShortcutDown() && !e.isAltDown()) {
            vm.send();
        }
    }

    private static int rowsFor(String text) {
        if (text == null || text.isEmpty()) {
            return 1;
        }
        int lines = 1;
        for (int i = 0; i < text.length() && lines < MAX_COMPOSER_ROWS; i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private void itemsChanged(ListChangeListener.Change<? extends MessageListItem> c) {
        if (!shownRows.isFull() && getScene() != null) {
            // the first rows of a conversation that had none: a few a frame, as at opening
            unfolding.start();
        }
        int size = vm.items().size();
        boolean follow = false;
        while (c.next()) {
            if (c.wasAdded() && !c.wasReplaced()) {
                // the user wrote it, or was reading the end when the list was last laid out: the end stays in view,
                // also when older history arrives above it (a catch-up's pages, newest first)
                // (rows still coming in a few a frame come from the end up: the end is what such a view shows)
                boolean own = c.getTo() == size && vm.items().getLast().isOutgoing();
                follow |= own || !shownRows.isFull() || TimelineFollow.readingEnd(lastShown, lastShownOf);
            }
        }
        if (follow) {
            // in the next layout, once however many messages arrive before it (a catch-up adds thousands)
            timeline.showEnd();
        }
    }

    /** Also when older rows are let in above while the list stays where it is (all rows fit). */
    private void updateAtTop() {
        listAtTop.set(timeline.getPosition() <= 0 && shownRows.offset() == 0);
    }

    private boolean atTop() {
        return (shownRows.isFull() || vm.items().isEmpty())
                && (timeline.getFirstVisibleCell() == null || timeline.getFirstVisibleCell().getIndex() == 0);
    }

    /**
     * One frame's step of a fresh view: a few more rows above those shown, until the list is full (or shows all
     * there is, once loaded); then every row, of which only those on screen are ever made.
     */
    private void unfold(long now) {
        rowPace.pulse(now);
        if (!laidOut) {
            // the pulse that first shows the view runs its animations before its layout: the frame goes alone
            return;
        }
        boolean styles = getCenter() == null || getBottom() == null || shownRows.size() < vm.items().size();
        if (styles && !FrameShare.take(now)) {
            // another view's piece has this frame
            return;
        }
        if (getCenter() == null) {
            setCenter(messagesPart);
            return;
        }
        if (getBottom() == null) {
            setBottom(composerBox);
            return;
        }
        int all = vm.items().size();
        if (shownRows.size() < all) {
            var first = timeline.getFirstVisibleCell();
            boolean listFull = first != null && first.getIndex() > 0;
            if (listFull || shownRows.limit() >= MOST_UNFOLDED_ROWS) {
                openFully();
            } else {
                // the first rows' frame also makes the empty rows that fill the list below them until it is full
                shownRows.grow(rowPace.next());
                timeline.showEnd();
                updateAtTop();
            }
        } else if (!vm.loadErrorProperty().get().isEmpty()) {
            openFully();
        } else if (vm.loadedProperty().get()) {
            if (all > 0) {
                openFully();
            } else {
                // an empty conversation (a room just entered, a new chat): its first rows, a page of history as
                // likely as one message, come a few a frame too when they arrive
                unfolding.stop();
            }
        }
    }

    private void openFully() {
        unfolding.stop();
        if (getCenter() == null) {
            setCenter(messagesPart);
        }
        if (getBottom() == null) {
            setBottom(composerBox);
        }
        shownRows.openFully();
        timeline.showEnd();
        updateAtTop();
    }

    private void loadOlder() {
        if (!vm.hasOlderProperty().get() || vm.loadingOlderProperty().get()) {
            return;
        }
        vm.loadOlder().thenAccept(index -> {
            if (index > 0) {
                list.scrollTo(shownRows.getViewIndex(index));
            }
        });
    }

    private void confirmAndOpen(String target) {
        String shown = LinkDetector.revealed(target);
        var alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.setTitle("Open link");
        alert.setHeaderText("Open this link in your browser?");
        String note = shown.equals(target) ? ""
                : "\n\nThe address contains letters from another alphabet; this is its real form.";
        // the address may hold Hebrew or Arabic, which the dialog's own wrapping label cannot wrap
        Label content = WrapGuard.wrapping(new Label(shown + note));
        content.setMaxWidth(480);
        alert.getDialogPane().setContent(content);
        var open = new ButtonType("Open", ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(ButtonType.CANCEL, open);
        if (getScene() != null) {
            alert.initOwner(getScene().getWindow());
        }
        alert.showAndWait().filter(open::equals).ifPresent(b -> vm.openLink(target));
    }

    private final ChangeListener<Window> windowListener = (obs, old, w) -> attachWindow(w);

    private void sceneChanged(Scene scene) {
        if (scene == null) {
            attachWindow(null);
            return;
        }
        scene.windowProperty().addListener(windowListener);
        attachWindow(scene.getWindow());
        // opening a chat means the next thing typed is a message, wherever the focus was before; a view kept hidden
        // (a warm-up sample) must not take the keyboard from what the user sees
        javafx.application.Platform.runLater(() -> {
            if (input.getScene() == null) {
                focusWanted = true;
            } else {
                focusComposerIfShown();
            }
        });
    }

    private void focusComposerIfShown() {
        if (isShownInTree()) {
            input.requestFocus();
        }
    }

    private boolean isShownInTree() {
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return getScene() != null;
    }

    private void attachWindow(Window w) {
        if (window != null) {
            window.focusedProperty().removeListener(focusListener);
        }
        window = w;
        if (window != null) {
            window.focusedProperty().addListener(focusListener);
        }
        reportVisibility();
    }

    private void reportLastShown() {
        laidOut = true;
        int index = timeline.getLastVisibleCell() == null || vm.items().isEmpty() ? -1
                : shownRows.getSourceIndex(timeline.getLastVisibleCell().getIndex());
        int size = vm.items().size();
        if (index != lastShown || size != lastShownOf) {
            lastShown = index;
            lastShownOf = size;
            vm.setLastShownIndex(index);
        }
    }

    private void reportVisibility() {
        vm.setVisibleAndFocused(window != null && window.isFocused() && isVisible() && getScene() != null);
    }
}
