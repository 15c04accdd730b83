package im.natter.xmpp;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.port.ChatPort;
import im.natter.xmpp.sasl.ScramSha256Mechanism;
import im.natter.xmpp.tls.CertificateChecker;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ReconnectionManager;
import org.jivesoftware.smack.Smack;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.sasl.core.SCRAMSHA1Mechanism;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.receipts.DeliveryReceiptManager;
import org.jivesoftware.smackx.receipts.DeliveryReceiptManager.AutoReceiptMode;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * The per-account connections shared by the four adapters: one XMPPTCPConnection per account. Create one
 * registry, then the adapters on it, then connect.
 */
public final class XmppSessions {

    private static final System.Logger LOG = System.getLogger(XmppSessions.class.getName());

    /**
     * SCRAM first; PLAIN is kept for servers whose password backend cannot do SCRAM, and is safe here only
     * because TLS is always required and the certificate checked. DIGEST-MD5, CRAM-MD5, ANONYMOUS, X-OAUTH2,
     * GSSAPI and EXTERNAL are never used.
     */
    static final List<String> SASL_MECHANISMS = List.of(ScramSha256Mechanism.NAME, SCRAMSHA1Mechanism.NAME, "PLAIN");

    static final String DEFAULT_RESOURCE = "natter";

    static {
        Smack.ensureInitialized(); // loads the extension providers before the first connection
        ScramSha256Mechanism.register();
        XmlParserSetup.install();
        im.natter.xmpp.chat.ExtensionProviders.install();
    }

    private final XmppConfig config;
    private final ConcurrentMap<AccountId, Session> sessions = new ConcurrentHashMap<>();
    private final List<SessionHook> hooks = new CopyOnWriteArrayList<>();
    /** The rooms each account is in; the room adapter answers once it is attached. */
    private volatile RoomDirectory rooms = RoomDirectory.NONE;
    /** Runs the keep-alive checks of all accounts; its daemon thread goes away while there is nothing to check. */
    private final ScheduledThreadPoolExecutor timer;

    public XmppSessions(XmppConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("xmpp-keepalive-", 0)
                .factory());
        timer.setKeepAliveTime(10, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    public XmppConfig config() {
        return config;
    }

    void addHook(SessionHook hook) {
        hooks.add(hook);
    }

    /** Lets the room adapter say which addresses are rooms, so one-to-one chat leaves their messages alone. */
    void knowRoomsBy(RoomDirectory directory) {
        rooms = java.util.Objects.requireNonNull(directory, "directory");
    }

    RoomDirectory rooms() {
        return rooms;
    }

    boolean isRoom(AccountId account, im.natter.domain.model.Address address) {
        return address != null && rooms.isRoom(account, address.bare());
    }

    /**
     * Who sent a one-to-one stanza (chat state, receipt, marker) that came from {@code from}: an occupant of a room
     * the account is in ({@code room/nick}, the peer of a private conversation through the room), else the bare
     * address of a user. Without this, what an occupant says in private would count for the room.
     */
    Optional<im.natter.domain.model.Address> sender(AccountId account, org.jxmpp.jid.Jid from) {
        if (from == null) {
            return Optional.empty();
        }
        Optional<im.natter.domain.model.Address> bare = im.natter.domain.model.Address.parse(
                from.asBareJid().toString());
        if (bare.isPresent() && from.hasResource() && isRoom(account, bare.get())) {
            return Optional.of(im.natter.domain.model.Address.occupant(bare.get(),
                    from.getResourceOrThrow().toString()));
        }
        return bare;
    }

    Session get(AccountId account) {
        return sessions.get(account);
    }

    Session live(AccountId account) throws ChatPort.NotConnectedException {
        Session s = sessions.get(account);
        if (s == null || !s.isLive()) {
            throw new ChatPort.NotConnectedException("Not connected to " + account.address().domain() + ".");
        }
        return s;
    }

    java.util.List<AccountId> accounts() {
        return java.util.List.copyOf(sessions.keySet());
    }

    /** The SASL mechanism the account's current connection signed in with, or null. */
    String usedSaslMechanism(AccountId account) {
        Session s = sessions.get(account);
        return s == null ? null : s.connection.getUsedSaslMechansism();
    }

    /** Makes a fresh connection for the account (dropping any earlier one) and lets the adapters attach to it. */
    Session create(AccountSettings settings, char[] password) throws XmppStringprepException {
        EntityBareJid jid = JidCreate.entityBareFrom(settings.id().address().value());
        String domain = jid.getDomain().toString();
        CertificateChecker checker = CertificateChecker.create(config.trustStore(), domain,
                settings.trustedFingerprints(), config.clock());
        String resource = settings.resource() == null || settings.resource().isBlank() ? DEFAULT_RESOURCE
                : settings.resource();
        var builder = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(jid.asDomainBareJid())
                .setUsernameAndPassword(jid.getLocalpart().toString(), new String(password))
                .setResource(resource)
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(checker)
                .setHostnameVerifier(checker::verify)
                .setSocketFactory(new NoDelaySocketFactory())
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .addEnabledSaslMechanism(SASL_MECHANISMS)
                .setSendPresence(true);
        var endpoint = settings.endpoint();
        if (endpoint != null && endpoint.host() != null && !endpoint.host().isBlank()) {
            builder.setHost(endpoint.host().strip());
            builder.setPort(endpoint.port() > 0 ? endpoint.port() : im.natter.domain.model.ServerEndpoint.DEFAULT_PORT);
        } else {
            Optional<InetSocketAddress> found = config.hostResolver().resolve(domain);
            found.ifPresent(a -> builder.setHostAddress(a.getAddress()).setPort(a.getPort()));
        }
        return open(settings, builder.build(), jid);
    }

    /**
     * A fresh connection with the same configuration as {@code stale}, for a reconnect that cannot resume: a
     * connection object that went through a failed sign-in (e.g. against a server still starting up) may keep
     * stale stream state, so the next attempt starts clean.
     */
    Session renew(Session stale) {
        return open(stale.settings, (XMPPTCPConnectionConfiguration) stale.connection.getConfiguration(), stale.ownJid);
    }

    private Session open(AccountSettings settings, XMPPTCPConnectionConfiguration configuration, EntityBareJid jid) {
        String domain = jid.getDomain().toString();
        XMPPTCPConnection conn = new XMPPTCPConnection(configuration);
        conn.setReplyTimeout(config.replyTimeout().toMillis());
        conn.setUseStreamManagement(true);
        conn.setUseStreamManagementResumption(true);
        conn.setParsingExceptionCallback(unparseable -> LOG.log(Level.WARNING,
                "Ignored a stanza from " + domain + " that could not be read: "
                        + unparseable.getParsingException()));
        // The service owns reconnection and its backoff; receipts are sent only once a message is archived.
        ReconnectionManager.getInstanceFor(conn).disableAutomaticReconnection();
        DeliveryReceiptManager.getInstanceFor(conn).setAutoReceiptMode(AutoReceiptMode.disabled);
        // Subscriptions are the user's decision, whether or not a RosterAdapter is attached.
        Roster.getInstanceFor(conn).setSubscriptionMode(Roster.SubscriptionMode.manual);

        Session session = new Session(settings.id(), settings, conn, jid);
        Session old = sessions.put(settings.id(), session);
        if (old != null) {
            KeepAlive k = old.keepAlive;
            if (k != null) {
                k.stop();
            }
            old.closingOnPurpose.set(true);
            old.connection.instantShutdown();
        }
        for (SessionHook hook : hooks) {
            hook.created(session);
        }
        return session;
    }

    void authenticated(Session session, boolean resumed) {
        session.lossReported.set(false);
        for (SessionHook hook : hooks) {
            try {
                hook.authenticated(session, resumed);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Sign-in follow-up failed", e);
            }
        }
    }
}
