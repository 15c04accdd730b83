package im.natter.xmpp.chat;

import org.jivesoftware.smack.Smack;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jxmpp.JxmppContext;

/** Parses stanzas from XML text the way Smack parses them off the wire (with all extension providers). */
public final class StanzaFixtures {

    static {
        Smack.ensureInitialized();
        ExtensionProviders.install(); // as the product does before its first connection
    }

    private StanzaFixtures() {
    }

    @SuppressWarnings("unchecked")
    public static <S extends Stanza> S parse(String xml) {
        try {
            var parser = PacketParserUtils.getParserFor(xml);
            return (S) PacketParserUtils.parseStanza(parser, XmlEnvironment.EMPTY, JxmppContext.getDefaultContext());
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot parse test stanza: " + xml, e);
        }
    }
}
