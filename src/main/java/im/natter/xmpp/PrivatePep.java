package im.natter.xmpp;

import java.util.function.Consumer;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jxmpp.jid.EntityBareJid;

/**
 * Requests on the account's own PEP nodes that hold private data, one item per thing (a conversation's read point,
 * a bookmark): publish one, retract one, fetch them all. Smack's PEP manager publishes with open defaults; these
 * nodes must stay readable by the account alone and keep every item.
 */
final class PrivatePep {

    static final String PUBSUB_NS = "http://jabber.org/protocol/pubsub";

    private PrivatePep() {
    }

    /** Publishes {@code payload} as item {@code itemId}: private (whitelist), every item kept, nothing pushed. */
    static IQ publish(EntityBareJid own, String node, String itemId, Consumer<XmlStringBuilder> payload) {
        return new Request(IQ.Type.set, own, xml -> {
            xml.halfOpenElement("publish").attribute("node", node).rightAngleBracket();
            xml.halfOpenElement("item").attribute("id", itemId).rightAngleBracket();
            payload.accept(xml);
            xml.closeElement("item").closeElement("publish");
            xml.halfOpenElement("publish-options").rightAngleBracket();
            xml.halfOpenElement("x").xmlnsAttribute("jabber:x:data").attribute("type", "submit").rightAngleBracket();
            field(xml, "FORM_TYPE", "hidden", PUBSUB_NS + "#publish-options");
            field(xml, "pubsub#persist_items", null, "true");
            field(xml, "pubsub#max_items", null, "max");
            field(xml, "pubsub#send_last_published_item", null, "never");
            field(xml, "pubsub#access_model", null, "whitelist");
            xml.closeElement("x").closeElement("publish-options");
        });
    }

    /** Retracts item {@code itemId} and tells the account's other devices. */
    static IQ retract(EntityBareJid own, String node, String itemId) {
        return new Request(IQ.Type.set, own, xml -> {
            xml.halfOpenElement("retract").attribute("node", node).attribute("notify", "true").rightAngleBracket();
            xml.halfOpenElement("item").attribute("id", itemId).closeEmptyElement();
            xml.closeElement("retract");
        });
    }

    static IQ fetch(EntityBareJid own, String node) {
        return new Request(IQ.Type.get, own, xml ->
                xml.halfOpenElement("items").attribute("node", node).closeEmptyElement());
    }

    private static void field(XmlStringBuilder xml, String var, String type, String value) {
        xml.halfOpenElement("field").attribute("var", var).optAttribute("type", type).rightAngleBracket();
        xml.element("value", value);
        xml.closeElement("field");
    }

    private static final class Request extends IQ {
        private final Consumer<XmlStringBuilder> body;

        Request(Type type, EntityBareJid to, Consumer<XmlStringBuilder> body) {
            super("pubsub", PUBSUB_NS);
            setType(type);
            setTo(to);
            this.body = body;
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.rightAngleBracket();
            body.accept(xml);
            return xml;
        }
    }
}
