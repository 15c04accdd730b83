package im.natter.ui.shell;

import atlantafx.base.theme.Styles;
import im.natter.domain.model.ConversationKey;
import im.natter.ui.connection.ConnectionBar;
import im.natter.ui.fx.AvatarView;
import im.natter.ui.fx.FormParts;
import im.natter.ui.fx.FrameSteps;
import im.natter.ui.fx.IdleWarmUp;
import im.natter.ui.fx.WrapGuard;
import im.natter.ui.presence.PresencePicker;
import im.natter.ui.roster.AddContactDialog;
import im.natter.ui.room.InvitationBar;
import im.natter.ui.room.JoinRoomDialog;
import im.natter.ui.roster.RosterView;
import im.natter.ui.signin.SignInView;
import im.natter.ui.signin.SignInViewModel;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The main window: on the left the user's header, "start a chat", and the Chats | Contacts tabs; on the right the
 * open conversation or a calm empty state. A sign-in sheet can cover it when the password is needed.
 *
 * <p>Chat views are kept per conversation (up to {@link #CACHED_CHATS}) so switching back is instant; a view the
 * cache lets go of, and all of them on {@link #dispose()}, is closed if it is {@link AutoCloseable}.
 */
public final class MainWindow extends StackPane {

    static final int CACHED_CHATS = 8;
    private static final System.Logger LOG = System.getLogger(MainWindow.class.getName());

    private final MainViewModel vm;
    private final Function<ConversationKey, Node> chatFactory;
    private final Map<ConversationKey, Node> chats = new LinkedHashMap<>(16, 0.75f, true);
    private final StackPane chatHost = new StackPane();
    private final VBox emptyState;
    private final TabPane tabs = new TabPane();
    private final Tab chatsTab;
    private final Tab contactsTab;
    private final TextField startChat = new TextField();
    private final Button addContact = new Button();
    private final Button joinRoom = new Button();
    private final StackPane sheetLayer = new StackPane();
    private final RosterView rosterView;
    private final VBox side;
    private final VBox header;
    private final VBox startBox;
    private final BorderPane layout;
    private IdleWarmUp warmUp;
    private FrameSteps unfolding;

    public MainWindow(MainViewModel vm, Node conversationList, Function<ConversationKey, Node> chatFactory) {
        this.vm = vm;
        this.chatFactory = chatFactory;
        getStyleClass().add("main-window");

        rosterView = new RosterView(vm.roster());
        chatsTab = new Tab("Chats", conversationList);
        chatsTab.setId("chats-tab");
        contactsTab = new Tab("Contacts", rosterView);
        contactsTab.setId("contacts-tab");
        Label badge = new Label();
        badge.setId("requests-badge");
        badge.getStyleClass().add("badge");
        badge.textProperty().bind(vm.requestCountProperty().asString());
        badge.visibleProperty().bind(vm.requestCountProperty().greaterThan(0));
        // the tab header sizes itself when its graphic is set, not when a graphic's visibility flips
        contactsTab.setGraphic(vm.requestCountProperty().get() > 0 ? badge : null);
        vm.requestCountProperty().addListener((o, was, now) ->
                contactsTab.setGraphic(now.intValue() > 0 ? badge : null));
        tabs.getTabs().addAll(chatsTab, contactsTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add("side-tabs");
        VBox.setVgrow(tabs, Priority.ALWAYS);

        header = header();
        startBox = startRow();
        side = new VBox(header, startBox, tabs);
        side.getStyleClass().add("side-column");
        side.setPrefWidth(300);
        side.setMinWidth(260);
        side.setMaxWidth(360);

        Label emptyTitle = new Label("Select a conversation or start a new one");
        emptyTitle.getStyleClass().addAll(Styles.TITLE_4, Styles.TEXT_MUTED);
        FontIcon emptyIcon = new FontIcon(Material2AL.CHAT_BUBBLE_OUTLINE);
        emptyIcon.getStyleClass().add("empty-icon");
        emptyState = new VBox(12, emptyIcon, emptyTitle);
        emptyState.setId("empty-state");
        emptyState.setAlignment(Pos.CENTER);
        chatHost.getStyleClass().add("chat-host");
        chatHost.getChildren().add(emptyState);

        layout = new BorderPane(chatHost);
        layout.setLeft(side);
        layout.setTop(new VBox(noticeBar(), new InvitationBar(vm.invitations())));

        sheetLayer.getStyleClass().add("sheet-layer");
        sheetLayer.setVisible(false);
        getChildren().addAll(layout, sheetLayer);

        vm.openKeyProperty().addListener((o, was, key) -> showChat(key));
        showChat(vm.openKeyProperty().get());
        vm.signInSheetProperty().addListener((o, was, sheet) -> showSheet(sheet));
        showSheet(vm.signInSheetProperty().get());
        // someone asking to be added is easy to miss on a hidden tab: show it unless the user is busy in a chat
        if (vm.requestCountProperty().get() > 0) {
            tabs.getSelectionModel().select(contactsTab);
        }
        vm.requestCountProperty().addListener((o, was, now) -> {
            if (now.intValue() > was.intValue() && tabs.getSelectionModel().getSelectedItem() == chatsTab
                    && vm.openKeyProperty().get() == null) {
                tabs.getSelectionModel().select(contactsTab);
            }
        });
    }

    private VBox header() {
        AvatarView avatar = new AvatarView(40);
        avatar.show(vm.ownAddress(), vm.ownName());
        avatar.presence(vm.presence().availabilityProperty().get());
        vm.presence().availabilityProperty().addListener((o, was, now) -> avatar.presence(now));
        Label name = new Label(vm.ownName());
        name.setId("own-name");
        name.getStyleClass().addAll(Styles.TEXT_BOLD, "own-name");
        name.setTextOverrun(OverrunStyle.ELLIPSIS);
        name.setMinWidth(0);
        Label address = new Label(vm.ownAddress());
        address.setId("own-address");
        address.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        address.setTextOverrun(OverrunStyle.ELLIPSIS);
        address.setMinWidth(0);
        PresencePicker picker = new PresencePicker(vm.presence());
        VBox who = new VBox(0, name, address);
        who.setMinWidth(0);
        HBox.setHgrow(who, Priority.ALWAYS);
        HBox top = new HBox(12, avatar, who);
        top.setAlignment(Pos.CENTER_LEFT);
        picker.menu().setMinWidth(USE_PREF_SIZE);
        HBox.setHgrow(picker.messageField(), Priority.ALWAYS);
        HBox presenceRow = new HBox(6, picker.menu(), picker.messageField());
        presenceRow.setAlignment(Pos.CENTER_LEFT);

        ConnectionBar connection = new ConnectionBar(vm.connection());
        VBox header = new VBox(10, top, presenceRow, connection);
        header.getStyleClass().add("side-header");
        header.setPadding(new Insets(16, 16, 12, 16));
        return header;
    }

    private VBox startRow() {
        startChat.setId("start-chat");
        startChat.setPromptText("Chat with…");
        startChat.setTooltip(new javafx.scene.control.Tooltip("Start a chat with any address, e.g. name@example.org"));
        startChat.textProperty().bindBidirectional(vm.startChatTextProperty());
        startChat.setOnAction(e -> vm.startChat());
        HBox.setHgrow(startChat, Priority.ALWAYS);
        Button go = new Button(null, new FontIcon(Material2AL.CHAT));
        go.setId("start-chat-button");
        go.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        go.setTooltip(new Tooltip("Start a chat with this address"));
        go.setOnAction(e -> vm.startChat());
        addContact.setGraphic(new FontIcon(Material2MZ.PERSON_ADD));
        addContact.setId("add-contact");
        addContact.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        addContact.setTooltip(new Tooltip("Add contact"));
        addContact.setOnAction(e -> new AddContactDialog(vm.newAddContact(), getScene().getWindow()).show());
        joinRoom.setGraphic(new FontIcon(Material2AL.GROUP_ADD));
        joinRoom.setId("join-room");
        joinRoom.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        joinRoom.setTooltip(new Tooltip("Join or create a room"));
        joinRoom.setOnAction(e -> new JoinRoomDialog(vm.newJoinRoom(), getScene().getWindow()).show());
        joinRoom.setVisible(vm.hasRooms());
        joinRoom.setManaged(vm.hasRooms());
        HBox row = new HBox(4, startChat, go, addContact, joinRoom);
        row.setAlignment(Pos.CENTER_LEFT);
        Label error = FormParts.errorLine(vm.startChatErrorProperty(), "start-chat-error");
        VBox box = new VBox(4, row, error);
        box.setPadding(new Insets(0, 16, 8, 16));
        return box;
    }

    private HBox noticeBar() {
        Label text = new Label();
        text.setId("notice");
        text.textProperty().bind(vm.noticeProperty());
        WrapGuard.wrapping(text);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button close = new Button(null, new FontIcon(Material2AL.CLOSE));
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        close.setOnAction(e -> vm.dismissNotice());
        HBox bar = new HBox(8, new FontIcon(Material2MZ.WARNING), text, close);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("notice-bar");
        bar.visibleProperty().bind(text.textProperty().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    /**
     * Takes the window's parts off and gives them back one a frame (the user's header, the start row, the tabs, the
     * contacts, the bars above), then runs {@code then}: in a fresh JVM the window's first styling costs the FX
     * thread over 100 ms in one frame on a small machine, in small frames it runs smoothly. A conversation opened
     * meanwhile comes in pieces of its own, between the window's (see {@link im.natter.ui.fx.FrameShare}).
     */
    public void unfold(Runnable then) {
        if (unfolding != null) {
            throw new IllegalStateException("already unfolded");
        }
        List<Runnable> steps = new ArrayList<>();
        side.getChildren().clear();
        steps.add(() -> side.getChildren().add(header));
        // the header's rows (who, presence, connection) are each as dear as the start row, and a row's parts are
        // dear apiece (the presence row's menu and its text field each cost a frame's share when styled cold)
        List<Node> rows = List.copyOf(header.getChildren());
        header.getChildren().clear();
        for (Node row : rows) {
            List<Node> parts = row instanceof HBox box ? List.copyOf(box.getChildren()) : List.of();
            if (parts.size() < 2) {
                steps.add(() -> header.getChildren().add(row));
                continue;
            }
            HBox box = (HBox) row;
            box.getChildren().setAll(parts.getFirst());
            steps.add(() -> header.getChildren().add(row));
            parts.subList(1, parts.size()).forEach(part -> steps.add(() -> box.getChildren().add(part)));
        }
        steps.add(() -> side.getChildren().add(startBox));
        // the tab strip, then the list of chats in it
        Node chats = chatsTab.getContent();
        chatsTab.setContent(null);
        steps.add(() -> side.getChildren().add(tabs));
        steps.add(() -> chatsTab.setContent(chats));
        if (tabs.getSelectionModel().getSelectedItem() != contactsTab) {
            Node contacts = contactsTab.getContent();
            contactsTab.setContent(null);
            steps.add(() -> contactsTab.setContent(contacts));
        }
        Node bars = layout.getTop();
        layout.setTop(null);
        steps.add(() -> layout.setTop(bars));
        unfolding = FrameSteps.start(steps, then);
    }

    /** Whether all of the window is there (it was never folded, or it has unfolded). */
    public boolean isWhole() {
        return unfolding == null || unfolding.isDone();
    }

    /**
     * Warms the views that open conversations while nothing is open yet: the prepared samples are shown hidden in
     * the place of the open conversation, a step a frame (see {@link IdleWarmUp}). Opening a conversation stops it.
     */
    public void warmUp(IdleWarmUp prepared) {
        if (warmUp != null || vm.openKeyProperty().get() != null) {
            prepared.cancel();
            return;
        }
        warmUp = prepared;
        warmUp.showIn(chatHost);
    }

    /** The warm-up running or done, or null when none was started. */
    IdleWarmUp warmUpRun() {
        return warmUp;
    }

    private void showChat(ConversationKey key) {
        if (warmUp != null && key != null) {
            warmUp.cancel();
        }
        if (key == null) {
            chatHost.getChildren().setAll(emptyState);
            return;
        }
        Node chat = chats.computeIfAbsent(key, chatFactory);
        chatHost.getChildren().setAll(chat);
        while (chats.size() > CACHED_CHATS) {
            var eldest = chats.entrySet().iterator().next();
            chats.remove(eldest.getKey());
            close(eldest.getValue());
        }
    }

    private void showSheet(SignInViewModel sheet) {
        if (sheet == null) {
            sheetLayer.getChildren().clear();
            sheetLayer.setVisible(false);
            return;
        }
        SignInView view = new SignInView(sheet);
        view.setId("sign-in-sheet");
        sheetLayer.getChildren().setAll(view);
        sheetLayer.setVisible(true);
    }

    /** Closes every chat view this window made. */
    public void dispose() {
        if (unfolding != null) {
            unfolding.stop();
        }
        if (warmUp != null) {
            warmUp.cancel();
        }
        chats.values().forEach(MainWindow::close);
        chats.clear();
    }

    private static void close(Node chat) {
        if (chat instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing a chat view failed", e);
            }
        }
    }

    TextField startChatField() {
        return startChat;
    }

    TabPane tabs() {
        return tabs;
    }

    Label requestsBadge() {
        return (Label) contactsTab.getGraphic();
    }

    Tab contactsTab() {
        return contactsTab;
    }

    RosterView rosterView() {
        return rosterView;
    }

    StackPane chatHost() {
        return chatHost;
    }

    Button joinRoomButton() {
        return joinRoom;
    }

    Button addContactButton() {
        return addContact;
    }
}
