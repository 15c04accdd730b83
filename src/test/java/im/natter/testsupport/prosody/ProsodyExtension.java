package im.natter.testsupport.prosody;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real Prosody per test class. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ProsodyExtension prosody = ProsodyExtension.create();            // or .create(b -> b.sqlStorage())
 *
 * @Test
 * void sendsAMessage() {
 *     TestAccount alice = prosody.newAccount("alice");                          // alice1@localhost, fresh per call
 *     ProsodyServer server = prosody.server();                                  // host(), c2sPort(), trustManager()
 *     XMPPTCPConnection bob = prosody.connect(prosody.newAccount("bob"));       // a plain Smack peer, auto-closed
 * }
 * }</pre>
 *
 * Test methods and lifecycle methods may also take a {@link ProsodyServer} parameter. On a non-static field the
 * server lives for one test instead.
 */
public final class ProsodyExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final UnaryOperator<ProsodyServer.Builder> options;
    private final AtomicInteger accounts = new AtomicInteger();
    private final List<XMPPTCPConnection> classClients = new ArrayList<>();
    private final List<XMPPTCPConnection> testClients = new ArrayList<>();
    private ProsodyServer server;
    private boolean perTest;
    private boolean inTest;

    private ProsodyExtension(UnaryOperator<ProsodyServer.Builder> options) {
        this.options = Objects.requireNonNull(options);
    }

    /** A server with the default options (CA-signed certificate, SCRAM-SHA-256, internal storage). */
    public static ProsodyExtension create() {
        return new ProsodyExtension(UnaryOperator.identity());
    }

    /** A server with options, e.g. {@code create(b -> b.sqlStorage().stanzaSizeLimit(2_000_000))}. */
    public static ProsodyExtension create(UnaryOperator<ProsodyServer.Builder> options) {
        return new ProsodyExtension(options);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startIfNeeded();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        inTest = true;
        if (server == null) {
            perTest = true;
            startIfNeeded();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        inTest = false;
        disconnect(testClients);
        if (perTest) {
            closeServer();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeServer();
    }

    /** The running server of this test class. */
    public ProsodyServer server() {
        if (server == null) {
            throw new IllegalStateException("the Prosody server is not running yet; register ProsodyExtension with "
                    + "@RegisterExtension on a static field and use it from a test or @BeforeEach");
        }
        return server;
    }

    /**
     * Registers a fresh account whose name starts with {@code prefix} and is unique on this server
     * (e.g. {@code alice1}, {@code alice2}), with a random password.
     */
    public TestAccount newAccount(String prefix) {
        Objects.requireNonNull(prefix);
        String username = prefix.toLowerCase(Locale.ROOT) + accounts.incrementAndGet();
        byte[] secret = new byte[12];
        RANDOM.nextBytes(secret);
        return newAccount(username, "pw-" + HexFormat.of().formatHex(secret));
    }

    /** Registers an account with exactly this name and password (fails if it already exists). */
    public TestAccount newAccount(String username, String password) {
        ProsodyServer s = server();
        s.register(username, password);
        return new TestAccount(username, password, s.domain(), s.host(), s.c2sPort());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ProsodyServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        startIfNeeded();
        return server;
    }

    private synchronized void startIfNeeded() {
        if (server == null) {
            server = options.apply(ProsodyServer.builder()).start();
        }
    }

    /**
     * A logged-in Smack client for the other side of a conversation (see {@link SmackClients}). Clients made
     * during a test are disconnected after it; clients made in {@code @BeforeAll} after the class.
     */
    public synchronized XMPPTCPConnection connect(TestAccount account) {
        XMPPTCPConnection connection = SmackClients.connect(server(), account);
        (inTest ? testClients : classClients).add(connection);
        return connection;
    }

    private static void disconnect(List<XMPPTCPConnection> clients) {
        synchronized (clients) {
            clients.forEach(XMPPTCPConnection::disconnect);
            clients.clear();
        }
    }

    private synchronized void closeServer() {
        disconnect(testClients);
        disconnect(classClients);
        if (server != null) {
            server.close();
            server = null;
            accounts.set(0);
        }
    }
}
