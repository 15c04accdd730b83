package im.natter.app;

import static im.natter.ui.fx.FxCalls.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.ChatMessage;
import im.natter.testsupport.Eventually;
import im.natter.testsupport.display.Screenshots;
import im.natter.testsupport.display.VirtualDisplayExtension;
import im.natter.testsupport.fakes.InMemorySecretStore;
import im.natter.testsupport.prosody.ProsodyExtension;
import im.natter.testsupport.prosody.ProsodyServer;
import im.natter.testsupport.prosody.SmackClients;
import im.natter.testsupport.prosody.TestAccount;
import im.natter.ui.chat.MessageListItem;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real main window over the real core and a real Prosody, driven as a user would: sign in, open a contact,
 * type and send, see the reply arrive, quit, and find the conversation still there after a restart with the
 * server stopped.
 */
@ExtendWith(VirtualDisplayExtension.class)
class NatterAppFxIT extends FxRobot {

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.create();

    @TempDir
    Path dataDir;

    private NatterApplication app;

    private AppContext.Options options(ProsodyServer server, InMemorySecretStore secrets) throws Exception {
        return TestAppOptions.against(server, dataDir, secrets);
    }

    private void launch(AppContext.Options options) throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (NatterApplication) FxToolkit.setupApplication(() -> new NatterApplication(options));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void quit() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages();
            app = null;
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        quit();
    }

    private List<MessageListItem> shownItems() {
        return onFx(() -> {
            ListView<MessageListItem> list = lookup("#message-list").queryListView();
            return List.copyOf(list.getItems());
        });
    }

    /** Looks at the scene on the FX thread, so a lookup never races the window switching its content. */

    private boolean shows(String query) {
        return onFx(() -> lookup(query).tryQuery().isPresent());
    }

    private List<String> shownMessages() {
        return shownItems().stream().map(MessageListItem::message).map(ChatMessage::body).toList();
    }

    @Test
    void signInChatAndFindItAllAgainAfterARestartWithoutTheServer(ProsodyServer server) throws Exception {
        TestAccount alice = prosody.newAccount("alice");
        TestAccount bob = prosody.newAccount("bob");
        // bob is in alice's roster, as a contact she added on another device
        XMPPTCPConnection aliceElsewhere = SmackClients.connect(server, alice);
        Roster.getInstanceFor(aliceElsewhere).createItem(JidCreate.entityBareFrom(bob.jid()), "Bob", null);
        aliceElsewhere.disconnect();
        // bob answers every message
        XMPPTCPConnection bobClient = SmackClients.connect(server, bob);
        bobClient.addAsyncStanzaListener(s -> {
            Message m = (Message) s;
            try {
                bobClient.sendStanza(bobClient.getStanzaFactory().buildMessageStanza().to(m.getFrom().asBareJid())
                        .ofType(Message.Type.chat).setBody("re: " + m.getBody()).build());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, s -> s instanceof Message m && m.getBody() != null && m.getType() == Message.Type.chat);

        InMemorySecretStore secrets = new InMemorySecretStore(true);
        try {
            launch(options(server, secrets));
            clickOn("#sign-in-address").write(alice.jid());
            clickOn("#sign-in-password").write(alice.password());
            Screenshots.take("01-sign-in");
            clickOn("#sign-in-button");
            Eventually.until("the main window", () -> shows("#connection-text"));
            Eventually.until("online", () -> "Online".equals(
                    onFx(() -> lookup("#connection-text").queryLabeled().getText())));

            Screenshots.take("02-main-window");
            Eventually.until("the Contacts tab", () -> shows("Contacts"));
            clickOn("Contacts");
            Eventually.until("Bob in the roster", () -> shows("Bob"));
            doubleClickOn("Bob");
            Eventually.until("the chat with Bob", () -> shows("#message-input"));

            // opening a chat puts the keyboard in its composer
            Eventually.until("the composer has the focus",
                    () -> onFx(() -> lookup("#message-input").query().isFocused()));
            write("hello from Natter").type(KeyCode.ENTER);
            Eventually.until("the reply", () -> shownMessages().contains("re: hello from Natter"));
            assertThat(shownMessages()).containsExactly("hello from Natter", "re: hello from Natter");
            Eventually.until("the server's acknowledgement shown", () -> shownItems().getFirst().state()
                    == im.natter.domain.model.DeliveryState.ON_SERVER);
            Screenshots.take("03-chat");
        } finally {
            bobClient.disconnect();
        }

        quit();
        server.stop();
        try {
            launch(options(server, secrets));
            Eventually.until("the main window from the archive", () -> shows("Chats"));
            clickOn("Chats");
            Eventually.until("the conversation with Bob", () -> shows("#conversation-list .conversation-name"));
            assertThat(onFx(() -> lookup("#conversation-list .conversation-name").queryLabeled().getText()))
                    .isEqualTo("Bob");
            clickOn("#conversation-list .conversation-name");
            Screenshots.take("04-after-restart-offline");
            Eventually.until("the history", () -> shows("#message-list")
                    && shownMessages().size() == 2);
            assertThat(shownMessages()).containsExactly("hello from Natter", "re: hello from Natter");
        } finally {
            quit();
            server.start();
        }
    }
}
