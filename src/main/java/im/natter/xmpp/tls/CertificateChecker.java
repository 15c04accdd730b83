package im.natter.xmpp.tls;

import im.natter.domain.model.CertificateInfo;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Decides whether a server certificate is good enough for one account's XMPP domain.
 *
 * <p>Accepted when it chains to a trust anchor and names the domain; otherwise only when the user earlier
 * trusted exactly this certificate (its SHA-256 fingerprint) for this account. Anything else is refused with a
 * description the user can judge. There is deliberately no way to accept everything.
 *
 * <p>One instance per connection: it remembers the leaf it accepted so the host name check Smack runs after
 * the handshake can confirm it is looking at that same certificate.
 */
public final class CertificateChecker implements X509TrustManager {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final String domain;
    private final X509TrustManager pkix;
    private final List<String> trustedFingerprints;
    private final Clock clock;
    private volatile X509Certificate accepted;

    private CertificateChecker(String domain, X509TrustManager pkix, List<String> trustedFingerprints, Clock clock) {
        this.domain = domain;
        this.pkix = pkix;
        this.trustedFingerprints = List.copyOf(trustedFingerprints);
        this.clock = clock;
    }

    /**
     * @param trustStore the trust anchors, or null for the JDK's default trust store
     */
    public static CertificateChecker create(KeyStore trustStore, String domain, List<String> trustedFingerprints,
            Clock clock) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trustStore);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return new CertificateChecker(domain, x509, trustedFingerprints, clock);
                }
            }
            throw new IllegalStateException("no X.509 trust manager available");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load trust anchors", e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("Natter does not accept client connections");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("The server sent no certificate.");
        }
        X509Certificate leaf = chain[0];
        CertificateException chainProblem = null;
        try {
            pkix.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            chainProblem = e;
        }
        boolean hostOk = Certificates.matchesHost(leaf, domain);
        if (chainProblem == null && hostOk) {
            accepted = leaf;
            return;
        }
        String fingerprint = Certificates.sha256Fingerprint(leaf);
        if (trustedFingerprints.stream().anyMatch(f -> Certificates.sameFingerprint(f, fingerprint))) {
            accepted = leaf;
            return;
        }
        throw new UntrustedCertificateException(describe(chain, chainProblem, hostOk, fingerprint));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }

    /** Smack's host name check after the handshake: passes only for the certificate this checker accepted. */
    public boolean verify(String hostname, SSLSession session) {
        X509Certificate leaf = accepted;
        if (leaf == null) {
            return false;
        }
        try {
            var peer = session.getPeerCertificates();
            return peer.length > 0 && leaf.equals(peer[0]);
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
    }

    private CertificateInfo describe(X509Certificate[] chain, CertificateException chainProblem, boolean hostOk,
            String fingerprint) {
        X509Certificate leaf = chain[0];
        List<String> problems = new ArrayList<>();
        if (chainProblem != null) {
            String timeProblem = timeProblem(leaf);
            if (!chainsToAnchorIgnoringTime(chain)) {
                problems.add(Certificates.isSelfSigned(leaf) ? "self-signed"
                        : "issued by an authority this computer does not trust");
            } else if (timeProblem == null) {
                problems.add("could not be verified (" + chainProblem.getMessage() + ")");
            }
            if (timeProblem != null) {
                problems.add(timeProblem);
            }
        }
        if (!hostOk) {
            List<String> names = Certificates.serverNames(leaf);
            problems.add("made for another server name (" + (names.isEmpty() ? "no name given"
                    : String.join(", ", names)) + ")");
        }
        return new CertificateInfo(leaf.getSubjectX500Principal().getName(),
                leaf.getIssuerX500Principal().getName(), leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(), fingerprint, problems);
    }

    private String timeProblem(X509Certificate leaf) {
        try {
            leaf.checkValidity(Date.from(clock.instant()));
            return null;
        } catch (CertificateExpiredException e) {
            return "expired on " + DAY.format(leaf.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            return "not valid before " + DAY.format(leaf.getNotBefore().toInstant());
        }
    }

    /** Whether the chain leads to a trust anchor at some moment when the leaf was valid. */
    private boolean chainsToAnchorIgnoringTime(X509Certificate[] chain) {
        X509Certificate leaf = chain[0];
        Set<TrustAnchor> anchors = Arrays.stream(pkix.getAcceptedIssuers())
                .map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
        if (anchors.isEmpty()) {
            return false;
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false);
            Instant now = clock.instant();
            Instant notBefore = leaf.getNotBefore().toInstant();
            Instant notAfter = leaf.getNotAfter().toInstant();
            Instant when = now.isAfter(notAfter) ? notAfter.minusSeconds(1)
                    : now.isBefore(notBefore) ? notBefore.plusSeconds(1) : now;
            params.setDate(Date.from(when));
            params.addCertStore(CertStore.getInstance("Collection",
                    new CollectionCertStoreParameters(Arrays.asList(chain))));
            CertPathBuilder.getInstance("PKIX").build(params);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
