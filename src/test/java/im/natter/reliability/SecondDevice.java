package im.natter.reliability;

import im.natter.testsupport.prosody.SmackClients;
import im.natter.testsupport.prosody.TestAccount;
import im.natter.testsupport.server.XmppTestServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * The user's other device: a plain Smack client on the same account with another resource, carbons on, that
 * sends with an origin-id as modern clients do and notes the bodies it receives from {@code peer}.
 */
final class SecondDevice implements AutoCloseable {

    private final XMPPTCPConnection connection;
    private final List<String> received = new CopyOnWriteArrayList<>();

    private SecondDevice(XMPPTCPConnection connection) {
        this.connection = connection;
    }

    static SecondDevice connect(XmppTestServer server, TestAccount account, String resource, String peer) {
        XMPPTCPConnection c = SmackClients.connect(SmackClients.configuration(server, account, resource).build());
        SecondDevice device = new SecondDevice(c);
        // synchronous: an async listener may run two messages in either order
        c.addSyncStanzaListener(s -> device.received.add(((Message) s).getBody()),
                s -> s instanceof Message m && m.getBody() != null && m.getFrom() != null
                        && m.getFrom().asBareJid().toString().equals(peer));
        CarbonManager carbons = CarbonManager.getInstanceFor(c);
        carbons.addCarbonCopyReceivedListener((direction, copy, wrapper) -> {
            if (direction == CarbonExtension.Direction.received && copy.getBody() != null && copy.getFrom() != null
                    && copy.getFrom().asBareJid().toString().equals(peer)) {
                device.received.add(copy.getBody());
            }
        });
        try {
            carbons.enableCarbons();
        } catch (Exception e) {
            c.disconnect();
            throw new IllegalStateException("the second device could not enable carbons: " + e.getMessage(), e);
        }
        return device;
    }

    void send(String to, String body) {
        try {
            MessageBuilder message = connection.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.entityBareFrom(to)).ofType(Message.Type.chat).setBody(body);
            OriginIdElement.addTo(message);
            connection.sendStanza(message.build());
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the second device could not send: " + e.getMessage(), e);
        }
    }

    List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
