package im.natter.xmpp.room;

import java.util.Optional;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.XmlElement;
import org.jivesoftware.smackx.message_fastening.element.FasteningElement;
import org.jxmpp.jid.Jid;

/**
 * XEP-0425 message moderation, in both versions seen on servers: {@code urn:xmpp:message-moderate:0} (Prosody's
 * 2023 mod_muc_moderation: a {@code <moderated/>} inside a XEP-0422 {@code <apply-to id=.../>}) and
 * {@code urn:xmpp:message-moderate:1} (a {@code <moderated/>} inside a XEP-0424 {@code <retract id=.../>}).
 * Who sent it is the caller's check: only the room's own bare address may moderate.
 */
public final class Moderation {

    static final String FASTEN_NS = "urn:xmpp:fasten:0";
    static final String RETRACT_0_NS = "urn:xmpp:message-retract:0";
    static final String RETRACT_1_NS = "urn:xmpp:message-retract:1";

    /**
     * A moderator's retraction of the message the room gave {@code stanzaId}.
     *
     * @param by the moderator as the room names them (an occupant address, or a real address), or null
     */
    public record Moderated(String stanzaId, String by, String reason) {
    }

    private Moderation() {
    }

    /** Whether the message carries a moderation of either version, whoever sent it. */
    public static boolean claims(Message message) {
        return of(message).isPresent();
    }

    public static Optional<Moderated> of(Message message) {
        // :1 — <retract id xmlns=retract:1><moderated by xmlns=moderate:1/><reason/></retract>
        for (XmlElement e : message.getExtensions("retract", RETRACT_1_NS)) {
            if (e instanceof StandardExtensionElement retract) {
                StandardExtensionElement moderated = retract.getFirstElement("moderated", RoomDisco.MODERATE_1_NS);
                String id = blank(retract.getAttributeValue("id"));
                if (moderated != null && id != null) {
                    return Optional.of(new Moderated(id, blank(moderated.getAttributeValue("by")),
                            text(retract.getFirstElement("reason"))));
                }
            }
        }
        // :0 — <apply-to id xmlns=fasten:0><moderated by xmlns=moderate:0><retract xmlns=retract:0/><reason/>
        for (XmlElement e : message.getExtensions(FasteningElement.ELEMENT, FASTEN_NS)) {
            if (!(e instanceof FasteningElement applyTo) || applyTo.getReferencedStanzasOriginId() == null) {
                continue;
            }
            String id = blank(applyTo.getReferencedStanzasOriginId().getId());
            for (XmlElement payload : applyTo.getWrappedPayloads()) {
                if (payload instanceof StandardExtensionElement moderated
                        && "moderated".equals(moderated.getElementName())
                        && RoomDisco.MODERATE_0_NS.equals(moderated.getNamespace())
                        && moderated.getFirstElement("retract", RETRACT_0_NS) != null && id != null) {
                    return Optional.of(new Moderated(id, blank(moderated.getAttributeValue("by")),
                            text(moderated.getFirstElement("reason"))));
                }
            }
        }
        return Optional.empty();
    }

    /** The moderator's nickname when {@code by} is an occupant address of the room, else {@code by} itself. */
    public static String moderatorName(String by) {
        if (by == null) {
            return null;
        }
        int slash = by.indexOf('/');
        return slash >= 0 && slash < by.length() - 1 ? by.substring(slash + 1) : by;
    }

    /** The request to retract {@code stanzaId} for everyone, in the version the room speaks. */
    public static IQ request(Jid room, String stanzaId, String reason, String namespace) {
        IQ iq = RoomDisco.MODERATE_1_NS.equals(namespace) ? new Request1(stanzaId, reason)
                : new Request0(stanzaId, reason);
        iq.setTo(room);
        iq.setType(IQ.Type.set);
        return iq;
    }

    /** {@code <apply-to xmlns='urn:xmpp:fasten:0' id=...><moderate xmlns=':0'><retract/><reason/></moderate>}. */
    private static final class Request0 extends IQ {
        private final String stanzaId;
        private final String reason;

        Request0(String stanzaId, String reason) {
            super(FasteningElement.ELEMENT, FASTEN_NS);
            this.stanzaId = stanzaId;
            this.reason = reason;
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.attribute("id", stanzaId).rightAngleBracket();
            xml.halfOpenElement("moderate").xmlnsAttribute(RoomDisco.MODERATE_0_NS).rightAngleBracket();
            xml.halfOpenElement("retract").xmlnsAttribute(RETRACT_0_NS).closeEmptyElement();
            xml.optElement("reason", blank(reason));
            xml.closeElement("moderate");
            return xml;
        }
    }

    /** {@code <moderate xmlns='urn:xmpp:message-moderate:1' id=...><retract xmlns=retract:1/><reason/>}. */
    private static final class Request1 extends IQ {
        private final String stanzaId;
        private final String reason;

        Request1(String stanzaId, String reason) {
            super("moderate", RoomDisco.MODERATE_1_NS);
            this.stanzaId = stanzaId;
            this.reason = reason;
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.attribute("id", stanzaId).rightAngleBracket();
            xml.halfOpenElement("retract").xmlnsAttribute(RETRACT_1_NS).closeEmptyElement();
            xml.optElement("reason", blank(reason));
            return xml;
        }
    }

    private static String text(StandardExtensionElement e) {
        return e == null ? null : blank(e.getText());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
