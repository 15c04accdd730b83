package im.natter.xmpp;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.port.ChatPort;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.EntityBareJid;

/** One account's connection. The same XMPPTCPConnection lives across reconnects so XEP-0198 can resume. */
final class Session {

    final AccountId account;
    final AccountSettings settings;
    final XMPPTCPConnection connection;
    final EntityBareJid ownJid;
    final String domain;
    /** Set while the user is signing out, so the close is not reported as a loss. */
    final AtomicBoolean closingOnPurpose = new AtomicBoolean();
    /** One loss report per outage, however many ways Smack tells us. */
    final AtomicBoolean lossReported = new AtomicBoolean();
    /** The dead-connection check of the current stream, or null. */
    volatile KeepAlive keepAlive;
    /** A sign-in on this connection object failed; the next attempt uses a fresh one. */
    volatile boolean signInFailed;
    /** The stream of the last sign-in was a resumption (XEP-0198) of an earlier one. */
    volatile boolean resumed;
    /**
     * A resumed stream on this connection object stopped answering: the next attempt uses a fresh one. Smack reuses
     * the object's writer and reader state across resumptions, and a stream that stalls right after one (seen
     * three times in a row against Prosody in the reliability suite, until a fresh object recovered at once) is not
     * worth resuming again; the catch-up fetches what the fresh session missed.
     */
    volatile boolean stalledAfterResumption;
    /** Whether the account's server keeps a XEP-0313 archive, learnt at each fresh sign-in; null before. */
    volatile Boolean archiveSupported;

    Session(AccountId account, AccountSettings settings, XMPPTCPConnection connection, EntityBareJid ownJid) {
        this.account = account;
        this.settings = settings;
        this.connection = connection;
        this.ownJid = ownJid;
        this.domain = ownJid.getDomain().toString();
    }

    boolean isLive() {
        return connection.isConnected() && connection.isAuthenticated();
    }

    XMPPTCPConnection liveConnection() throws ChatPort.NotConnectedException {
        if (!isLive()) {
            throw new ChatPort.NotConnectedException("Not connected to " + domain + ".");
        }
        return connection;
    }
}
