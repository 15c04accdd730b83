package im.natter.testsupport.prosody;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

import im.natter.testsupport.server.XmppTestServer;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * Plain Smack clients for the "other side" of a test (a contact who sends to or answers Natter), set up the
 * way the test server needs: STARTTLS required, only the test CA trusted, TCP_NODELAY (see stack facts: Nagle
 * plus delayed ACK cost ~40 ms per round trip).
 */
public final class SmackClients {

    private SmackClients() {
    }

    /** A configuration builder for this account on this server; adjust it before build(). */
    public static XMPPTCPConnectionConfiguration.Builder configuration(XmppTestServer server, TestAccount account,
            String resource) {
        try {
            return XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(server.domain())
                    .setHostAddress(InetAddress.getByName(server.host()))
                    .setPort(server.c2sPort())
                    .setUsernameAndPassword(account.username(), account.password())
                    .setResource(resource)
                    .setSecurityMode(SecurityMode.required)
                    .setCustomX509TrustManager(server.trustManager())
                    .setSocketFactory(new im.natter.xmpp.NoDelaySocketFactory());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A connected, logged-in client (resource "test"); disconnect it when done. */
    public static XMPPTCPConnection connect(XmppTestServer server, TestAccount account) {
        return connect(configuration(server, account, "test").build());
    }

    public static XMPPTCPConnection connect(XMPPTCPConnectionConfiguration configuration) {
        XMPPTCPConnection connection = new XMPPTCPConnection(configuration);
        try {
            connection.connect().login();
            return connection;
        } catch (SmackException | IOException | XMPPException e) {
            connection.disconnect();
            throw new IllegalStateException("test client " + configuration.getUsername() + " could not log in: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.disconnect();
            throw new IllegalStateException("interrupted while logging in", e);
        }
    }
}
