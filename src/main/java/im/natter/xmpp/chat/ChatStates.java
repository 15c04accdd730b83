package im.natter.xmpp.chat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatState;
import java.util.Optional;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;

/**
 * XEP-0085 chat states off the wire. Only what a contact sends live counts: a state copied from another device
 * or replayed from an archive is old news, and the user's own devices are not "the contact typing".
 */
public final class ChatStates {

    public static final String NAMESPACE = ChatStateExtension.NAMESPACE;

    static {
        ExtensionProviders.install();
    }

    /** A contact's state. */
    public record Received(Address from, ChatState state) {
    }

    private ChatStates() {
    }

    public static Optional<Received> from(Message message, AccountId account) {
        if (message.getType() == Message.Type.error || message.getType() == Message.Type.groupchat
                || CarbonExtension.from(message) != null || MamResultExtension.from(message) != null
                || message.getFrom() == null || InboundMessages.isAccount(message.getFrom(), account)) {
            return Optional.empty();
        }
        if (!(wireState(message) instanceof ChatStateExtension extension)) {
            return Optional.empty();
        }
        Optional<Address> from = Address.parse(message.getFrom().asBareJid().toString());
        return from.map(f -> new Received(f, toDomain(extension.getChatState())));
    }

    /** The chat state element of {@code message}, or null. */
    public static org.jivesoftware.smack.packet.XmlElement wireState(Message message) {
        for (org.jivesoftware.smackx.chatstates.ChatState s : org.jivesoftware.smackx.chatstates.ChatState.values()) {
            var e = message.getExtensionElement(s.name(), NAMESPACE);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    public static ChatStateExtension toWire(ChatState state) {
        return new ChatStateExtension(switch (state) {
            case ACTIVE -> org.jivesoftware.smackx.chatstates.ChatState.active;
            case COMPOSING -> org.jivesoftware.smackx.chatstates.ChatState.composing;
            case PAUSED -> org.jivesoftware.smackx.chatstates.ChatState.paused;
            case INACTIVE -> org.jivesoftware.smackx.chatstates.ChatState.inactive;
            case GONE -> org.jivesoftware.smackx.chatstates.ChatState.gone;
        });
    }

    private static ChatState toDomain(org.jivesoftware.smackx.chatstates.ChatState state) {
        return switch (state) {
            case active -> ChatState.ACTIVE;
            case composing -> ChatState.COMPOSING;
            case paused -> ChatState.PAUSED;
            case inactive -> ChatState.INACTIVE;
            case gone -> ChatState.GONE;
        };
    }
}
