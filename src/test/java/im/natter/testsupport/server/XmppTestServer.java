package im.natter.testsupport.server;

import java.security.KeyStore;
import javax.net.ssl.X509TrustManager;

/**
 * What a test needs from a real XMPP server on loopback, whichever implementation runs it (Prosody or ejabberd):
 * where to connect, which CA to trust, accounts, and the faults a server can have (a clean restart, a crash).
 *
 * <pre>{@code
 * try (XmppTestServer server = EjabberdServer.builder().start()) {     // or ProsodyServer.builder().start()
 *     server.register("alice", "secret");
 *     server.stop();  server.start();                                  // same ports, same accounts
 * }
 * }</pre>
 */
public interface XmppTestServer extends AutoCloseable {

    /** "prosody" or "ejabberd", for test names and messages. */
    String kind();

    /** Always {@code 127.0.0.1}. */
    String host();

    /** The client-to-server port (STARTTLS required). */
    int c2sPort();

    /** The XMPP domain, {@code localhost}. */
    String domain();

    /** The MUC service (XEP-0045), {@code conference.localhost}. */
    String mucDomain();

    default String jid(String user) {
        return user + "@" + domain();
    }

    /** A key store whose only entry is the test CA that signed the server's certificate. */
    KeyStore trustStore();

    /** A trust manager that trusts only that CA. */
    X509TrustManager trustManager();

    /** Creates an account (ejabberd: the server must be running). */
    void register(String user, String password);

    /** Starts the server, or starts it again after stop()/kill() on the same ports with the same data. */
    XmppTestServer start();

    /** A clean shutdown; data and ports are kept for a later start(). */
    void stop();

    /** SIGKILL, as a crash would; data and ports are kept for a later start(). */
    void kill();

    boolean isRunning();

    /** The last lines of the server's log, for failure messages. */
    String logTail(int lines);

    /** Stops the server and leaves no process and no folder behind. Safe to call more than once. */
    @Override
    void close();
}
