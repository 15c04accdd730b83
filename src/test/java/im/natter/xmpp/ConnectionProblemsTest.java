package im.natter.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.CertificateInfo;
import im.natter.domain.model.ConnectionProblem;
import im.natter.domain.model.ConnectionProblem.Kind;
import im.natter.xmpp.tls.UntrustedCertificateException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.sasl.packet.SaslNonza.SASLFailure;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.junit.jupiter.api.Test;

class ConnectionProblemsTest {

    private static ConnectionProblem map(Throwable t) {
        return ConnectionProblems.from(t, "example.org");
    }

    @Test
    void wrongPassword() {
        var p = map(new SASLErrorException("SCRAM-SHA-256", new SASLFailure("not-authorized")));
        assertThat(p.kind()).isEqualTo(Kind.WRONG_CREDENTIALS);
        assertThat(p.message()).isEqualTo("The server did not accept the user name or password.");
    }

    @Test
    void unknownDomain() {
        var p = map(new IOException("lookup", new UnknownHostException("no-such.invalid")));
        assertThat(p.kind()).isEqualTo(Kind.UNKNOWN_DOMAIN);
        assertThat(p.message()).contains("example.org");
    }

    @Test
    void connectionRefused() {
        assertThat(map(new ConnectException("Connection refused")).kind()).isEqualTo(Kind.CONNECTION_REFUSED);
    }

    @Test
    void timedOut() {
        assertThat(map(new SocketTimeoutException("connect timed out")).kind()).isEqualTo(Kind.TIMED_OUT);
    }

    @Test
    void unreadableXmlAfterTheServerOpenedItsStreamMeansItHungUp() {
        var failure = new SmackException.SmackWrappedException(new XmlPullParserException("ParseError at [1,253]"));
        assertThat(ConnectionProblems.from(failure, "example.org", true).kind()).isEqualTo(Kind.CONNECTION_DROPPED);
        assertThat(ConnectionProblems.from(failure, "example.org", false).kind()).isEqualTo(Kind.NOT_XMPP);
    }

    @Test
    void notAnXmppServer() {
        var p = map(new SmackException.SmackWrappedException(new XmlPullParserException("unexpected HTTP/1.1")));
        assertThat(p.kind()).isEqualTo(Kind.NOT_XMPP);
        assertThat(p.message()).doesNotContain("Exception");
    }

    @Test
    void serverWithoutStartTls() {
        var p = map(new SmackException.SecurityRequiredByClientException());
        assertThat(p.kind()).isEqualTo(Kind.TLS_FAILURE);
        assertThat(p.message()).contains("encrypted");
    }

    @Test
    void untrustedCertificateCarriesItsDescription() {
        var info = new CertificateInfo("CN=x", "CN=x", Instant.EPOCH, Instant.EPOCH, "AA:BB", List.of("self-signed"));
        var handshake = new SSLHandshakeException("bad cert");
        handshake.initCause(new UntrustedCertificateException(info));
        var p = map(new SmackException.SmackWrappedException(handshake));
        assertThat(p.kind()).isEqualTo(Kind.UNTRUSTED_CERTIFICATE);
        assertThat(p.certificate()).isEqualTo(info);
        assertThat(p.message()).contains("self-signed");
    }

    @Test
    void otherTlsFailures() {
        assertThat(map(new SSLHandshakeException("no cipher suites in common")).kind()).isEqualTo(Kind.TLS_FAILURE);
    }

    @Test
    void serverClosedTheConnectionMidLogin() {
        assertThat(map(new EOFException()).kind()).isEqualTo(Kind.CONNECTION_DROPPED);
        assertThat(map(new SocketException("Connection reset")).kind()).isEqualTo(Kind.CONNECTION_DROPPED);
    }

    @Test
    void noSafeMechanism() {
        var p = map(new SmackException.SmackSaslException(
                "No supported and enabled SASL Mechanism provided by server. Server announced mechanisms: [DIGEST-MD5]"));
        assertThat(p.kind()).isEqualTo(Kind.NO_SECURE_AUTHENTICATION);
    }

    @Test
    void streamErrors() {
        var conflict = new StreamErrorException(new StreamError(StreamError.Condition.conflict, null, null, null));
        assertThat(ConnectionProblems.lost(conflict, "example.org").kind()).isEqualTo(Kind.CONNECTION_DROPPED);
        var hostUnknown = new StreamErrorException(new StreamError(StreamError.Condition.host_unknown, null, null,
                null));
        assertThat(map(hostUnknown).kind()).isEqualTo(Kind.UNKNOWN_DOMAIN);
    }

    @Test
    void anythingElseIsOtherWithoutAStackTrace() {
        var p = map(new IllegalStateException("strange"));
        assertThat(p.kind()).isEqualTo(Kind.OTHER);
        assertThat(p.message()).isEqualTo("Could not connect to example.org: strange");
    }

    @Test
    void aLostConnectionIsReportedAsDropped() {
        assertThat(ConnectionProblems.lost(new IllegalStateException("x"), "example.org").kind())
                .isEqualTo(Kind.CONNECTION_DROPPED);
        assertThat(ConnectionProblems.lost(null, "example.org").kind()).isEqualTo(Kind.CONNECTION_DROPPED);
    }
}
