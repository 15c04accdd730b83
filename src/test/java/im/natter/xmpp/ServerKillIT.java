package im.natter.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.ConnectionProblem.Kind;
import im.natter.testsupport.prosody.ProsodyExtension;
import im.natter.testsupport.prosody.ProsodyServer;
import im.natter.xmpp.support.Recorder.Connected;
import im.natter.xmpp.support.Recorder.Lost;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server that dies is reported as a lost connection; once it is back, reconnecting signs in afresh. */
class ServerKillIT {

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.create();

    @Test
    void aServerThatStopsAnsweringIsNoticedByPing() throws Exception {
        ProsodyServer server = prosody.server();
        try (TestClient c = TestClient.forServer(server)) {
            AccountId alice = c.signIn(prosody.newAccount("pinged"));
            long pid = server.pid().orElseThrow();
            signal("-STOP", pid);
            try {
                // Smack's own periodic ping waits at least two minutes for the answer; the same failure
                // path is driven here with a short timeout.
                var ping = org.jivesoftware.smackx.ping.PingManager.getInstanceFor(c.sessions.get(alice).connection);
                assertThat(ping.pingMyServer(true, 1500)).isFalse();
                Lost lost = c.events.await(Lost.class);
                assertThat(lost.account()).isEqualTo(alice);
                assertThat(lost.problem().kind()).isEqualTo(Kind.TIMED_OUT);
            } finally {
                signal("-CONT", pid);
            }
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        int exit = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start().waitFor();
        assertThat(exit).isZero();
    }

    @Test
    void killedServerIsReportedAndReconnectWorksOnceItIsBack() throws Exception {
        ProsodyServer server = prosody.server();
        try (TestClient c = TestClient.forServer(server)) {
            AccountId alice = c.signIn(prosody.newAccount("alice"));
            c.events.await(Connected.class);

            server.kill();
            Lost lost = c.events.await(Lost.class);
            assertThat(lost.account()).isEqualTo(alice);
            assertThat(lost.problem().kind()).isEqualTo(Kind.CONNECTION_DROPPED);
            assertThat(lost.problem().kind().isTransient()).isTrue();
            assertThat(c.connection.isConnected(alice)).isFalse();

            server.start();
            c.connection.reconnect(alice).get(20, TimeUnit.SECONDS);
            // The killed server forgot the session, so this is a fresh sign-in, not a resumption.
            assertThat(c.events.await(Connected.class).resumed()).isFalse();
            assertThat(c.connection.isConnected(alice)).isTrue();
        }
    }
}
