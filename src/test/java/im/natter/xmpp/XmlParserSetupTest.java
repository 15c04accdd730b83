package im.natter.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.SmackXmlParser;
import org.junit.jupiter.api.Test;
import org.jxmpp.JxmppContext;

class XmlParserSetupTest {

    @Test
    void parsesAMegabyteBodyWithEscapesDespiteJdk25sXmlLimits() throws Exception {
        XmlParserSetup.install();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 1024 * 1024; i++) {
            sb.append("line ").append(i).append(" <&> \u00e4\u00f6\u00fc\n");
        }
        String text = sb.toString();
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        String xml = "<message xmlns='jabber:client' type='chat' from='a@example.org/r'><body>" + escaped
                + "</body></message>";
        var parser = SmackXmlParser.newXmlParser(new TrickleReader(xml));
        parser.next();
        Message m = (Message) PacketParserUtils.parseStanza(parser, XmlEnvironment.EMPTY,
                JxmppContext.getDefaultContext());
        assertThat(m.getBody()).isEqualTo(text);
    }

    /** Hands out text in small pieces, as a socket does; the JDK's limit is only hit across buffer refills. */
    private static final class TrickleReader extends java.io.Reader {
        private final StringReader in;

        TrickleReader(String text) {
            in = new StringReader(text);
        }

        @Override
        public int read(char[] buf, int off, int len) throws java.io.IOException {
            return in.read(buf, off, Math.min(len, 1500));
        }

        @Override
        public void close() {
            in.close();
        }
    }
}
