package im.natter.testsupport.prosody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.jivesoftware.smack.chat2.ChatManager;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Proves the harness: a real Prosody starts, takes accounts, speaks STARTTLS with the test CA, restarts, stops. */
class ProsodyServerIT {

    private static final String TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.create();

    @Test
    void offersStartTlsAndAuthenticatesTheTestCaSignedCertificate() throws Exception {
        ProsodyServer server = prosody.server();
        try (TlsStream tls = TlsStream.open(server, server.sslContext())) {
            assertThat(tls.socket.getSession().getPeerCertificates()[0]).isEqualTo(server.serverCertificate());
            assertThat(tls.socket.getSession().getProtocol()).startsWith("TLSv1.");
            String features = tls.restartStream(server.domain());
            assertThat(features).contains("SCRAM-SHA-256");
        }
    }

    @Test
    void registeredAccountsCanLogInOverTls() throws Exception {
        TestAccount alice = prosody.newAccount("alice");
        TestAccount alsoAlice = prosody.newAccount("alice");
        assertThat(alice.username()).isNotEqualTo(alsoAlice.username());

        XMPPTCPConnection connection = prosody.connect(alice);
        assertThat(connection.isAuthenticated()).isTrue();
        assertThat(connection.isSecureConnection()).isTrue();
        assertThat(connection.getUser().asBareJid().toString()).isEqualTo(alice.jid());
    }

    @Test
    void messagesFlowBetweenTwoAccountsAndTheMucServiceExists() throws Exception {
        XMPPTCPConnection alice = prosody.connect(prosody.newAccount("alice"));
        TestAccount bobAccount = prosody.newAccount("bob");
        XMPPTCPConnection bob = prosody.connect(bobAccount);
        CompletableFuture<String> received = new CompletableFuture<>();
        ChatManager.getInstanceFor(bob).addIncomingListener((from, message, chat) -> received.complete(message.getBody()));

        ChatManager.getInstanceFor(alice).chatWith(JidCreate.entityBareFrom(bobAccount.jid())).send("hello bob");

        assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("hello bob");
        assertThat(MultiUserChatManager.getInstanceFor(alice).getMucServiceDomains())
                .extracting(Object::toString).contains(prosody.server().mucDomain());
    }

    @Test
    void extensionInjectsTheServer(ProsodyServer server) {
        assertThat(server).isSameAs(prosody.server());
        assertThat(server.host()).isEqualTo("127.0.0.1");
        assertThat(server.domain()).isEqualTo("localhost");
        assertThat(server.c2sPort()).isPositive();
    }

    @Test
    void trustStoreHoldsOnlyTheTestCa() throws Exception {
        ProsodyServer server = prosody.server();
        assertThat(java.util.Collections.list(server.trustStore().aliases())).hasSize(1);
        assertThat(server.trustManager().getAcceptedIssuers()).containsExactly(server.caCertificate());
        assertThat(server.serverFingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void restartKeepsAccountsAndPorts() throws Exception {
        try (ProsodyServer server = ProsodyServer.builder().passwordHash("SHA-1").start()) {
            server.register("bob", "bobpw");
            int port = server.c2sPort();

            server.stop();
            assertThat(server.isRunning()).isFalse();
            server.start();

            assertThat(server.c2sPort()).isEqualTo(port);
            XMPPTCPConnection connection = login(server, account(server, "bob", "bobpw"));
            assertThat(connection.isAuthenticated()).isTrue();
            connection.disconnect();

            server.kill();
            assertThat(server.isRunning()).isFalse();
            server.start();
            XMPPTCPConnection again = login(server, account(server, "bob", "bobpw"));
            assertThat(again.isAuthenticated()).isTrue();
            again.disconnect();
        }
    }

    @Test
    void sqlStorageWithLargeStanzaLimitStartsAndKeepsAccounts() throws Exception {
        try (ProsodyServer server = ProsodyServer.builder().sqlStorage().stanzaSizeLimit(4 * 1024 * 1024).start()) {
            server.register("carol", "carolpw");
            server.stop();
            server.start();
            assertThat(Files.readString(server.configFile())).contains("storage = \"sql\"", "c2s_stanza_size_limit = 4194304");
            assertThat(server.directory().resolve("data/prosody.sqlite")).exists();
            XMPPTCPConnection connection = login(server, account(server, "carol", "carolpw"));
            assertThat(connection.isAuthenticated()).isTrue();
            connection.disconnect();
        }
    }

    @Test
    void stopsCleanlyAndLeavesNothingBehind() throws Exception {
        ProsodyServer server = ProsodyServer.builder().start();
        long pid = server.pid().orElseThrow();
        int port = server.c2sPort();
        Path folder = server.directory();

        server.close();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(FreePorts.isFree(port)).isTrue();
        assertThat(folder).doesNotExist();
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(folder.toString()))).isEmpty();
        server.close(); // closing twice is harmless
    }

    @ParameterizedTest
    @EnumSource(value = CertificateKind.class, names = {"SELF_SIGNED", "EXPIRED", "WRONG_HOST"})
    void badCertificatesAreRejectedByTheTestCaTrustStore(CertificateKind kind) throws Exception {
        try (ProsodyServer server = ProsodyServer.builder().certificate(kind).start()) {
            X509Certificate presented = server.serverCertificate();
            switch (kind) {
                case SELF_SIGNED -> assertThat(presented.getIssuerX500Principal()).isEqualTo(presented.getSubjectX500Principal());
                case EXPIRED -> assertThat(presented.getNotAfter()).isInThePast();
                case WRONG_HOST -> assertThat(presented.getSubjectAlternativeNames().toString()).doesNotContain("localhost");
                case CA_SIGNED -> { }
            }
            assertThatThrownBy(() -> TlsStream.open(server, server.sslContext()).close())
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void missingAccountNamesAreReportedWithProsodysOutput() {
        assertThatThrownBy(() -> prosody.server().unregister("nobody-here"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("prosodyctl deluser failed");
    }

    @Test
    void demoBannerShowsEverythingNeededToConnect() {
        try (ProsodyServer server = ProsodyServer.builder().certificate(CertificateKind.SELF_SIGNED).start()) {
            String banner = DemoServer.banner(server);
            assertThat(banner).contains("127.0.0.1", String.valueOf(server.c2sPort()), "alice@localhost", "bob@localhost",
                    "alice-demo", "bob-demo", server.serverFingerprint(), "--data-dir /tmp/natter-alice");
        }
    }

    private static TestAccount account(ProsodyServer server, String user, String password) {
        return new TestAccount(user, password, server.domain(), server.host(), server.c2sPort());
    }

    private static XMPPTCPConnection login(ProsodyServer server, TestAccount account) {
        return SmackClients.connect(server, account);
    }

    /** A hand-rolled STARTTLS negotiation with the JDK's SSLSocket, checking the host name like a client must. */
    private static final class TlsStream implements AutoCloseable {
        final Socket plain;
        final SSLSocket socket;

        private TlsStream(Socket plain, SSLSocket socket) {
            this.plain = plain;
            this.socket = socket;
        }

        static TlsStream open(ProsodyServer server, SSLContext context) throws IOException {
            Socket plain = new Socket();
            try {
                plain.connect(new InetSocketAddress(server.host(), server.c2sPort()), 5000);
                plain.setSoTimeout(5000);
                write(plain.getOutputStream(), header(server.domain()));
                String features = readUntil(plain.getInputStream(), "</stream:features>");
                assertThat(features).contains("<starttls xmlns='" + TLS_NS + "'");
                write(plain.getOutputStream(), "<starttls xmlns='" + TLS_NS + "'/>");
                assertThat(readUntil(plain.getInputStream(), "/>")).contains("<proceed");
                SSLSocket tls = (SSLSocket) context.getSocketFactory()
                        .createSocket(plain, server.domain(), server.c2sPort(), true);
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                return new TlsStream(plain, tls);
            } catch (IOException | RuntimeException e) {
                plain.close();
                throw e;
            }
        }

        /** Opens the stream again over TLS and returns the features (which now list the SASL mechanisms). */
        String restartStream(String domain) throws IOException {
            write(socket.getOutputStream(), header(domain));
            return readUntil(socket.getInputStream(), "</stream:features>");
        }

        @Override
        public void close() throws IOException {
            socket.close();
            plain.close();
        }

        private static String header(String domain) {
            return "<?xml version='1.0'?><stream:stream to='" + domain + "' version='1.0' xmlns='jabber:client'"
                    + " xmlns:stream='http://etherx.jabber.org/streams'>";
        }

        private static void write(OutputStream out, String xml) throws IOException {
            out.write(xml.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private static String readUntil(InputStream in, String marker) throws IOException {
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[4096];
            while (seen.indexOf(marker) < 0) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("stream ended before " + marker + ": " + seen);
                }
                seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            return seen.toString();
        }
    }
}
