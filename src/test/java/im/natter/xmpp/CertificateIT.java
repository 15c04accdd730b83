package im.natter.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.CertificateInfo;
import im.natter.domain.model.ConnectionFailedException;
import im.natter.domain.model.ConnectionProblem.Kind;
import im.natter.testsupport.prosody.CertificateKind;
import im.natter.testsupport.prosody.ProsodyServer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A server whose certificate is not good enough is refused with its description, until the user trusts it. */
class CertificateIT {

    @ParameterizedTest
    @CsvSource({"SELF_SIGNED, self-signed", "EXPIRED, expired on", "WRONG_HOST, made for another server name"})
    void refusedWithItsFingerprintThenAcceptedOnceTrusted(CertificateKind kind, String problem) throws Exception {
        try (ProsodyServer server = ProsodyServer.builder().certificate(kind).start();
                TestClient client = TestClient.forServer(server)) {
            server.register("carol", "carol-pw");
            var account = new im.natter.testsupport.prosody.TestAccount("carol", "carol-pw", server.domain(),
                    server.host(), server.c2sPort());
            AccountSettings settings = TestClient.settings(account, "natter");

            Throwable t = catchThrowable(() -> client.connect(settings, "carol-pw").get(20, TimeUnit.SECONDS));
            assertThat(t).isInstanceOf(ExecutionException.class).cause().isInstanceOf(ConnectionFailedException.class);
            var refused = ((ConnectionFailedException) t.getCause()).problem();
            assertThat(refused.kind()).isEqualTo(Kind.UNTRUSTED_CERTIFICATE);
            CertificateInfo info = refused.certificate();
            assertThat(info.sha256Fingerprint()).isEqualTo(server.serverFingerprint());
            assertThat(info.problems()).anySatisfy(p -> assertThat(p).startsWith(problem));
            assertThat(client.connection.isConnected(settings.id())).isFalse();

            AccountSettings trusting = settings.withTrusted(info.sha256Fingerprint());
            client.connect(trusting, "carol-pw").get(20, TimeUnit.SECONDS);
            assertThat(client.connection.isConnected(settings.id())).isTrue();
        }
    }
}
