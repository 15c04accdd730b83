package im.natter.service;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.event.ConversationChanged;
import im.natter.domain.event.MessageChanged;
import im.natter.domain.event.NatterEvent;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.InboundMessage;
import im.natter.testsupport.fakes.FakeServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadStateServiceTest {

    private static final Address BOB = Address.of("bob@example.org");
    private static final Address MALLORY = Address.of("mallory@example.org");

    private final FakeServices s = new FakeServices();
    private final List<NatterEvent> events = new ArrayList<>();
    private final ConversationKey withBob = ConversationKey.chat(FakeServices.ALICE, BOB);

    @BeforeEach
    void signIn() {
        s.bus.subscribe(events::add);
        s.connections.signIn(new AccountSettings(FakeServices.ALICE, "r", null, false, List.of()), "pw".toCharArray())
                .join();
    }

    private ChatMessage fromBob(String body, String id, String stanzaId) {
        s.xmpp.markable(BOB, id);
        s.xmpp.receive(new InboundMessage(FakeServices.ALICE, BOB, "phone", ConversationKind.CHAT, body,
                ContentKind.TEXT, id, id, stanzaId, stanzaId == null ? null : "alice@example.org", null, false));
        s.clock.advance(Duration.ofSeconds(1));
        return s.archive.all().stream().filter(m -> id.equals(m.originId())).findFirst().orElseThrow();
    }

    @Test
    void seeingAMessageSendsOneMarkerAndPublishesTheReadPoint() {
        ChatMessage m = fromBob("hi", "b1", "sid-1");
        s.readState.seen(m);
        s.readState.seen(m);
        assertThat(s.xmpp.displayedSent()).containsExactly("bob@example.org/b1");
        assertThat(s.xmpp.readPointsPublished()).containsExactly("bob@example.org/sid-1");
    }

    @Test
    void seeingARoomMessageTellsNobodyInTheRoom() {
        Address room = Address.of("tea@conference.example.org");
        ChatMessage inRoom = new ChatMessage(7, new ConversationKey(FakeServices.ALICE, room, ConversationKind.ROOM),
                im.natter.domain.model.Direction.INCOMING, room, "bob", "hi all", ContentKind.TEXT, "r1", "rs-1",
                room.value(), null, java.time.Instant.EPOCH, im.natter.domain.model.DeliveryState.RECEIVED, null);
        s.readState.seen(inRoom);
        assertThat(s.xmpp.displayedSent()).isEmpty();
        assertThat(s.xmpp.readPointsPublished()).isEmpty();
    }

    @Test
    void anOlderMessageSeenLaterSendsNothing() {
        ChatMessage first = fromBob("one", "b1", "sid-1");
        ChatMessage second = fromBob("two", "b2", "sid-2");
        s.readState.seen(second);
        s.readState.seen(first);
        assertThat(s.xmpp.displayedSent()).containsExactly("bob@example.org/b2");
    }

    @Test
    void aMessageThatDidNotAskForMarkersGetsNone() {
        s.xmpp.receive(new InboundMessage(FakeServices.ALICE, BOB, "phone", ConversationKind.CHAT, "plain",
                ContentKind.TEXT, "p1", "p1", null, null, null, false));
        s.readState.seen(s.archive.all().getFirst());
        assertThat(s.xmpp.displayedSent()).isEmpty();
        assertThat(s.xmpp.readPointsPublished()).isEmpty();
    }

    @Test
    void theContactsMarkerTurnsOurMessageSeen() {
        ChatMessage ours = s.chats.send(withBob, "hello").join();
        s.xmpp.receiveDisplayed(FakeServices.ALICE, BOB, ours.originId());
        assertThat(s.archive.all().getFirst().state()).isEqualTo(DeliveryState.DISPLAYED);
        assertThat(events).filteredOn(MessageChanged.class::isInstance)
                .extracting(e -> ((MessageChanged) e).message().state()).endsWith(DeliveryState.DISPLAYED);
    }

    @Test
    void someoneElsesMarkerIsIgnored() {
        ChatMessage ours = s.chats.send(withBob, "hello").join();
        s.xmpp.receiveDisplayed(FakeServices.ALICE, MALLORY, ours.originId());
        assertThat(s.archive.all().getFirst().state()).isEqualTo(DeliveryState.ON_SERVER);
    }

    @Test
    void aReadPointFromAnotherDeviceLowersTheUnreadCount() {
        fromBob("one", "b1", "sid-1");
        fromBob("two", "b2", "sid-2");
        fromBob("three", "b3", "sid-3");
        s.xmpp.receiveReadElsewhere(FakeServices.ALICE, BOB, "sid-2", null);
        assertThat(s.archive.conversation(withBob).orElseThrow().unread()).isEqualTo(1);
        assertThat(events).filteredOn(ConversationChanged.class::isInstance).last()
                .satisfies(e -> assertThat(((ConversationChanged) e).conversation().unread()).isEqualTo(1));

        s.xmpp.receiveReadElsewhere(FakeServices.ALICE, BOB, null, "b3"); // a marker our phone sent
        assertThat(s.archive.conversation(withBob).orElseThrow().unread()).isZero();
    }

    @Test
    void anOlderReadPointNeverMakesAChatUnreadAgain() {
        fromBob("one", "b1", "sid-1");
        fromBob("two", "b2", "sid-2");
        s.conversations.markRead(withBob).join();
        s.xmpp.receiveReadElsewhere(FakeServices.ALICE, BOB, "sid-1", null);
        assertThat(s.archive.conversation(withBob).orElseThrow().unread()).isZero();
    }
}
