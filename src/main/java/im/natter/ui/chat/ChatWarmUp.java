package im.natter.ui.chat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import im.natter.ui.UiServices;
import im.natter.ui.fx.IdleWarmUp;
import im.natter.ui.fx.Unfolding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;

/**
 * A chat view over made-up messages that is never shown, for {@link IdleWarmUp}: built off the FX thread (which
 * loads the view's classes there), then grown by one message a frame, hidden in the window, so that the first real
 * chat finds its skins made, its style sheet parsed and its rows' styles looked up. Touches no service: its
 * timeline is never activated and its conversation is no one's.
 */
public final class ChatWarmUp implements IdleWarmUp.Sample {

    /** The conversation of a sample: an address that cannot exist (RFC 2606), so nothing real can match it. */
    public static final Address SAMPLE_PEER = Address.of("sample@natter.invalid");
    /** The account of every sample, rooms included: no one's. */
    public static final AccountId SAMPLE_ACCOUNT = AccountId.of("me@natter.invalid");
    private final ChatViewModel vm;
    private final ChatView view;
    private final List<ChatMessage> messages;
    private final Unfolding parts;
    private int shown;

    private ChatWarmUp(ChatViewModel vm, ChatView view, List<ChatMessage> messages) {
        this.vm = vm;
        this.view = view;
        this.messages = messages;
        // its header a frame after the view (which brings its list and composer in by itself): no frame styles it all
        this.parts = new Unfolding(view);
    }

    /** A one-to-one chat sample: a day change, both directions, delivery marks, a link, a long message. */
    public static ChatWarmUp sample(UiServices services) {
        ConversationKey key = ConversationKey.chat(SAMPLE_ACCOUNT, SAMPLE_PEER);
        ChatViewModel vm = new ChatViewModel(services, key);
        vm.setPeerName("Sample");
        ChatView view = IdleWarmUp.withoutIds(new ChatView(vm));
        IdleWarmUp.withoutIds(view.messagesPart());
        IdleWarmUp.withoutIds(view.composerPart());
        List<ChatMessage> messages = messages(key, null);
        preload(view, messages.getFirst());
        return new ChatWarmUp(vm, view, messages);
    }

    /**
     * Made-up messages of {@code key}, oldest first: from the peer and from the user, or, when {@code senders} is not
     * null, from those nicknames of a room.
     */
    public static List<ChatMessage> messages(ConversationKey key, List<String> senders) {
        Instant start = Instant.parse("2020-01-01T09:00:00Z");
        List<ChatMessage> out = new ArrayList<>();
        String[] texts = {"Good morning! Are we still on for today?", "Yes, see you at ten.",
                "Here is the map: https://example.org/map", "Great, thanks.",
                "A longer message that wraps over a few lines, as many do, so that the sample measures wrapped text"
                        + " the way a real conversation needs it measured, line after line after line.",
                "\ud83d\udc4d", "On my way", "Running five minutes late, sorry", "No problem", "I'm here",
                "Found you", "See you soon"};
        for (int i = 0; i < 16; i++) {
            boolean mine = i % 3 == 1;
            // a day change after the first few, so a day separator is styled too
            Instant at = start.plus(Duration.ofMinutes(i * 7L)).plus(Duration.ofDays(i < 4 ? 0 : 1));
            String nick = senders == null || mine ? null : senders.get(i % senders.size());
            Address sender = mine ? SAMPLE_ACCOUNT.address()
                    : nick != null ? Address.occupant(key.peer(), nick) : key.peer();
            DeliveryState state = !mine ? DeliveryState.RECEIVED
                    : i % 2 == 0 ? DeliveryState.DISPLAYED : DeliveryState.ON_SERVER;
            out.add(new ChatMessage(-1 - i, key, mine ? Direction.OUTGOING : Direction.INCOMING, sender, nick,
                    texts[i % texts.length], ContentKind.TEXT, "sample-" + i, null, null, at, at, state, null, null,
                    false, null, null, null, null, false, at, null));
        }
        return out;
    }

    @Override
    public Node node() {
        return view;
    }

    @Override
    public boolean step() {
        if (parts.next()) {
            return true;
        }
        if (shown == messages.size()) {
            return false;
        }
        // the first row alone (styled cold, it costs as much as a part), then two a frame: a row styled warm costs a
        // few milliseconds
        for (int i = 0; i < (shown == 0 ? 1 : 2) && shown < messages.size(); i++) {
            vm.showSample(messages.get(shown++));
        }
        return true;
    }

    @Override
    public void close() {
        view.dispose();
    }

    /** Loads, here on the builder's thread, the classes a row needs: a cell showing a message, its text and marks. */
    private static void preload(ChatView chat, ChatMessage m) {
        var cell = new MessageCell(chat.messageList(), item -> { }, link -> { });
        cell.updateItem(new MessageListItem(m, "Today", java.time.ZoneOffset.UTC), false);
    }
}
