package im.natter.service;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.event.NatterEvent;
import im.natter.domain.event.PeerChatStateChanged;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatState;
import im.natter.domain.model.Contact;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.Subscription;
import im.natter.testsupport.fakes.FakeServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatStateServiceTest {

    private static final Address BOB = Address.of("bob@example.org");

    private final FakeServices s = new FakeServices();
    private final List<NatterEvent> events = new ArrayList<>();
    private final ConversationKey withBob = ConversationKey.chat(FakeServices.ALICE, BOB);

    @BeforeEach
    void signIn() {
        s.bus.subscribe(events::add);
        s.connections.signIn(new AccountSettings(FakeServices.ALICE, "r", null, false, List.of()), "pw".toCharArray())
                .join();
    }

    /** Bob sees our presence and his client has sent a chat state: typing may be shared with him. */
    private void bobMayKnow() {
        s.xmpp.pushRoster(FakeServices.ALICE, List.of(new Contact(BOB, "Bob", Subscription.BOTH, false, List.of())));
        s.xmpp.receiveChatState(FakeServices.ALICE, BOB, ChatState.ACTIVE);
    }

    private List<ChatState> peerStates() {
        return events.stream().filter(PeerChatStateChanged.class::isInstance)
                .map(e -> ((PeerChatStateChanged) e).state()).toList();
    }

    @Test
    void typingSendsComposingOnceThenPausedAfterAQuietSpell() {
        bobMayKnow();
        s.chatStates.typing(withBob);
        s.clock.advance(Duration.ofSeconds(1));
        s.chatStates.typing(withBob);
        s.chatStates.typing(withBob);
        assertThat(s.xmpp.chatStatesSent()).containsExactly("bob@example.org:COMPOSING");

        s.clock.advance(Duration.ofSeconds(2)); // 2 s after the last key: not yet
        s.scheduler.runPending();
        assertThat(s.xmpp.chatStatesSent()).containsExactly("bob@example.org:COMPOSING");

        s.clock.advance(Duration.ofSeconds(4));
        s.scheduler.runPending();
        assertThat(s.xmpp.chatStatesSent()).containsExactly("bob@example.org:COMPOSING", "bob@example.org:PAUSED");
    }

    @Test
    void typingAgainSoonAfterAPauseIsThrottled() {
        bobMayKnow();
        s.chatStates.typing(withBob);
        s.clock.advance(Duration.ofSeconds(6));
        s.scheduler.runPending();
        s.chatStates.typing(withBob);
        assertThat(s.xmpp.chatStatesSent()).containsExactly("bob@example.org:COMPOSING", "bob@example.org:PAUSED",
                "bob@example.org:COMPOSING");
    }

    @Test
    void sendingTheMessageEndsComposingWithoutAnExtraState() {
        bobMayKnow();
        s.chatStates.typing(withBob);
        s.chats.send(withBob, "hi").join();
        s.chatStates.cleared(withBob); // the composer empties after sending
        s.clock.advance(Duration.ofSeconds(10));
        s.scheduler.runPending();
        assertThat(s.xmpp.chatStatesSent()).containsExactly("bob@example.org:COMPOSING");
    }

    @Test
    void focusSaysActiveAndClosingSaysInactive() {
        bobMayKnow();
        s.chatStates.typing(withBob);
        s.chatStates.focused(withBob);
        s.chatStates.left(withBob);
        assertThat(s.xmpp.chatStatesSent()).containsExactly("bob@example.org:COMPOSING", "bob@example.org:ACTIVE",
                "bob@example.org:INACTIVE");
    }

    @Test
    void nothingGoesToAContactWhoDoesNotSeeOurPresence() {
        s.xmpp.pushRoster(FakeServices.ALICE, List.of(new Contact(BOB, "Bob", Subscription.TO, false, List.of())));
        s.xmpp.receiveChatState(FakeServices.ALICE, BOB, ChatState.ACTIVE);
        s.chatStates.typing(withBob);
        s.chatStates.focused(withBob);
        assertThat(s.xmpp.chatStatesSent()).isEmpty();
    }

    @Test
    void nothingGoesToAClientThatNeverShowedItUnderstandsChatStates() {
        s.xmpp.pushRoster(FakeServices.ALICE, List.of(new Contact(BOB, "Bob", Subscription.BOTH, false, List.of())));
        s.chatStates.typing(withBob);
        assertThat(s.xmpp.chatStatesSent()).isEmpty();
    }

    @Test
    void anOccupantTypingInPrivateTypesInThePrivateConversationNotInAChatWithTheRoom() {
        Address room = Address.of("tea@conference.example.org");
        Address carol = Address.occupant(room, "carol");
        s.xmpp.receiveChatState(FakeServices.ALICE, carol, ChatState.COMPOSING);
        assertThat(s.chatStates.peerState(new ConversationKey(FakeServices.ALICE, carol,
                ConversationKind.ROOM_PRIVATE))).isEqualTo(ChatState.COMPOSING);
        assertThat(s.chatStates.peerState(ConversationKey.chat(FakeServices.ALICE, room)))
                .isEqualTo(ChatState.ACTIVE);
    }

    @Test
    void theContactTypingEndsWithPausedTheirMessageOrSilence() {
        s.xmpp.receiveChatState(FakeServices.ALICE, BOB, ChatState.COMPOSING);
        assertThat(s.chatStates.peerState(withBob)).isEqualTo(ChatState.COMPOSING);
        s.xmpp.receiveChatState(FakeServices.ALICE, BOB, ChatState.PAUSED);
        s.xmpp.receiveChatState(FakeServices.ALICE, BOB, ChatState.COMPOSING);
        s.xmpp.receive(new InboundMessage(FakeServices.ALICE, BOB, "phone", ConversationKind.CHAT, "hey",
                ContentKind.TEXT, "b1", "b1", null, null, null, false));
        assertThat(peerStates()).containsExactly(ChatState.COMPOSING, ChatState.PAUSED, ChatState.COMPOSING,
                ChatState.ACTIVE);

        s.xmpp.receiveChatState(FakeServices.ALICE, BOB, ChatState.COMPOSING);
        s.scheduler.runPending(); // nothing more came within the timeout
        assertThat(s.chatStates.peerState(withBob)).isEqualTo(ChatState.PAUSED);
        assertThat(peerStates()).endsWith(ChatState.COMPOSING, ChatState.PAUSED);
    }
}
