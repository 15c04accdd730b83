package im.natter.xmpp.chat;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.XmlElement;
import org.jivesoftware.smackx.message_correct.element.MessageCorrectExtension;
import org.jivesoftware.smackx.message_fastening.element.FasteningElement;
import org.jivesoftware.smackx.message_retraction.element.RetractElement;

/**
 * What a message says about another message: a correction (XEP-0308), a retraction (XEP-0424) or a reply
 * (XEP-0461). Ids are taken as given; whether the sender may change the referenced message is the service's call.
 */
record MessageReferences(String replacesId, String retractsId, String replyToId) {

    static final String RETRACT_NS = "urn:xmpp:message-retract:1";
    static final String REPLY_NS = "urn:xmpp:reply:0";

    static MessageReferences of(Message message) {
        return new MessageReferences(replaces(message), retracts(message), replyTo(message));
    }

    private static String replaces(Message message) {
        MessageCorrectExtension replace = message.getExtension(MessageCorrectExtension.class);
        return replace == null ? null : blankToNull(replace.getIdInitialMessage());
    }

    /**
     * Version 1 (Conversations, Dino and Gajim today) carries the id on {@code <retract/>}; version 0 wrapped an
     * empty {@code <retract/>} in a XEP-0422 {@code <apply-to id=.../>} fastening.
     */
    private static String retracts(Message message) {
        XmlElement current = message.getExtensionElement("retract", RETRACT_NS);
        if (current instanceof StandardExtensionElement retract) {
            String id = blankToNull(retract.getAttributeValue("id"));
            if (id != null) {
                return id;
            }
        }
        for (XmlElement e : message.getExtensions(FasteningElement.ELEMENT, FasteningElement.NAMESPACE)) {
            if (e instanceof FasteningElement applyTo && applyTo.getReferencedStanzasOriginId() != null
                    && applyTo.getWrappedPayloads().stream().anyMatch(p -> p instanceof RetractElement)) {
                return blankToNull(applyTo.getReferencedStanzasOriginId().getId());
            }
        }
        return null;
    }

    private static String replyTo(Message message) {
        XmlElement reply = message.getExtensionElement("reply", REPLY_NS);
        return reply instanceof StandardExtensionElement r ? blankToNull(r.getAttributeValue("id")) : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
