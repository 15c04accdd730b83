package im.natter.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.ConnectionProblem.Kind;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.OutboundMessage;
import im.natter.domain.model.ServerEndpoint;
import im.natter.testsupport.prosody.ProsodyExtension;
import im.natter.testsupport.prosody.TestAccount;
import im.natter.xmpp.support.Recorder.Acked;
import im.natter.xmpp.support.Recorder.Connected;
import im.natter.xmpp.support.Recorder.Lost;
import im.natter.xmpp.support.StallProxy;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A network that silently stops delivering is noticed by Natter's own keep-alive, and signing in again works. */
class KeepAliveIT {

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.create();

    @Test
    void aStalledConnectionIsReportedAsTimedOutAndReconnectWorks() throws Exception {
        TestAccount me = prosody.newAccount("stalled");
        TestAccount peer = prosody.newAccount("peer");
        XmppConfig config = quickKeepAlive();
        try (StallProxy proxy = new StallProxy(me.host(), me.port()); TestClient c = new TestClient(config)) {
            AccountId account = signInThrough(proxy, c, me);

            // Several keep-alive rounds on a quiet but healthy link: every ping is answered, nothing is reported.
            Thread.sleep(config.pingInterval().plus(config.keepAliveTimeout()).multipliedBy(2).toMillis());
            assertThat(c.events.drain()).noneMatch(Lost.class::isInstance);
            assertThat(c.connection.isConnected(account)).isTrue();

            proxy.stall();
            Lost lost = c.events.await(Lost.class);
            assertThat(lost.account()).isEqualTo(account);
            assertThat(lost.problem().kind()).isEqualTo(Kind.TIMED_OUT);
            assertThat(lost.problem().message()).contains("stopped answering");
            assertThat(c.connection.isConnected(account)).isFalse();

            proxy.resume();
            c.connection.reconnect(account).get(20, TimeUnit.SECONDS);
            c.events.await(Connected.class);
            assertThat(c.connection.isConnected(account)).isTrue();

            String id = UUID.randomUUID().toString();
            c.chat.send(new OutboundMessage(account, Address.of(peer.jid()), ConversationKind.CHAT,
                    "after the stall", id));
            c.events.await(Acked.class, a -> a.id().equals(id));
        }
    }

    @Test
    void aResumedStreamThatStopsAnsweringIsNotResumedAgain() throws Exception {
        TestAccount me = prosody.newAccount("stalled-twice");
        TestAccount peer = prosody.newAccount("peer");
        XmppConfig config = quickKeepAlive();
        try (StallProxy proxy = new StallProxy(me.host(), me.port()); TestClient c = new TestClient(config)) {
            AccountId account = signInThrough(proxy, c, me);

            // a first stall: the server still holds the session, so the stream is resumed
            proxy.stall();
            c.events.await(Lost.class);
            proxy.resume();
            c.connection.reconnect(account).get(20, TimeUnit.SECONDS);
            assertThat(c.events.await(Connected.class).resumed()).isTrue();

            // the resumed stream stalls as well: the next sign-in starts a fresh session
            proxy.stall();
            assertThat(c.events.await(Lost.class).problem().kind()).isEqualTo(Kind.TIMED_OUT);
            proxy.resume();
            c.connection.reconnect(account).get(20, TimeUnit.SECONDS);
            assertThat(c.events.await(Connected.class).resumed()).isFalse();

            String id = UUID.randomUUID().toString();
            c.chat.send(new OutboundMessage(account, Address.of(peer.jid()), ConversationKind.CHAT,
                    "after two stalls", id));
            c.events.await(Acked.class, a -> a.id().equals(id));
        }
    }

    /** Seconds instead of the product's 30 s + 20 s, so the test waits seconds. */
    private static XmppConfig quickKeepAlive() {
        return TestClient.configFor(prosody.server()).withKeepAlive(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    private static AccountId signInThrough(StallProxy proxy, TestClient c, TestAccount me) throws Exception {
        AccountSettings settings = new AccountSettings(AccountId.of(me.jid()), "natter",
                new ServerEndpoint(proxy.host(), proxy.port()), false, List.of());
        c.connect(settings, me.password()).get(20, TimeUnit.SECONDS);
        c.events.await(Connected.class);
        return settings.id();
    }
}
