package im.natter.app;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.event.HistorySyncProgress;
import im.natter.domain.event.MessageChanged;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
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
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.message_correct.element.MessageCorrectExtension;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A raw client corrects, answers and retracts against a real Prosody; Natter applies each change once, live,
 * and again after a restart when the same stanzas come back from the server's archive.
 */
class MessageChangesIT {

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.create(b -> b.sqlStorage());

    @TempDir
    Path dataDir;

    @Test
    void correctionsAndRetractionsApplyOnceLiveAndAgainFromTheArchive(ProsodyServer server) throws Exception {
        TestAccount me = prosody.newAccount("me");
        TestAccount bob = prosody.newAccount("bob");
        InMemorySecretStore secrets = new InMemorySecretStore(true);
        AccountSettings settings = new AccountSettings(AccountId.of(me.jid()), "natter-test", null, true, List.of());
        ConversationKey withBob = ConversationKey.chat(settings.id(), Address.of(bob.jid()));

        try (AppContext app = AppContext.start(TestAppOptions.against(server, dataDir, secrets))) {
            List<ChatMessage> changed = new CopyOnWriteArrayList<>();
            List<HistorySyncProgress> progress = new CopyOnWriteArrayList<>();
            app.events().subscribe(e -> {
                if (e instanceof MessageChanged c) {
                    changed.add(c.message());
                } else if (e instanceof HistorySyncProgress p) {
                    progress.add(p);
                }
            });
            app.accounts.signIn(settings, me.password().toCharArray()).join();
            Eventually.until("first catch-up done", () -> progress.stream().anyMatch(HistorySyncProgress::done));

            XMPPTCPConnection bobClient = SmackClients.connect(server, bob);
            try {
                var to = JidCreate.from(me.jid());
                bobClient.sendStanza(StanzaBuilder.buildMessage("b-1").ofType(Message.Type.chat).to(to)
                        .setBody("We shuold bake a cake").addExtension(new OriginIdElement("b-1")).build());
                bobClient.sendStanza(StanzaBuilder.buildMessage("b-2").ofType(Message.Type.chat).to(to)
                        .setBody("We should bake a cake").addExtension(new MessageCorrectExtension("b-1"))
                        .addExtension(new OriginIdElement("b-2")).build());
                bobClient.sendStanza(StanzaBuilder.buildMessage("b-3").ofType(Message.Type.chat).to(to)
                        .setBody("With candles!")
                        .addExtension(StandardExtensionElement.builder("reply", "urn:xmpp:reply:0")
                                .addAttribute("to", bob.jid()).addAttribute("id", "b-1").build())
                        .addExtension(new OriginIdElement("b-3")).build());
                bobClient.sendStanza(StanzaBuilder.buildMessage("b-4").ofType(Message.Type.chat).to(to)
                        .setBody("This person attempted to retract a previous message, but it's unsupported by "
                                + "your client.")
                        .addExtension(StandardExtensionElement.builder("retract", "urn:xmpp:message-retract:1")
                                .addAttribute("id", "b-3").build())
                        .addExtension(new OriginIdElement("b-4")).build());
            } finally {
                bobClient.disconnect();
            }
            Eventually.until("the retraction is applied", () -> changed.stream().anyMatch(ChatMessage::retracted));
            checkConversation(app.chats.history(withBob, 0, 50).join());
        }

        // a new session (no resumption): the catch-up brings all four stanzas again from the server's archive
        try (AppContext again = AppContext.start(TestAppOptions.against(server, dataDir, secrets))) {
            List<HistorySyncProgress> progress = new CopyOnWriteArrayList<>();
            again.events().subscribe(e -> {
                if (e instanceof HistorySyncProgress p) {
                    progress.add(p);
                }
            });
            again.accounts.signIn(settings, me.password().toCharArray()).join();
            Eventually.until("catch-up done", () -> progress.stream().anyMatch(HistorySyncProgress::done));
            assertThat(progress.stream().filter(HistorySyncProgress::done).findFirst().orElseThrow().problem())
                    .isNull();
            checkConversation(again.chats.history(withBob, 0, 50).join());
        }
    }

    private static void checkConversation(List<ChatMessage> history) {
        assertThat(history).hasSize(2);
        assertThat(history.get(0)).satisfies(m -> {
            assertThat(m.originId()).isEqualTo("b-1");
            assertThat(m.body()).isEqualTo("We should bake a cake");
            assertThat(m.isEdited()).isTrue();
        });
        assertThat(history.get(1)).satisfies(m -> {
            assertThat(m.originId()).isEqualTo("b-3");
            assertThat(m.replyToId()).isEqualTo("b-1");
            assertThat(m.retracted()).isTrue();
            assertThat(m.body()).isEmpty();
        });
    }
}
