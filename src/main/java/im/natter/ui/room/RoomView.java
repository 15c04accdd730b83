package im.natter.ui.room;

import atlantafx.base.theme.Styles;
import im.natter.domain.model.NotificationLevel;
import im.natter.domain.model.RoomStatus;
import im.natter.ui.chat.ChatView;
import im.natter.ui.fx.FrameSteps;
import im.natter.ui.fx.InitialsAvatar;
import im.natter.ui.fx.WrapGuard;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * An open room: a header with its name, subject and the room menu; the timeline and composer of the chat view
 * (Tab completes nicknames); the people in it at the side; a line saying so when the user is out of the room.
 */
public final class RoomView extends BorderPane implements AutoCloseable {

    private final RoomViewModel vm;
    private final ChatView chat;
    private final OccupantListPane occupants;
    private final MenuButton menu = new MenuButton();
    private final ToggleButton peopleToggle = new ToggleButton();
    /** The timeline and then the people come a frame each after the header, when the view first shows. */
    private FrameSteps unfolding;

    public RoomView(RoomViewModel vm) {
        this.vm = vm;
        getStyleClass().add("room-view");
        getStylesheets().add(RoomView.class.getResource("/im/natter/ui/room.css").toExternalForm());
        chat = new ChatView(vm.timeline(), false);
        occupants = new OccupantListPane(vm.occupants());
        setTop(new VBox(header(), outBar(), errorBar()));
        occupants.visibleProperty().bind(peopleToggle.selectedProperty());
        occupants.managedProperty().bind(occupants.visibleProperty());
        composer();
        // a room's first styling (its timeline with the composer, its occupant list) is too dear for one frame
        sceneProperty().addListener((o, was, scene) -> {
            if (scene != null && unfolding == null) {
                unfolding = FrameSteps.start(List.of(() -> setCenter(chat), () -> setRight(occupants)), () -> { });
            }
        });
    }

    /**
     * Whether all of the view is there: its timeline and its people come a frame each after it first shows, then
     * their first rows a few a frame.
     */
    public boolean isWhole() {
        return unfolding != null && unfolding.isDone() && chat.isOpenedFully() && occupants.showsAllRows();
    }

    /** Stops following the room; the shell calls it when the view is let go. */
    @Override
    public void close() {
        if (unfolding != null) {
            unfolding.stop();
        }
        chat.dispose();
        vm.dispose();
    }

    ChatView chatView() {
        return chat;
    }

    OccupantListPane occupantPane() {
        return occupants;
    }

    MenuButton roomMenu() {
        return menu;
    }

    private HBox header() {
        InitialsAvatar avatar = new InitialsAvatar(36);
        avatar.set(vm.titleProperty().get(), vm.address());
        vm.titleProperty().addListener((o, was, now) -> avatar.set(now, vm.address()));
        FontIcon roomMark = new FontIcon(Material2MZ.PEOPLE);
        roomMark.getStyleClass().add("room-mark");

        Label title = new Label();
        title.setId("room-title");
        title.getStyleClass().add("chat-title");
        title.textProperty().bind(vm.titleProperty());
        title.setTextOverrun(OverrunStyle.ELLIPSIS);
        title.setMinWidth(0);
        HBox titleLine = new HBox(6, roomMark, title);
        titleLine.setAlignment(Pos.CENTER_LEFT);

        Label subject = new Label();
        subject.setId("room-subject");
        subject.getStyleClass().add("room-subject");
        subject.textProperty().bind(vm.subjectProperty());
        subject.setTextOverrun(OverrunStyle.ELLIPSIS);
        subject.setMinWidth(0);
        Tooltip subjectTip = new Tooltip();
        subjectTip.textProperty().bind(vm.subjectProperty());
        subjectTip.setWrapText(false);
        subjectTip.setMaxWidth(520);
        subject.setTooltip(subjectTip);
        subject.visibleProperty().bind(vm.subjectProperty().isNotEmpty());
        subject.managedProperty().bind(subject.visibleProperty());

        Label status = new Label();
        status.setId("room-status");
        status.getStyleClass().add("chat-status");
        status.textProperty().bind(Bindings.concat(vm.statusTextProperty(), "  \u00b7  ", vm.address()));
        status.setTextOverrun(OverrunStyle.ELLIPSIS);
        status.setMinWidth(0);

        VBox text = new VBox(1, titleLine, subject, status);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);

        FontIcon muted = new FontIcon(Material2MZ.NOTIFICATIONS_OFF);
        muted.getStyleClass().add("room-muted");
        Tooltip.install(muted, new Tooltip("Notifications are off"));
        muted.visibleProperty().bind(vm.notificationsProperty().isEqualTo(NotificationLevel.NONE));
        muted.managedProperty().bind(muted.visibleProperty());

        peopleToggle.setId("people-toggle");
        peopleToggle.setGraphic(new FontIcon(Material2MZ.PEOPLE_OUTLINE));
        peopleToggle.textProperty().bind(vm.occupants().countProperty().asString());
        peopleToggle.getStyleClass().addAll(Styles.FLAT, "people-toggle");
        peopleToggle.setTooltip(new Tooltip("Show or hide the people in the room"));
        peopleToggle.setSelected(true);

        menu.setId("room-menu");
        menu.setGraphic(new FontIcon(Material2MZ.MORE_VERT));
        menu.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, "no-arrow");
        menu.setTooltip(new Tooltip("Room"));
        menu.setAccessibleText("Room menu");
        menu.setOnShowing(e -> fillMenu());
        fillMenu();

        HBox header = new HBox(12, avatar, text, muted, peopleToggle, menu);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().addAll("chat-header", "room-header");
        return header;
    }

    /** Rebuilt each time it opens: what is offered follows the user's role and affiliation of the moment. */
    private void fillMenu() {
        menu.getItems().clear();
        boolean in = vm.statusProperty().get() == RoomStatus.JOINED;
        ToggleGroup levels = new ToggleGroup();
        MenuItem notifyHeading = new MenuItem("Notify me about");
        notifyHeading.setDisable(true);
        notifyHeading.getStyleClass().add("menu-heading");
        menu.getItems().add(notifyHeading);
        for (NotificationLevel level : NotificationLevel.values()) {
            RadioMenuItem item = new RadioMenuItem(RoomViewModel.describe(level));
            item.setId("notify-" + level.name().toLowerCase(java.util.Locale.ROOT));
            item.setToggleGroup(levels);
            item.setSelected(vm.notificationsProperty().get() == level);
            item.setOnAction(e -> vm.setNotificationLevel(level));
            menu.getItems().add(item);
        }
        menu.getItems().add(new SeparatorMenuItem());
        if (in) {
            menu.getItems().add(item("menu-nick", "Change nickname\u2026", Material2AL.FACE, this::askNick));
            if (vm.canChangeSubjectProperty().get()) {
                menu.getItems().add(item("menu-subject", "Change subject\u2026", Material2AL.EDIT, this::askSubject));
            }
            if (vm.canInviteProperty().get()) {
                menu.getItems().add(item("menu-invite", "Invite someone\u2026", Material2MZ.PERSON_ADD, this::invite));
            }
            if (vm.canConfigureProperty().get()) {
                menu.getItems().add(item("menu-configure", "Room settings\u2026", Material2MZ.SETTINGS, this::configure));
            }
            menu.getItems().add(new SeparatorMenuItem());
            menu.getItems().add(item("menu-leave", "Leave the room", Material2AL.EXIT_TO_APP, vm::leave));
            if (vm.canDestroyProperty().get()) {
                MenuItem destroy = item("menu-destroy", "Close the room for good\u2026", Material2AL.DELETE_FOREVER,
                        this::askDestroy);
                destroy.getStyleClass().add(Styles.DANGER);
                menu.getItems().add(destroy);
            }
        } else {
            menu.getItems().add(item("menu-join", "Join the room", Material2AL.LOGIN, vm::rejoin));
        }
    }

    private static MenuItem item(String id, String text, org.kordamp.ikonli.Ikon icon, Runnable action) {
        MenuItem mi = new MenuItem(text, new FontIcon(icon));
        mi.setId(id);
        mi.setOnAction(e -> action.run());
        return mi;
    }

    /** Out of the room: why, and a way back in. */
    private HBox outBar() {
        Label text = WrapGuard.wrapping(new Label());
        text.setId("room-out");
        text.textProperty().bind(vm.outTextProperty());
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button join = new Button("Join again");
        join.setId("room-rejoin");
        join.getStyleClass().addAll(Styles.SMALL, Styles.ACCENT);
        join.setOnAction(e -> vm.rejoin());
        join.disableProperty().bind(vm.busyProperty());
        join.visibleProperty().bind(vm.statusProperty().isEqualTo(RoomStatus.LEFT)
                .or(vm.statusProperty().isEqualTo(RoomStatus.FAILED)));
        join.managedProperty().bind(join.visibleProperty());
        join.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(12, new FontIcon(Material2AL.INFO), text, join);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("room-out-bar");
        bar.visibleProperty().bind(vm.outTextProperty().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private HBox errorBar() {
        Label text = WrapGuard.wrapping(new Label());
        text.setId("room-action-error");
        text.textProperty().bind(vm.actionErrorProperty());
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button close = new Button(null, new FontIcon(Material2AL.CLOSE));
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        close.setOnAction(e -> vm.dismissActionError());
        HBox bar = new HBox(8, text, close);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("room-error-bar");
        bar.visibleProperty().bind(vm.actionErrorProperty().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    /** Tab completes nicknames; visitors see why they cannot write. */
    private void composer() {
        TextArea input = chat.messageInput();
        input.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isShiftDown() && !e.isControlDown() && !e.isAltDown()) {
                var r = vm.complete(input.getText(), input.getCaretPosition());
                if (r != null) {
                    input.setText(r.text());
                    input.positionCaret(r.caret());
                }
                // Tab in a message never leaves the composer, completed or not
                e.consume();
            } else if (e.getCode() != KeyCode.SHIFT && e.getCode() != KeyCode.CONTROL) {
                vm.completionInterrupted();
            }
        });
        input.disableProperty().bind(vm.canSpeakProperty().not());
        input.promptTextProperty().bind(Bindings.when(vm.canSpeakProperty()).then("Write to the room")
                .otherwise(Bindings.when(vm.statusProperty().isEqualTo(RoomStatus.JOINED))
                        .then("You need a voice to write here").otherwise("You are not in the room")));
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private TextInputDialog ask(String title, String header, String initial, String okText) {
        TextInputDialog d = new TextInputDialog(initial);
        d.setTitle(title);
        d.setHeaderText(header);
        d.setGraphic(null);
        d.getEditor().setId("room-ask-input");
        d.getEditor().setPrefColumnCount(28);
        ButtonType ok = new ButtonType(okText, ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, ok);
        d.getDialogPane().lookupButton(ok).getStyleClass().add(Styles.ACCENT);
        if (window() != null) {
            d.initOwner(window());
            d.getDialogPane().getStylesheets().addAll(getScene().getStylesheets());
        }
        return d;
    }

    private void askNick() {
        ask("Change nickname", "Your nickname in " + vm.titleProperty().get(), vm.ownNickProperty().get(), "Change")
                .showAndWait().ifPresent(vm::changeNick);
    }

    private void askSubject() {
        ask("Change subject", "What the room is talking about", vm.subjectProperty().get(), "Set subject")
                .showAndWait().ifPresent(vm::changeSubject);
    }

    private void askDestroy() {
        TextInputDialog d = ask("Close the room", "Close " + vm.titleProperty().get()
                + " for good? Everyone in it is sent out and its address is freed.", "", "Close the room");
        d.setContentText("Reason (optional):");
        d.getDialogPane().getButtonTypes().stream().filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE)
                .findFirst().ifPresent(b -> {
                    var button = d.getDialogPane().lookupButton(b);
                    button.getStyleClass().remove(Styles.ACCENT);
                    button.getStyleClass().add(Styles.DANGER);
                });
        d.showAndWait().ifPresent(vm::destroy);
    }

    private void invite() {
        new InviteDialog(vm.newInvite(), window()).show();
    }

    private void configure() {
        new RoomConfigurationDialog(vm.newConfiguration(), window()).show();
    }
}
