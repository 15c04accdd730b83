package im.natter.testsupport.server;

import im.natter.testsupport.ejabberd.EjabberdServer;
import im.natter.testsupport.prosody.ProsodyServer;
import im.natter.testsupport.prosody.SmackClients;
import im.natter.testsupport.prosody.TestAccount;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Prosody and one ejabberd per test class, each started the first time a test asks for it, so one test class
 * runs against both servers:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final XmppServers servers = XmppServers.create();
 *
 * @ParameterizedTest
 * @EnumSource(ServerKind.class)
 * void survivesACut(ServerKind kind) {
 *     XmppTestServer server = servers.server(kind);
 *     TestAccount alice = servers.newAccount(kind, "alice");
 *     XMPPTCPConnection bob = servers.connect(kind, servers.newAccount(kind, "bob"));   // disconnected after the test
 * }
 * }</pre>
 *
 * Prosody runs with its SQL storage ({@code sqlStorage()}): its internal archive stops at 10,000 items.
 */
public final class XmppServers implements AfterEachCallback, AfterAllCallback {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<ServerKind, XmppTestServer> servers = new EnumMap<>(ServerKind.class);
    private final AtomicInteger accounts = new AtomicInteger();
    private final List<XMPPTCPConnection> clients = new ArrayList<>();

    private XmppServers() {
    }

    public static XmppServers create() {
        return new XmppServers();
    }

    /** The running server of this kind, started on first use and kept for the test class. */
    public synchronized XmppTestServer server(ServerKind kind) {
        XmppTestServer server = servers.computeIfAbsent(Objects.requireNonNull(kind), XmppServers::startNew);
        if (!server.isRunning()) {
            server.start(); // a test may have stopped or killed it
        }
        return server;
    }

    /** Starts a fresh server of this kind that the caller owns (and must close). */
    public static XmppTestServer startNew(ServerKind kind) {
        return switch (kind) {
            case PROSODY -> prosody().start();
            case EJABBERD -> EjabberdServer.builder().start();
        };
    }

    /** {@code -Dnatter.prosody.debug=true} makes Prosody keep a debug log too, to explain a failing run. */
    private static ProsodyServer.Builder prosody() {
        ProsodyServer.Builder builder = ProsodyServer.builder().sqlStorage();
        return Boolean.getBoolean("natter.prosody.debug") ? builder.debugLog() : builder;
    }

    /** Registers a fresh account whose name starts with {@code prefix}, unique on this server, random password. */
    public TestAccount newAccount(ServerKind kind, String prefix) {
        String username = prefix.toLowerCase(Locale.ROOT) + accounts.incrementAndGet();
        byte[] secret = new byte[12];
        RANDOM.nextBytes(secret);
        String password = "pw-" + HexFormat.of().formatHex(secret);
        XmppTestServer s = server(kind);
        s.register(username, password);
        return new TestAccount(username, password, s.domain(), s.host(), s.c2sPort());
    }

    /** A logged-in Smack client on that server (see {@link SmackClients}), disconnected after the test. */
    public XMPPTCPConnection connect(ServerKind kind, TestAccount account) {
        XMPPTCPConnection connection = SmackClients.connect(server(kind), account);
        synchronized (clients) {
            clients.add(connection);
        }
        return connection;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        synchronized (clients) {
            clients.forEach(XMPPTCPConnection::disconnect);
            clients.clear();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        afterEach(context);
        servers.values().forEach(XmppTestServer::close);
        servers.clear();
    }
}
