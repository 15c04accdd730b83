package im.natter.service;

import im.natter.domain.event.ConversationChanged;
import im.natter.domain.event.MessageChanged;
import im.natter.domain.event.NoticeRaised;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import im.natter.domain.port.ArchiveException;
import im.natter.domain.port.MarkersPort;
import im.natter.domain.port.MessageStore;
import im.natter.domain.port.ReadStateStore;
import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Read state in both directions. The user reading a chat tells the contact (a displayed marker, XEP-0333) and
 * the user's other devices (XEP-0490); a contact's marker turns the user's message "seen"; another device's read
 * point lowers the unread count here.
 *
 * <p>All work runs on the serial {@code worker}, like {@link ChatService}, so it never races the archive writes
 * of the messages it names.
 */
public final class ReadStateService {

    private static final System.Logger LOG = System.getLogger(ReadStateService.class.getName());
    private static final Comparator<ChatMessage> ORDER = Comparator.comparing(ChatMessage::orderTime)
            .thenComparingLong(ChatMessage::id);

    private final MessageStore messages;
    private final ReadStateStore readState;
    private final MarkersPort markers;
    private final EventBus bus;
    private final Executor worker;
    /** The newest message of each conversation already reported as seen (worker thread only). */
    private final Map<ConversationKey, ChatMessage> reported = new HashMap<>();

    public ReadStateService(MessageStore messages, ReadStateStore readState, MarkersPort markers, EventBus bus,
            Executor worker) {
        this.messages = messages;
        this.readState = readState;
        this.markers = markers;
        this.bus = bus;
        this.worker = worker;
        markers.addListener(new MarkersPort.Listener() {
            @Override
            public void displayedByPeer(AccountId account, Address from, String messageId) {
                worker.execute(() -> peerDisplayed(account, from, messageId));
            }

            @Override
            public void readElsewhere(AccountId account, Address peer, String stanzaId, String messageId) {
                worker.execute(() -> readUpTo(account, peer, stanzaId, messageId));
            }
        });
    }

    /**
     * The user has seen {@code newest}, the newest incoming message on screen while the window had the focus.
     * Each message is reported at most once, and never one older than a message already reported.
     */
    public void seen(ChatMessage newest) {
        if (newest.direction() != Direction.INCOMING) {
            return;
        }
        worker.execute(() -> {
            ConversationKey key = newest.conversation();
            ChatMessage before = reported.get(key);
            if (before != null && ORDER.compare(before, newest) >= 0) {
                return;
            }
            reported.put(key, newest);
            AccountId account = key.account();
            // a displayed marker in a room would go to everyone in it; read state there is the user's own business
            if (newest.originId() != null && key.kind() != im.natter.domain.model.ConversationKind.ROOM) {
                markers.sendDisplayed(account, key.peer(), newest.originId());
            }
            // only our own server's stanza-id means the same message on every device of the account
            if (newest.stanzaId() != null && account.address().value().equals(newest.stanzaIdBy())) {
                markers.publishReadUpTo(account, key.peer(), newest.stanzaId());
            }
        });
    }

    private void peerDisplayed(AccountId account, Address from, String messageId) {
        try {
            Optional<ChatMessage> ours = messages.findByOriginId(account, messageId);
            // only the person we wrote to can say they saw it; anyone else's marker is ignored
            if (ours.isEmpty() || !ours.get().isOutgoing() || !ours.get().conversation().peer().equals(from)) {
                LOG.log(Level.DEBUG, "ignored a displayed marker from " + from);
                return;
            }
            messages.updateState(account, messageId, DeliveryState.DISPLAYED, null)
                    .ifPresent(m -> bus.publish(new MessageChanged(m)));
        } catch (ArchiveException e) {
            notice(e);
        }
    }

    private void readUpTo(AccountId account, Address peer, String stanzaId, String messageId) {
        try {
            readState.markReadUpTo(ConversationKey.chat(account, peer), stanzaId, account.address().value(),
                    messageId).ifPresent(c -> bus.publish(new ConversationChanged(c)));
        } catch (ArchiveException e) {
            notice(e);
        }
    }

    private void notice(ArchiveException e) {
        LOG.log(Level.WARNING, e.getMessage(), e);
        bus.publish(new NoticeRaised(NoticeRaised.Level.ERROR, e.getMessage()));
    }
}
