package im.natter.xmpp;

import im.natter.domain.model.ConnectionProblem;
import im.natter.domain.model.ConnectionProblem.Kind;
import im.natter.xmpp.tls.UntrustedCertificateException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.SmackException.EndpointConnectionException;
import org.jivesoftware.smack.SmackException.NoEndpointsDiscoveredException;
import org.jivesoftware.smack.SmackException.NoResponseException;
import org.jivesoftware.smack.SmackException.SecurityRequiredByClientException;
import org.jivesoftware.smack.SmackException.SmackCertificateException;
import org.jivesoftware.smack.SmackException.SmackSaslException;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.util.rce.RemoteConnectionEndpointLookupFailure;
import org.jivesoftware.smack.util.rce.RemoteConnectionException;

/** Turns whatever Smack, the JDK or the network threw into a problem the user can understand. */
public final class ConnectionProblems {

    private ConnectionProblems() {
    }

    /** While signing in. {@code domain} is the account's server name, used in the words. */
    public static ConnectionProblem from(Throwable failure, String domain) {
        return from(failure, domain, false);
    }

    /**
     * While signing in, knowing whether the server had already opened an XMPP stream: if it had, unreadable or
     * missing XML afterwards means it hung up on us, not that it is some other kind of server.
     */
    public static ConnectionProblem from(Throwable failure, String domain, boolean streamOpened) {
        List<Throwable> all = flatten(failure);

        for (Throwable t : all) {
            if (t instanceof UntrustedCertificateException u) {
                return new ConnectionProblem(Kind.UNTRUSTED_CERTIFICATE,
                        "The server's certificate is not trusted: " + String.join(", ", u.info().problems())
                                + ".", u.info());
            }
        }
        for (Throwable t : all) {
            if (t instanceof SASLErrorException sasl) {
                return saslProblem(sasl);
            }
        }
        for (Throwable t : all) {
            if (t instanceof SecurityRequiredByClientException) {
                return ConnectionProblem.of(Kind.TLS_FAILURE, "The server " + domain
                        + " does not offer an encrypted connection, so Natter did not sign in.");
            }
            if (t instanceof SmackSaslException && t.getCause() == null && t.getMessage() != null
                    && t.getMessage().startsWith("No supported and enabled SASL Mechanism")) {
                return ConnectionProblem.of(Kind.NO_SECURE_AUTHENTICATION, "The server " + domain
                        + " offers no sign-in method Natter considers safe.");
            }
            if (t instanceof StreamErrorException se) {
                return streamProblem(se, domain);
            }
        }
        for (Throwable t : all) {
            if (isXmlParseFailure(t)) {
                return streamOpened ? dropped(domain) : notXmpp(domain);
            }
        }
        for (Throwable t : all) {
            if (t instanceof UnknownHostException || t instanceof NoEndpointsDiscoveredException) {
                return unknownDomain(domain);
            }
        }
        for (Throwable t : all) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return ConnectionProblem.of(Kind.CONNECTION_REFUSED, "The server " + domain
                        + " refused the connection. It may be down, or the port may be wrong.");
            }
        }
        for (Throwable t : all) {
            if (t instanceof SocketTimeoutException || t instanceof NoResponseException) {
                return ConnectionProblem.of(Kind.TIMED_OUT, "The server " + domain + " did not answer in time.");
            }
        }
        if (failure instanceof EndpointConnectionException e && e.getConnectionExceptions().isEmpty()) {
            return unknownDomain(domain);
        }
        for (Throwable t : all) {
            if (t instanceof SSLException || t instanceof SmackCertificateException) {
                return ConnectionProblem.of(Kind.TLS_FAILURE, "An encrypted connection to " + domain
                        + " could not be set up (" + t.getMessage() + ").");
            }
        }
        for (Throwable t : all) {
            if (t instanceof EOFException || t instanceof SocketException
                    || (t instanceof SmackException.SmackWrappedException && t.getCause() == null)) {
                return dropped(domain);
            }
        }
        return ConnectionProblem.of(Kind.OTHER, "Could not connect to " + domain + ": " + describe(failure));
    }

    /** For a connection that was up and then went away. */
    public static ConnectionProblem lost(Throwable failure, String domain) {
        if (failure == null) {
            return dropped(domain);
        }
        ConnectionProblem p = from(failure, domain);
        return switch (p.kind()) {
            case OTHER, NOT_XMPP, CONNECTION_REFUSED, UNKNOWN_DOMAIN -> dropped(domain);
            default -> p;
        };
    }

    static ConnectionProblem dropped(String domain) {
        return ConnectionProblem.of(Kind.CONNECTION_DROPPED, "The connection to " + domain + " was lost.");
    }

    static ConnectionProblem pingTimeout(String domain) {
        return ConnectionProblem.of(Kind.TIMED_OUT, "The server " + domain + " stopped answering.");
    }

    private static ConnectionProblem notXmpp(String domain) {
        return ConnectionProblem.of(Kind.NOT_XMPP, "The server at that address for " + domain
                + " does not speak XMPP. Check the host name and port.");
    }

    private static ConnectionProblem unknownDomain(String domain) {
        return ConnectionProblem.of(Kind.UNKNOWN_DOMAIN, "No server could be found for " + domain
                + ". Check the address, or your internet connection.");
    }

    private static ConnectionProblem saslProblem(SASLErrorException sasl) {
        var error = sasl.getSASLFailure() == null ? null : sasl.getSASLFailure().getSASLError();
        if (error == null) {
            return ConnectionProblem.of(Kind.WRONG_CREDENTIALS, "The server did not accept the sign-in.");
        }
        return switch (error) {
            case not_authorized, credentials_expired, invalid_authzid -> ConnectionProblem.of(
                    Kind.WRONG_CREDENTIALS, "The server did not accept the user name or password.");
            case account_disabled -> ConnectionProblem.of(Kind.WRONG_CREDENTIALS,
                    "The server says this account is disabled.");
            case encryption_required, mechanism_too_weak, invalid_mechanism -> ConnectionProblem.of(
                    Kind.NO_SECURE_AUTHENTICATION, "The server refused Natter's sign-in method.");
            case temporary_auth_failure, aborted -> ConnectionProblem.of(Kind.OTHER,
                    "The server could not check the password just now. Try again later.");
            default -> ConnectionProblem.of(Kind.OTHER, "The server refused the sign-in (" + error + ").");
        };
    }

    private static ConnectionProblem streamProblem(StreamErrorException se, String domain) {
        var error = se.getStreamError();
        if (error == null) {
            return dropped(domain);
        }
        return switch (error.getCondition()) {
            case host_unknown -> ConnectionProblem.of(Kind.UNKNOWN_DOMAIN,
                    "The server at that address does not host " + domain + ".");
            case conflict -> ConnectionProblem.of(Kind.CONNECTION_DROPPED,
                    "This account signed in elsewhere with the same device name, which ended this connection.");
            case not_authorized -> ConnectionProblem.of(Kind.WRONG_CREDENTIALS,
                    "The server did not accept the sign-in.");
            case policy_violation -> ConnectionProblem.of(Kind.CONNECTION_DROPPED,
                    "The server closed the connection because a rule was broken (for example a message was too big).");
            case bad_format, not_well_formed, invalid_namespace, bad_namespace_prefix, unsupported_stanza_type ->
                    ConnectionProblem.of(Kind.CONNECTION_DROPPED,
                            "The server closed the connection because it could not read what Natter sent.");
            default -> ConnectionProblem.of(Kind.CONNECTION_DROPPED,
                    "The server " + domain + " closed the connection (" + error.getCondition() + ").");
        };
    }

    private static boolean isXmlParseFailure(Throwable t) {
        String name = t.getClass().getName();
        return name.endsWith("XmlPullParserException") || name.equals("javax.xml.stream.XMLStreamException");
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** The failure, its causes and suppressed ones, and the per-address failures Smack collects. */
    static List<Throwable> flatten(Throwable root) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        List<Throwable> out = new ArrayList<>();
        List<Throwable> todo = new ArrayList<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            Throwable t = todo.removeFirst();
            if (t == null || seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            out.add(t);
            todo.add(t.getCause());
            todo.addAll(List.of(t.getSuppressed()));
            if (t instanceof EndpointConnectionException e) {
                for (RemoteConnectionException<?> rce : e.getConnectionExceptions()) {
                    todo.add(rce.getException());
                }
                for (RemoteConnectionEndpointLookupFailure f : e.getLookupFailures()) {
                    todo.add(f.getException());
                }
            }
            if (t instanceof SmackCertificateException c) {
                todo.add(c.getCertificateException());
            }
        }
        return out;
    }
}
