package im.natter.xmpp;

import im.natter.xmpp.chat.ReadMarkers;
import org.jivesoftware.smack.packet.IQ;
import org.jxmpp.jid.EntityBareJid;

/** The two PEP requests of XEP-0490: publish one conversation's read point, fetch them all. */
final class ReadSyncRequests {

    private ReadSyncRequests() {
    }

    /** Item id = the peer's bare address; payload = the stanza-id our server gave the message. */
    static IQ publish(EntityBareJid own, String peer, String stanzaId) {
        return PrivatePep.publish(own, ReadMarkers.MDS_NS, peer, xml -> {
            xml.halfOpenElement("displayed").xmlnsAttribute(ReadMarkers.MDS_NS).rightAngleBracket();
            xml.halfOpenElement("stanza-id").xmlnsAttribute(ReadMarkers.SID_NS).attribute("by", own.toString())
                    .attribute("id", stanzaId).closeEmptyElement();
            xml.closeElement("displayed");
        });
    }

    static IQ fetch(EntityBareJid own) {
        return PrivatePep.fetch(own, ReadMarkers.MDS_NS);
    }
}
