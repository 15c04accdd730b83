package im.natter.xmpp.chat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.InboundMessage;
import java.time.Instant;
import java.util.Optional;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.XmlElement;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.jxmpp.jid.Jid;

/** Translates an incoming one-to-one message stanza into the domain's record. */
public final class InboundMessages {

    static final String OMEMO_LEGACY_NS = "eu.siacs.conversations.axolotl";
    static final String OMEMO_2_NS = "urn:xmpp:omemo:2";

    private InboundMessages() {
    }

    /** Empty for stanzas that are not a chat message with content (errors, chat states, groupchat ...). */
    public static Optional<InboundMessage> from(Message message, AccountId account) {
        Message.Type type = message.getType();
        if (type != Message.Type.chat && type != Message.Type.normal) {
            return Optional.empty();
        }
        Jid from = message.getFrom();
        if (from == null) {
            return Optional.empty();
        }
        Optional<Address> sender = Address.parse(from.asBareJid().toString());
        if (sender.isEmpty()) {
            return Optional.empty();
        }
        XmlElement encrypted = omemoElement(message);
        boolean omemo = encrypted != null;
        String body = message.getBody();
        // Without a body only an encrypted payload counts; OMEMO key-transport messages carry neither.
        if (body == null && !(omemo && hasPayload(encrypted))) {
            return Optional.empty();
        }
        // The fallback body of an encrypted message only says "this is encrypted": never pass it on as text.
        String text = omemo ? "" : body;
        ContentKind kind = omemo ? ContentKind.OMEMO_ENCRYPTED : ContentKind.TEXT;
        String resource = from.getResourceOrNull() == null ? null : from.getResourceOrNull().toString();
        OriginIdElement origin = OriginIdElement.getOriginId(message);
        StanzaIdElement stanzaId = ourStanzaId(message, account);
        DelayInformation delay = DelayInformation.from(message);
        Instant serverTime = delay == null || delay.getStamp() == null ? null : delay.getStamp().toInstant();
        return Optional.of(new InboundMessage(account, sender.get(), resource, ConversationKind.CHAT, text, kind,
                message.getStanzaId(), origin == null ? null : origin.getId(),
                stanzaId == null ? null : stanzaId.getId(), stanzaId == null ? null : stanzaId.getBy(),
                serverTime, DeliveryReceiptRequest.from(message) != null));
    }

    /** Only a stanza-id our own server stamped counts: anyone else's could be forged by the sender. */
    private static StanzaIdElement ourStanzaId(Message message, AccountId account) {
        for (StanzaIdElement sid : message.getExtensions(StanzaIdElement.class)) {
            String by = sid.getBy();
            if (by != null && Address.parse(by).map(account.address()::equals).orElse(false)
                    && !by.contains("/")) {
                return sid;
            }
        }
        return null;
    }

    private static XmlElement omemoElement(Message message) {
        XmlElement legacy = message.getExtensionElement("encrypted", OMEMO_LEGACY_NS);
        return legacy != null ? legacy : message.getExtensionElement("encrypted", OMEMO_2_NS);
    }

    private static boolean hasPayload(XmlElement element) {
        return element instanceof StandardExtensionElement s && s.getFirstElement("payload") != null;
    }
}
