package im.natter.testsupport.headless;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.archive.Database;
import im.natter.testsupport.Eventually;
import im.natter.testsupport.faults.FaultProxy;
import im.natter.testsupport.prosody.TestAccount;
import im.natter.testsupport.server.ServerKind;
import im.natter.testsupport.server.XmppServers;
import im.natter.testsupport.server.XmppTestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves the headless harness: the real Natter core in a child JVM signs in with the test CA, sends, is killed with
 * -9 while a message waits in its outbox, and delivers that message once after a restart on the same archive.
 */
class HeadlessNatterIT {

    @RegisterExtension
    static final XmppServers servers = XmppServers.create();

    @TempDir
    Path home;

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void aMessageQueuedBeforeAKillMinusNineIsDeliveredOnceAfterTheRestart(ServerKind kind) throws Exception {
        XmppTestServer server = servers.server(kind);
        TestAccount alice = servers.newAccount(kind, "alice");
        TestAccount bob = servers.newAccount(kind, "bob");
        XMPPTCPConnection bobClient = servers.connect(kind, bob);
        List<String> bobGot = new CopyOnWriteArrayList<>();
        bobClient.addSyncStanzaListener(s -> bobGot.add(((Message) s).getBody()),
                s -> s instanceof Message m && m.getBody() != null);

        try (FaultProxy proxy = FaultProxy.to(server.c2sPort());
                HeadlessNatterProcess natter = HeadlessNatterProcess.builder(home.resolve(kind.name()), server)
                        .endpoint(proxy.host(), proxy.port()).start()) {
            assertThat(natter.command("frobnicate")).startsWith("error unknown command");
            assertThat(natter.command("send not-an-address hi")).startsWith("error ");

            natter.signIn(alice);
            natter.awaitLine("connected"::equals);
            String first = natter.send(bob.jid(), "hello bob");
            Eventually.until("bob gets the first message", () -> bobGot.contains("hello bob"));
            natter.awaitLine(("state " + first + " ON_SERVER")::equals);

            proxy.stall(); // the message goes onto a wire that carries nothing: no ack can come back
            String queued = natter.send(bob.jid(), "sent into a stalled network\nsecond line");
            natter.awaitLine(("stored out " + queued + " sent into a stalled network\\nsecond line")::equals);
            natter.kill9();
            assertThat(natter.isAlive()).isFalse();
            proxy.cut();
            proxy.resume();

            try (Database archive = Database.open(natter.archive())) {
                assertThat(archive.integrityCheck()).isTrue();
            }

            natter.restart();
            List<HeadlessNatterProcess.StoredMessage> before = natter.dump(bob.jid());
            assertThat(before).extracting(HeadlessNatterProcess.StoredMessage::originId).containsExactly(first, queued);
            assertThat(before.get(1).state()).isEqualTo("QUEUED");
            assertThat(before.get(1).body()).isEqualTo("sent into a stalled network\nsecond line");

            natter.signIn(alice);
            natter.awaitLine(("state " + queued + " ON_SERVER")::equals);
            Eventually.until("bob gets the queued message",
                    () -> bobGot.contains("sent into a stalled network\nsecond line"));
            assertThat(bobGot).containsExactly("hello bob", "sent into a stalled network\nsecond line");
            assertThat(natter.count(bob.jid())).isEqualTo(Map.of("in", 0L, "out", 2L));
            assertThat(natter.phase()).isEqualTo("ONLINE");
        }
    }
}
