package im.natter.xmpp.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import im.natter.domain.model.CertificateInfo;
import im.natter.testsupport.prosody.CertificateKind;
import im.natter.testsupport.prosody.TestCertificates;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Certificates are made by BouncyCastle through the test CA helper; nothing is read from this machine. */
class CertificateCheckerTest {

    private static final String DOMAIN = "localhost";
    // TLS 1.3 reports the key exchange as UNKNOWN; the checker must not depend on it.
    private static final String AUTH = "UNKNOWN";

    private final TestCertificates ca = TestCertificates.newCa();

    private CertificateChecker checker(List<String> trusted) {
        return CertificateChecker.create(ca.trustStore(), DOMAIN, trusted, Clock.systemUTC());
    }

    private X509Certificate[] chain(CertificateKind kind) {
        return ca.issue(kind).chain().toArray(X509Certificate[]::new);
    }

    private CertificateInfo refusal(X509Certificate[] chain) {
        var e = catchThrowableOfType(UntrustedCertificateException.class,
                () -> checker(List.of()).checkServerTrusted(chain, AUTH));
        assertThat(e).as("certificate should have been refused").isNotNull();
        return e.info();
    }

    @Test
    void acceptsACertificateFromATrustedAuthorityForTheDomain() throws Exception {
        checker(List.of()).checkServerTrusted(chain(CertificateKind.CA_SIGNED), AUTH);
    }

    @Test
    void refusesASelfSignedCertificateAndDescribesIt() {
        X509Certificate[] chain = chain(CertificateKind.SELF_SIGNED);
        CertificateInfo info = refusal(chain);
        assertThat(info.problems()).containsExactly("self-signed");
        assertThat(info.sha256Fingerprint()).isEqualTo(TestCertificates.sha256Fingerprint(chain[0]))
                .matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(info.subject()).contains("CN=localhost");
        assertThat(info.notAfter()).isEqualTo(chain[0].getNotAfter().toInstant());
    }

    @Test
    void refusesAnExpiredCertificateSayingWhenItExpired() {
        X509Certificate[] chain = chain(CertificateKind.EXPIRED);
        CertificateInfo info = refusal(chain);
        assertThat(info.problems()).singleElement().asString()
                .isEqualTo("expired on " + chain[0].getNotAfter().toInstant().toString().substring(0, 10));
    }

    @Test
    void refusesACertificateMadeForAnotherName() {
        CertificateInfo info = refusal(chain(CertificateKind.WRONG_HOST));
        assertThat(info.problems()).singleElement().asString().startsWith("made for another server name (")
                .doesNotContain("localhost");
    }

    @Test
    void refusesACertificateFromAnUnknownAuthority() {
        X509Certificate[] foreign = TestCertificates.newCa().issue(CertificateKind.CA_SIGNED).chain()
                .toArray(X509Certificate[]::new);
        assertThat(refusal(foreign).problems()).containsExactly("issued by an authority this computer does not trust");
    }

    @Test
    void acceptsExactlyTheCertificateTheUserTrusted() throws Exception {
        for (CertificateKind kind : List.of(CertificateKind.SELF_SIGNED, CertificateKind.EXPIRED,
                CertificateKind.WRONG_HOST)) {
            X509Certificate[] chain = chain(kind);
            String fingerprint = TestCertificates.sha256Fingerprint(chain[0]);
            checker(List.of(fingerprint.toLowerCase())).checkServerTrusted(chain, AUTH);
            X509Certificate[] other = chain(kind);
            assertThatThrownBy(() -> checker(List.of(fingerprint)).checkServerTrusted(other, AUTH))
                    .isInstanceOf(UntrustedCertificateException.class);
        }
    }

    @Test
    void hostNamesFollowTheWildcardRules() {
        X509Certificate cert = chain(CertificateKind.CA_SIGNED)[0];
        assertThat(Certificates.matchesHost(cert, "LOCALHOST")).isTrue();
        assertThat(Certificates.matchesHost(cert, "conference.localhost")).isTrue();
        assertThat(Certificates.matchesHost(cert, "other.localhost")).isFalse();
        assertThat(Certificates.serverNames(cert)).contains("localhost", "upload.localhost");
    }

    @Test
    void hasNoWayToTrustEverything() {
        assertThat(CertificateChecker.class.getDeclaredConstructors()).hasSize(1);
        assertThatThrownBy(() -> checker(List.of()).checkServerTrusted(new X509Certificate[0], AUTH))
                .isInstanceOf(java.security.cert.CertificateException.class);
    }
}
