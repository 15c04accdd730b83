package im.natter.xmpp;

import im.natter.xmpp.chat.ReadMarkers;
import java.util.function.Consumer;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jxmpp.jid.EntityBareJid;

/** The two PEP requests of XEP-0490: publish one conversation's read point, fetch them all. */
final class ReadSyncRequests {

    static final String PUBSUB_NS = "http://jabber.org/protocol/pubsub";

    private ReadSyncRequests() {
    }

    /**
     * Item id = the peer's bare address; payload = the stanza-id our server gave the message. The node stays
     * private (whitelist: only the account), keeps one item per conversation, and pushes nothing on sign-in.
     */
    static IQ publish(EntityBareJid own, String peer, String stanzaId) {
        return new Request(IQ.Type.set, own, xml -> {
            xml.halfOpenElement("publish").attribute("node", ReadMarkers.MDS_NS).rightAngleBracket();
            xml.halfOpenElement("item").attribute("id", peer).rightAngleBracket();
            xml.halfOpenElement("displayed").xmlnsAttribute(ReadMarkers.MDS_NS).rightAngleBracket();
            xml.halfOpenElement("stanza-id").xmlnsAttribute(ReadMarkers.SID_NS).attribute("by", own.toString())
                    .attribute("id", stanzaId).closeEmptyElement();
            xml.closeElement("displayed").closeElement("item").closeElement("publish");
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

    static IQ fetch(EntityBareJid own) {
        return new Request(IQ.Type.get, own, xml ->
                xml.halfOpenElement("items").attribute("node", ReadMarkers.MDS_NS).closeEmptyElement());
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
