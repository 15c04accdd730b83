package im.natter.xmpp;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.ConnectionFailedException;
import im.natter.domain.model.ConnectionProblem;
import im.natter.domain.port.ConnectionPort;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smackx.ping.PingManager;
import org.jxmpp.stringprep.XmppStringprepException;

/** Signs accounts in and out over XMPP (STARTTLS required, XEP-0198 resumption, ping). */
public final class ConnectionAdapter implements ConnectionPort {

    private static final System.Logger LOG = System.getLogger(ConnectionAdapter.class.getName());

    private final XmppSessions sessions;
    private final Listeners<Listener> listeners = new Listeners<>();

    public ConnectionAdapter(XmppSessions sessions) {
        this.sessions = sessions;
        sessions.addHook(new SessionHook() {
            @Override
            public void created(Session session) {
                attach(session);
            }

            @Override
            public void authenticated(Session session, boolean resumed) {
                keepAlive(session);
            }
        });
    }

    @Override
    public CompletableFuture<Void> connect(AccountSettings settings, char[] password) {
        // Copied now: the caller may wipe its array as soon as this returns.
        char[] secret = Arrays.copyOf(password, password.length);
        return run(() -> {
            Session session;
            try {
                session = sessions.create(settings, secret);
            } catch (XmppStringprepException e) {
                throw new ConnectionFailedException(ConnectionProblem.of(ConnectionProblem.Kind.OTHER,
                        "The address " + settings.id() + " is not a valid XMPP address."), e);
            } finally {
                Arrays.fill(secret, '\0');
            }
            signIn(session);
        });
    }

    @Override
    public CompletableFuture<Void> reconnect(AccountId account) {
        Session session = sessions.get(account);
        if (session == null) {
            return CompletableFuture.failedFuture(new ConnectionFailedException(ConnectionProblem.of(
                    ConnectionProblem.Kind.OTHER, "There is no earlier sign-in of " + account + " to repeat.")));
        }
        return run(() -> {
            if (session.isLive()) {
                return;
            }
            // the same connection object only while stream management can still resume its session
            boolean reuse = !session.signInFailed && !session.stalledAfterResumption
                    && session.connection.isSmResumptionPossible();
            signIn(reuse ? session : sessions.renew(session));
        });
    }

    @Override
    public CompletableFuture<Void> disconnect(AccountId account) {
        Session session = sessions.get(account);
        if (session == null) {
            return CompletableFuture.completedFuture(null);
        }
        session.closingOnPurpose.set(true);
        stopKeepAlive(session);
        return run(session.connection::disconnect);
    }

    @Override
    public boolean isConnected(AccountId account) {
        Session s = sessions.get(account);
        return s != null && s.isLive();
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    private void signIn(Session session) {
        session.closingOnPurpose.set(false);
        var conn = session.connection;
        try {
            if (!conn.isConnected()) {
                conn.connect();
            }
            conn.login();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            boolean streamOpened = sawXmppStream(conn);
            session.signInFailed = true;
            session.closingOnPurpose.set(true);
            conn.instantShutdown();
            ConnectionProblem problem = ConnectionProblems.from(e, session.domain, streamOpened);
            LOG.log(Level.INFO, "Sign-in of " + session.account + " failed: " + problem.kind() + " (" + e + ")");
            LOG.log(Level.DEBUG, "Sign-in failure in detail", e);
            throw new ConnectionFailedException(problem, e);
        }
        boolean resumed = conn.streamWasResumed();
        session.resumed = resumed;
        sessions.authenticated(session, resumed);
        listeners.fire(l -> l.connected(session.account, resumed));
    }

    private void attach(Session session) {
        session.connection.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosed() {
                if (!session.closingOnPurpose.get()) {
                    reportLost(session, ConnectionProblems.dropped(session.domain));
                }
            }

            @Override
            public void connectionClosedOnError(Exception e) {
                if (!session.closingOnPurpose.get()) {
                    reportLost(session, ConnectionProblems.lost(e, session.domain));
                }
            }
        });
        PingManager ping = PingManager.getInstanceFor(session.connection);
        // Smack's periodic ping waits minutes for its answer; KeepAlive does the periodic checking instead.
        ping.setPingInterval(-1);
        ping.registerPingFailedListener(() -> sessions.config().executor().execute(() -> stoppedAnswering(session)));
    }

    private void keepAlive(Session session) {
        stopKeepAlive(session);
        XmppConfig config = sessions.config();
        session.keepAlive = KeepAlive.start(session.connection, sessions.timer(), config.pingInterval(),
                config.keepAliveTimeout(), () -> sessions.timer().execute(() -> stoppedAnswering(session)));
    }

    /**
     * Drops the dead socket without closing the stream, so a later reconnect can still resume it. The socket is
     * gone before the loss is reported, so a listener that reconnects at once really gets a new connection.
     */
    private void stoppedAnswering(Session session) {
        boolean first = session.lossReported.compareAndSet(false, true);
        if (session.resumed) {
            session.stalledAfterResumption = true;
        }
        stopKeepAlive(session);
        session.connection.instantShutdown();
        if (first) {
            ConnectionProblem problem = ConnectionProblems.pingTimeout(session.domain);
            listeners.fire(l -> l.connectionLost(session.account, problem));
        }
    }

    private static void stopKeepAlive(Session session) {
        KeepAlive k = session.keepAlive;
        if (k != null) {
            k.stop();
        }
    }

    private void reportLost(Session session, ConnectionProblem problem) {
        if (session.lossReported.compareAndSet(false, true)) {
            listeners.fire(l -> l.connectionLost(session.account, problem));
        }
    }

    private CompletableFuture<Void> run(Runnable work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            sessions.config().executor().execute(() -> {
                try {
                    work.run();
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            });
        } catch (RuntimeException rejected) {
            done.completeExceptionally(rejected);
        }
        return done;
    }

    /**
     * Whether the server had answered with an XMPP stream and its features before things went wrong. Smack forgets
     * the stream id once the connection is down, but keeps the features it was offered.
     */
    private static boolean sawXmppStream(org.jivesoftware.smack.tcp.XMPPTCPConnection conn) {
        return conn.hasFeature(new javax.xml.namespace.QName("urn:ietf:params:xml:ns:xmpp-tls", "starttls"))
                || conn.hasFeature(new javax.xml.namespace.QName("urn:ietf:params:xml:ns:xmpp-sasl", "mechanisms"))
                || conn.hasFeature(new javax.xml.namespace.QName("urn:ietf:params:xml:ns:xmpp-bind", "bind"));
    }
}
