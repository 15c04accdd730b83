package im.natter.ui.chat;

import static im.natter.ui.chat.ChatFixtures.BOB;
import static im.natter.ui.chat.ChatFixtures.WITH_BOB;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.ChatState;
import im.natter.domain.model.Contact;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.Subscription;
import im.natter.testsupport.fakes.FakeServices;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat's part in read markers (XEP-0333) and typing notifications (XEP-0085). */
class ChatViewModelReadStateTest {

    private final ChatFixtures f = new ChatFixtures();

    @BeforeEach
    void signIn() {
        f.fakes.connections.signIn(new AccountSettings(FakeServices.ALICE, "r", null, false, List.of()),
                "pw".toCharArray()).join();
    }

    private ChatViewModel open() {
        var vm = new ChatViewModel(f.ui, WITH_BOB);
        vm.activate();
        return vm;
    }

    private void fromBob(String body, String id) {
        f.fakes.xmpp.markable(BOB, id);
        f.fakes.xmpp.receive(new InboundMessage(FakeServices.ALICE, BOB, "phone", ConversationKind.CHAT, body,
                ContentKind.TEXT, id, id, "sid-" + id, "alice@example.org", null, false));
        f.fakes.clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void theNewestIncomingMessageOnScreenIsMarkedOnceWhileTheChatIsSeen() {
        fromBob("one", "b1");
        fromBob("two", "b2");
        var vm = open();
        vm.setLastShownIndex(1);
        assertThat(f.fakes.xmpp.displayedSent()).as("not focused yet").isEmpty();

        vm.setVisibleAndFocused(true);
        vm.setLastShownIndex(1);
        vm.setVisibleAndFocused(false);
        vm.setVisibleAndFocused(true);
        assertThat(f.fakes.xmpp.displayedSent()).containsExactly("bob@example.org/b2");
        assertThat(f.fakes.xmpp.readPointsPublished()).containsExactly("bob@example.org/sid-b2");
    }

    @Test
    void aMessageBelowTheVisibleRowsIsNotMarkedUntilItIsOnScreen() {
        fromBob("one", "b1");
        fromBob("two", "b2");
        var vm = open();
        vm.setVisibleAndFocused(true);
        vm.setLastShownIndex(0);
        assertThat(f.fakes.xmpp.displayedSent()).containsExactly("bob@example.org/b1");

        fromBob("three", "b3"); // arrives while the user looks further up
        assertThat(f.fakes.xmpp.displayedSent()).containsExactly("bob@example.org/b1");
        vm.setLastShownIndex(2);
        assertThat(f.fakes.xmpp.displayedSent()).containsExactly("bob@example.org/b1", "bob@example.org/b3");
    }

    @Test
    void ourOwnMessagesAreNeverMarkedButShowWhenSeen() {
        var vm = open();
        vm.setVisibleAndFocused(true);
        vm.composerTextProperty().set("hello");
        vm.send();
        vm.setLastShownIndex(0);
        assertThat(f.fakes.xmpp.displayedSent()).isEmpty();

        String id = vm.items().getFirst().message().originId();
        f.fakes.xmpp.receiveDisplayed(FakeServices.ALICE, BOB, id);
        assertThat(vm.items().getFirst().state()).isEqualTo(DeliveryState.DISPLAYED);
    }

    @Test
    void theHeaderShowsTypingUntilTheContactStopsOrTheirMessageArrives() {
        var vm = open();
        assertThat(vm.peerTypingProperty().get()).isFalse();
        f.fakes.xmpp.receiveChatState(FakeServices.ALICE, BOB, ChatState.COMPOSING);
        assertThat(vm.peerTypingProperty().get()).isTrue();
        f.fakes.xmpp.receiveChatState(FakeServices.ALICE, BOB, ChatState.PAUSED);
        assertThat(vm.peerTypingProperty().get()).isFalse();
        f.fakes.xmpp.receiveChatState(FakeServices.ALICE, BOB, ChatState.COMPOSING);
        fromBob("done", "b9");
        assertThat(vm.peerTypingProperty().get()).isFalse();
    }

    @Test
    void aChatOpenedWhileTheContactTypesShowsItAtOnce() {
        f.fakes.xmpp.receiveChatState(FakeServices.ALICE, BOB, ChatState.COMPOSING);
        assertThat(open().peerTypingProperty().get()).isTrue();
    }

    @Test
    void typingInTheComposerTellsTheContact() {
        f.fakes.xmpp.pushRoster(FakeServices.ALICE,
                List.of(new Contact(BOB, "Bob", Subscription.BOTH, false, List.of())));
        f.fakes.xmpp.receiveChatState(FakeServices.ALICE, BOB, ChatState.ACTIVE);
        var vm = open();
        vm.setVisibleAndFocused(true);
        vm.composerTextProperty().set("h");
        vm.composerTextProperty().set("he");
        vm.composerTextProperty().set("");
        vm.dispose();
        assertThat(f.fakes.xmpp.chatStatesSent()).containsExactly("bob@example.org:COMPOSING",
                "bob@example.org:ACTIVE", "bob@example.org:INACTIVE");
    }
}
