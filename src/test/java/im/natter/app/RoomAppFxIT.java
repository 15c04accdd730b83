package im.natter.app;

import static im.natter.ui.fx.FxCalls.onFx;
import static im.natter.app.RoomMember.done;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.testsupport.Eventually;
import im.natter.testsupport.display.Screenshots;
import im.natter.testsupport.display.VirtualDisplayExtension;
import im.natter.testsupport.fakes.InMemorySecretStore;
import im.natter.testsupport.prosody.ProsodyExtension;
import im.natter.testsupport.prosody.ProsodyServer;
import im.natter.testsupport.prosody.TestAccount;
import im.natter.ui.chat.MessageListItem;
import java.nio.file.Path;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A room in the real application over the real core and a real Prosody, driven as a user would: sign in, join
 * the room a teammate made through the join dialog, see the teammate among the people, talk, and see a message
 * that names you highlighted. The teammate is a second Natter core of its own.
 */
@ExtendWith(VirtualDisplayExtension.class)
class RoomAppFxIT extends FxRobot {

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.create();

    private static final PseudoClass MENTION = PseudoClass.getPseudoClass("mention");

    @TempDir
    Path home;

    private NatterApplication app;
    private RoomMember bob;

    @AfterEach
    void tearDown() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages();
        }
        if (bob != null) {
            bob.close();
        }
    }

    private boolean shows(String query) {
        return onFx(() -> lookup(query).tryQuery().filter(Node::isVisible).isPresent());
    }

    private List<String> shownMessages() {
        return onFx(() -> {
            ListView<MessageListItem> list = lookup("#message-list").queryListView();
            return list.getItems().stream().map(MessageListItem::message).map(ChatMessage::body).toList();
        });
    }

    private List<String> visibleTexts(String query) {
        return onFx(() -> lookup(query).queryAllAs(Label.class).stream().filter(Node::isVisible)
                .map(Label::getText).toList());
    }

    /** The text of every visible message bubble that is highlighted as naming the user. */
    private List<String> highlighted() {
        return onFx(() -> lookup(".bubble").queryAll().stream().filter(Node::isVisible)
                .filter(b -> b.getPseudoClassStates().contains(MENTION))
                .map(b -> b.lookup(".message-text").lookupAll(".message-run").stream()
                        .map(n -> ((javafx.scene.text.Text) n).getText()).reduce("", String::concat))
                .toList());
    }

    @Test
    void joinARoomSeeThePeopleTalkAndSeeYourNameHighlighted(ProsodyServer server) throws Exception {
        TestAccount alice = prosody.newAccount("alice");
        TestAccount bobAccount = prosody.newAccount("bob");
        Address room = Address.of("tea-" + System.nanoTime() + "@" + server.mucDomain());
        bob = RoomMember.signIn(server, bobAccount, home.resolve("bob"), "desktop");
        ConversationKey bobRoom = bob.room(room);
        done(bob.app.rooms.join(bob.account(), room, "bob", null));
        done(bob.app.rooms.createInstant(bobRoom));
        done(bob.app.chats.send(bobRoom, "Morning! The kettle is on."));

        AppContext.Options options = TestAppOptions.against(server, home.resolve("alice"),
                new InMemorySecretStore(true));
        FxToolkit.registerPrimaryStage();
        app = (NatterApplication) FxToolkit.setupApplication(() -> new NatterApplication(options));
        WaitForAsyncUtils.waitForFxEvents();
        clickOn("#sign-in-address").write(alice.jid());
        clickOn("#sign-in-password").write(alice.password());
        clickOn("#sign-in-button");
        Eventually.until("online", () -> shows("#connection-text") && "Online".equals(
                onFx(() -> lookup("#connection-text").queryLabeled().getText())));

        // the main window comes a part a frame
        Eventually.until("the join button", () -> shows("#join-room"));
        clickOn("#join-room");
        Eventually.until("the join dialog", () -> shows("#join-address"));
        clickOn("#join-address").write(room.value());
        String nick = onFx(() -> lookup("#join-nick").queryTextInputControl().getText());
        assertThat(nick).isNotBlank();
        Screenshots.take("room-app-01-join-dialog");
        clickOn("#join-button");

        Eventually.until("the room is open", () -> shows("#room-title") && shows("#message-input"));
        // the people's first rows come a few a frame
        Eventually.until("bob and alice among the people", () -> {
            if (!shows("#occupant-list")) {
                onFx(() -> {
                    lookup("#people-toggle").queryAs(javafx.scene.control.ButtonBase.class).fire();
                    return null;
                });
            }
            return visibleTexts(".occupant-nick").containsAll(List.of("bob", nick));
        });
        Eventually.until("what bob said before", () -> shownMessages().contains("Morning! The kettle is on."));

        clickOn("#message-input").write("Hello team, tea for me please").type(KeyCode.ENTER);
        bob.awaitStored(bobRoom, "Hello team, tea for me please", m -> nick.equals(m.senderNick()));
        done(bob.app.chats.send(bobRoom, nick + ": Earl Grey coming up"));
        Eventually.until("bob's answer", () -> shownMessages().contains(nick + ": Earl Grey coming up"));
        assertThat(shownMessages()).containsExactly("Morning! The kettle is on.", "Hello team, tea for me please",
                nick + ": Earl Grey coming up");
        Eventually.until("the answer naming alice highlighted",
                () -> highlighted().equals(List.of(nick + ": Earl Grey coming up")));
        assertThat(visibleTexts(".message-sender")).contains("bob");
        Screenshots.take("room-app-02-room");
    }
}
