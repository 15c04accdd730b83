package im.natter.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.OutboundMessage;
import im.natter.testsupport.prosody.ProsodyExtension;
import im.natter.xmpp.support.Recorder.Acked;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A 1 MB body goes through when the server allows such stanzas, and the connection stays up. */
class LargeMessageIT {

    private static final int LIMIT = 2 * 1024 * 1024;

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.create(b -> b.stanzaSizeLimit(LIMIT));

    @Test
    void oneMegabyteBodyIsDelivered() throws Exception {
        XmppConfig config = TestClient.configFor(prosody.server()).withMaxStanzaBytes(LIMIT);
        try (TestClient a = new TestClient(config); TestClient b = new TestClient(config)) {
            AccountId alice = a.signIn(prosody.newAccount("alice"));
            AccountId bob = b.signIn(prosody.newAccount("bob"));
            StringBuilder body = new StringBuilder(1024 * 1024);
            for (int i = 0; body.length() < 1024 * 1024; i++) {
                body.append("line ").append(i).append(" <&> äöü\n");
            }
            body.setLength(1024 * 1024);
            String big = body.toString();
            String id = UUID.randomUUID().toString();
            a.chat.send(new OutboundMessage(alice, bob.address(), ConversationKind.CHAT, big, id));
            a.events.await(Acked.class, e -> e.id().equals(id));
            try {
                assertThat(b.events.await(InboundMessage.class).body()).isEqualTo(big);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nserver log:\n" + prosody.server().logTail(40), e);
            }

            a.chat.send(new OutboundMessage(alice, bob.address(), ConversationKind.CHAT, "small", "s-" + id));
            assertThat(b.events.await(InboundMessage.class).body()).isEqualTo("small");
            assertThat(a.connection.isConnected(alice)).isTrue();
            assertThat(b.connection.isConnected(bob)).isTrue();
        }
    }

    @Test
    void withTheDefaultLimitTheBodyIsRefusedBeforeSending() throws Exception {
        try (TestClient a = TestClient.forServer(prosody.server())) {
            AccountId alice = a.signIn(prosody.newAccount("alice"));
            assertThat(a.chat.maxBodyBytes()).isLessThan(256 * 1024).isGreaterThan(250 * 1024);
            String big = "x".repeat(300 * 1024);
            assertThatThrownBy(() -> a.chat.send(new OutboundMessage(alice, alice.address(), ConversationKind.CHAT,
                    big, "too-big"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too long");
            assertThat(a.connection.isConnected(alice)).isTrue();
        }
    }
}
