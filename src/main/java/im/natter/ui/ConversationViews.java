package im.natter.ui;

import im.natter.domain.model.Address;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.ui.room.RoomView;
import im.natter.ui.room.RoomViewModel;
import im.natter.domain.model.PresenceStatus;
import im.natter.ui.chat.ChatView;
import im.natter.ui.chat.ChatViewModel;
import im.natter.ui.conversations.ConversationListView;
import im.natter.ui.conversations.ConversationListViewModel;
import im.natter.ui.conversations.ConversationListWarmUp;
import im.natter.ui.roster.ContactListItem;
import im.natter.ui.roster.RosterRow;
import im.natter.ui.shell.MainViewModel;
import im.natter.ui.chat.ChatWarmUp;
import im.natter.ui.fx.IdleWarmUp;
import im.natter.ui.room.RoomWarmUp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;

/**
 * Builds the conversation list and the chat views for the main window, and keeps their names and presence in
 * step with the roster, so a contact renamed or gone away shows so in the list and in an open chat.
 */
final class ConversationViews implements NatterUi.ChatSide {

    private final Map<ConversationKey, ChatViewModel> openChats = new HashMap<>();
    private ConversationListViewModel list;

    @Override
    public Node conversationList(UiServices services, MainViewModel main) {
        list = new ConversationListViewModel(services, main.account(), main::open);
        main.openKeyProperty().addListener((o, was, key) -> list.selectedProperty().set(key));
        main.roster().rows().addListener((ListChangeListener<RosterRow>) c -> followRoster(main));
        list.activate();
        followRoster(main);
        return new ConversationListView(list);
    }

    @Override
    public Node chat(UiServices services, MainViewModel main, ConversationKey key) {
        if (key.kind() == ConversationKind.ROOM) {
            RoomViewModel room = new RoomViewModel(services, key, list == null ? 0 : list.unreadOf(key), main::open);
            room.activate();
            return new RoomView(room);
        }
        ChatViewModel vm = new ChatViewModel(services, key);
        if (key.kind() == ConversationKind.ROOM_PRIVATE) {
            vm.setPeerName(list == null ? key.peer().value() : list.nameOf(key));
            vm.setPeerPresence(occupantPresence(services, key));
            vm.activate();
            return new ClosingChatView(vm, () -> { });
        }
        vm.setPeerName(main.displayNameOf(key.peer()));
        vm.setPeerPresence(main.presenceOf(key.peer()));
        vm.activate();
        openChats.put(key, vm);
        return new ClosingChatView(vm, () -> openChats.remove(key));
    }

    @Override
    public List<Supplier<? extends IdleWarmUp.Sample>> warmUpSamples(UiServices services) {
        List<Supplier<? extends IdleWarmUp.Sample>> samples = new ArrayList<>();
        // first: a first start's list is empty until the catch-up, which waits for the warm-up, brings conversations
        samples.add(ConversationListWarmUp::sample);
        samples.add(() -> ChatWarmUp.sample(services));
        if (services.rooms() != null) {
            samples.add(() -> RoomWarmUp.sample(services));
        }
        return samples;
    }

    /** How someone in a room is, as the room shows it; offline once they are not in it. */
    private static PresenceStatus occupantPresence(UiServices services, ConversationKey key) {
        if (services.rooms() == null || key.peer().nick().isEmpty()) {
            return PresenceStatus.OFFLINE;
        }
        String nick = key.peer().nick().get();
        return services.rooms().room(key.account(), key.peer().bare())
                .flatMap(r -> r.occupants().stream().filter(o -> o.nick().equals(nick)).findFirst())
                .map(o -> new PresenceStatus(o.availability(), o.statusText() == null ? "" : o.statusText()))
                .orElse(PresenceStatus.OFFLINE);
    }

    private void followRoster(MainViewModel main) {
        for (RosterRow row : main.roster().rows()) {
            if (row instanceof ContactListItem c) {
                rename(c.address(), main.displayNameOf(c.address()), main.presenceOf(c.address()));
            }
        }
    }

    private void rename(Address address, String name, PresenceStatus presence) {
        if (list != null) {
            list.setDisplayName(address, name);
        }
        openChats.forEach((key, vm) -> {
            if (key.peer().equals(address)) {
                vm.setPeerName(name);
                vm.setPeerPresence(presence);
            }
        });
    }

    /** The main window closes the chat views it lets go of; this forgets them here too. */
    private static final class ClosingChatView extends javafx.scene.layout.StackPane implements AutoCloseable {
        private final ChatView view;
        private final Runnable forget;

        ClosingChatView(ChatViewModel vm, Runnable forget) {
            this.view = new ChatView(vm);
            this.forget = forget;
            getChildren().add(view);
        }

        @Override
        public void close() {
            forget.run();
            view.dispose();
        }
    }
}
