package im.natter.app;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.event.MessageAdded;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConnectionPhase;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import im.natter.testsupport.Eventually;
import im.natter.testsupport.fakes.InMemorySecretStore;
import im.natter.testsupport.prosody.ProsodyExtension;
import im.natter.testsupport.prosody.ProsodyServer;
import im.natter.testsupport.prosody.SmackClients;
import im.natter.testsupport.prosody.TestAccount;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.receipts.DeliveryReceiptManager;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole core (archive, services, xmpp) as the application builds it, against a real Prosody: messages
 * both ways with delivery receipts, then the full history after a restart with the server gone.
 */
class AppContextIT {

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.create();

    @TempDir
    Path dataDir;

    private AppContext.Options options(ProsodyServer server, InMemorySecretStore secrets) throws Exception {
        return TestAppOptions.against(server, dataDir, secrets);
    }

    @Test
    void messagesGoBothWaysAndTheHistoryOutlivesTheServer(ProsodyServer server) throws Exception {
        TestAccount alice = prosody.newAccount("alice");
        TestAccount bob = prosody.newAccount("bob");
        Address bobAddress = Address.of(bob.jid());
        InMemorySecretStore secrets = new InMemorySecretStore(true);
        AccountSettings aliceSettings = new AccountSettings(im.natter.domain.model.AccountId.of(alice.jid()),
                "natter-test", null, true, List.of());
        ConversationKey withBob = ConversationKey.chat(aliceSettings.id(), bobAddress);

        XMPPTCPConnection bobClient = SmackClients.connect(server, bob);
        DeliveryReceiptManager.getInstanceFor(bobClient)
                .setAutoReceiptMode(DeliveryReceiptManager.AutoReceiptMode.always);
        List<String> bobGot = new CopyOnWriteArrayList<>();
        bobClient.addSyncStanzaListener(s -> bobGot.add(((Message) s).getBody()),
                s -> s instanceof Message m && m.getBody() != null);

        try (AppContext app = AppContext.start(options(server, secrets))) {
            List<ChatMessage> added = new CopyOnWriteArrayList<>();
            app.events().subscribe(e -> {
                if (e instanceof MessageAdded m) {
                    added.add(m.message());
                }
            });
            app.accounts.signIn(aliceSettings, alice.password().toCharArray()).join();
            assertThat(app.connections.status(aliceSettings.id()).phase()).isEqualTo(ConnectionPhase.ONLINE);

            ChatMessage sent = app.chats.send(withBob, "hello bob").join();
            Eventually.until("bob receives", () -> bobGot.contains("hello bob"));
            Eventually.until("delivered", () -> app.chats.history(withBob, 0, 10).join().stream()
                    .anyMatch(m -> m.id() == sent.id() && m.state() == DeliveryState.DELIVERED));

            bobClient.sendStanza(bobClient.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.entityBareFrom(alice.jid())).ofType(Message.Type.chat).setBody("hi alice").build());
            Eventually.until("alice receives", () -> added.stream()
                    .anyMatch(m -> m.direction() == Direction.INCOMING && m.body().equals("hi alice")));
        } finally {
            bobClient.disconnect();
        }

        server.stop();
        try (AppContext again = AppContext.start(options(server, secrets))) {
            var restored = again.accounts.restore();
            assertThat(restored.account()).map(AccountSettings::id).contains(aliceSettings.id());
            assertThat(restored.password()).isPresent();

            assertThat(again.conversations.conversations(aliceSettings.id()).join())
                    .singleElement().satisfies(c -> {
                        assertThat(c.key()).isEqualTo(withBob);
                        assertThat(c.lastMessage().text()).isEqualTo("hi alice");
                        assertThat(c.unread()).isEqualTo(1);
                    });
            assertThat(again.chats.history(withBob, 0, 50).join())
                    .extracting(ChatMessage::body, ChatMessage::state)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("hello bob", DeliveryState.DELIVERED),
                            org.assertj.core.groups.Tuple.tuple("hi alice", DeliveryState.RECEIVED));
        } finally {
            server.start();
        }
    }
}
