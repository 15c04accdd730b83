package im.natter.ui.conversations;

import im.natter.domain.model.Address;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.ui.chat.ChatWarmUp;
import im.natter.ui.fx.IdleWarmUp;
import java.time.Instant;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/**
 * A conversation list over made-up conversations that is never shown, for {@link IdleWarmUp}: a first start has an
 * empty list, and the first conversation the catch-up brings would style the first row (avatar, name, preview,
 * badges, the room mark) in a JVM that has run none of that code. A chat, a room with a mention and a muted one,
 * the first alone and then the rest, one step a frame.
 */
public final class ConversationListWarmUp implements IdleWarmUp.Sample {

    private final VBox view;
    private final ListView<ConversationListItem> list = ConversationListView.rowsList();
    private final List<ConversationListItem> conversations;
    private int shown;

    private ConversationListWarmUp(List<ConversationListItem> conversations) {
        this.conversations = conversations;
        view = new VBox(list);
        ConversationListView.dress(view);
    }

    /** Made-up conversations of no one's account; builds no node that needs the FX thread. */
    public static ConversationListWarmUp sample() {
        Instant at = Instant.parse("2020-01-01T09:00:00Z");
        var chat = new ConversationListItem(ConversationKey.chat(ChatWarmUp.SAMPLE_ACCOUNT, ChatWarmUp.SAMPLE_PEER),
                "Sample");
        chat.update("See you at ten.", "09:00", 2, at);
        var room = new ConversationListItem(new ConversationKey(ChatWarmUp.SAMPLE_ACCOUNT,
                Address.of("room@conference.natter.invalid"), ConversationKind.ROOM), "Sample room");
        room.update("Sample: @me, have a look", "08:55", 5, at.minusSeconds(300));
        room.updateRoom(1, false);
        var quiet = new ConversationListItem(new ConversationKey(ChatWarmUp.SAMPLE_ACCOUNT,
                Address.of("quiet@conference.natter.invalid"), ConversationKind.ROOM), "Quiet room");
        quiet.update("Nothing new", "Yesterday", 0, at.minusSeconds(86_400));
        quiet.updateRoom(0, true);
        return new ConversationListWarmUp(List.of(chat, room, quiet));
    }

    @Override
    public Node node() {
        return view;
    }

    @Override
    public boolean step() {
        if (shown == conversations.size()) {
            return false;
        }
        // the first row alone: it is the one styled cold
        shown = shown == 0 ? 1 : conversations.size();
        list.getItems().setAll(conversations.subList(0, shown));
        return true;
    }

    @Override
    public void close() {
        // the cells let go of the items' properties when they show nothing
        list.getItems().clear();
    }
}
