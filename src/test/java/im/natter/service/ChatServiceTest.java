package im.natter.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.natter.domain.event.MessageAdded;
import im.natter.domain.event.MessageChanged;
import im.natter.domain.event.NatterEvent;
import im.natter.domain.event.NoticeRaised;
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
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatServiceTest {

    private static final Address BOB = Address.of("bob@example.org");

    private final FakeServices s = new FakeServices();
    private final List<NatterEvent> events = new ArrayList<>();
    private final ConversationKey withBob = ConversationKey.chat(FakeServices.ALICE, BOB);

    @BeforeEach
    void listen() {
        s.bus.subscribe(events::add);
    }

    private void signIn() {
        s.connections.signIn(new AccountSettings(FakeServices.ALICE, "r", null, false, List.of()), "pw".toCharArray())
                .join();
    }

    private InboundMessage fromBob(String body, String id) {
        return new InboundMessage(FakeServices.ALICE, BOB, "phone", ConversationKind.CHAT, body, ContentKind.TEXT,
                id, id, null, null, null, true);
    }

    @Test
    void sendStoresTheMessageBeforePuttingItOnTheWire() {
        signIn();
        s.xmpp.setAutoAck(false);
        ChatMessage m = s.chats.send(withBob, "hello").join();

        assertThat(m.id()).isPositive();
        assertThat(s.archive.all()).extracting(ChatMessage::body).containsExactly("hello");
        assertThat(s.xmpp.sent()).singleElement().satisfies(o -> {
            assertThat(o.originId()).isEqualTo(m.originId());
            assertThat(o.to()).isEqualTo(BOB);
        });
        assertThat(events).filteredOn(MessageAdded.class::isInstance).hasSize(1);
    }

    @Test
    void serverAckThenReceiptMoveTheStateForward() {
        signIn();
        s.xmpp.setAutoAck(false);
        ChatMessage m = s.chats.send(withBob, "hello").join();

        s.xmpp.acknowledge(FakeServices.ALICE, m.originId());
        s.xmpp.receiveReceipt(FakeServices.ALICE, BOB, m.originId());
        s.xmpp.acknowledge(FakeServices.ALICE, m.originId()); // late repeat must not move it back

        assertThat(s.archive.all().getFirst().state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(events).filteredOn(MessageChanged.class::isInstance)
                .extracting(e -> ((MessageChanged) e).message().state())
                .containsExactly(DeliveryState.ON_SERVER, DeliveryState.DELIVERED);
    }

    @Test
    void aReceiptFromSomeoneElseIsIgnored() {
        signIn();
        s.xmpp.setAutoAck(false);
        ChatMessage m = s.chats.send(withBob, "hello").join();

        s.xmpp.receiveReceipt(FakeServices.ALICE, Address.of("mallory@evil.example"), m.originId());

        assertThat(s.archive.all().getFirst().state()).isEqualTo(DeliveryState.QUEUED);
    }

    @Test
    void messagesTypedOfflineStayQueuedAndGoOutInOrderOnConnect() {
        s.chats.send(withBob, "one").join();
        s.chats.send(withBob, "two").join();
        assertThat(s.xmpp.sent()).isEmpty();
        assertThat(s.archive.all()).extracting(ChatMessage::state).containsOnly(DeliveryState.QUEUED);

        signIn();

        assertThat(s.xmpp.sent()).extracting(o -> o.body()).containsExactly("one", "two");
        assertThat(s.xmpp.sent()).extracting(o -> o.writtenAt()).as("sent as soon as written").containsOnlyNulls();
        assertThat(s.archive.all()).extracting(ChatMessage::state).containsOnly(DeliveryState.ON_SERVER);
    }

    @Test
    void anUnacknowledgedMessageIsSentOnceMoreAfterAReconnectWithTheSameOriginId() {
        signIn();
        s.xmpp.setAutoAck(false);
        s.chats.send(withBob, "one").join();
        s.xmpp.drop(FakeServices.ALICE,
                im.natter.domain.model.ConnectionProblem.of(im.natter.domain.model.ConnectionProblem.Kind.TIMED_OUT, "x"));
        s.connections.reconnectNow(FakeServices.ALICE).join();

        assertThat(s.xmpp.sent()).hasSize(2);
        assertThat(s.xmpp.sent().get(0).originId()).isEqualTo(s.xmpp.sent().get(1).originId());
    }

    @Test
    void whatTheServerAcceptedJustBeforeItWentAwayButThePeerNeverConfirmedGoesOutOnceMore() {
        signIn();
        s.xmpp.setAutoAck(false);
        ChatMessage confirmed = s.chats.send(withBob, "confirmed").join();
        s.xmpp.acknowledge(FakeServices.ALICE, confirmed.originId());
        s.xmpp.receiveReceipt(FakeServices.ALICE, BOB, confirmed.originId());
        s.clock.advance(Duration.ofMinutes(5));
        ChatMessage accepted = s.chats.send(withBob, "accepted, then lost by the server").join();
        s.xmpp.acknowledge(FakeServices.ALICE, accepted.originId());
        s.clock.advance(Duration.ofSeconds(2));

        s.xmpp.drop(FakeServices.ALICE, im.natter.domain.model.ConnectionProblem.of(
                im.natter.domain.model.ConnectionProblem.Kind.CONNECTION_DROPPED, "the server shut down"));
        s.clock.advance(Duration.ofSeconds(20));
        s.connections.reconnectNow(FakeServices.ALICE).join();

        assertThat(s.xmpp.sent()).extracting(o -> o.originId())
                .containsExactly(confirmed.originId(), accepted.originId(), accepted.originId());
        assertThat(s.xmpp.sent().getLast().writtenAt()).as("says when it was written").isEqualTo(accepted.localTime());
        assertThat(s.archive.all()).hasSize(2);
    }

    @Test
    void nothingAcceptedGoesOutAgainAfterAResumptionOrToAPeerThatNeverConfirms() {
        signIn();
        s.xmpp.setAutoAck(false);
        ConversationKey withCarol = ConversationKey.chat(FakeServices.ALICE, Address.of("carol@example.org"));
        ChatMessage toCarol = s.chats.send(withCarol, "carol's client sends no receipts").join();
        s.xmpp.acknowledge(FakeServices.ALICE, toCarol.originId());
        ChatMessage confirmed = s.chats.send(withBob, "confirmed").join();
        s.xmpp.acknowledge(FakeServices.ALICE, confirmed.originId());
        s.xmpp.receiveReceipt(FakeServices.ALICE, BOB, confirmed.originId());
        ChatMessage accepted = s.chats.send(withBob, "accepted").join();
        s.xmpp.acknowledge(FakeServices.ALICE, accepted.originId());

        s.xmpp.drop(FakeServices.ALICE, im.natter.domain.model.ConnectionProblem.of(
                im.natter.domain.model.ConnectionProblem.Kind.CONNECTION_DROPPED, "cut"));
        s.xmpp.resumeNext();
        s.connections.reconnectNow(FakeServices.ALICE).join();
        assertThat(s.xmpp.sent()).hasSize(3);

        // a fresh login now: the loss before the resumption is long past, so nothing goes out again
        s.clock.advance(Duration.ofMinutes(1));
        s.xmpp.drop(FakeServices.ALICE, im.natter.domain.model.ConnectionProblem.of(
                im.natter.domain.model.ConnectionProblem.Kind.CONNECTION_DROPPED, "cut"));
        s.connections.reconnectNow(FakeServices.ALICE).join();
        assertThat(s.xmpp.sent()).hasSize(3);
    }

    @Test
    void aMessageTypedOfflineSaysWhenItWasWrittenButAPlainResendDoesNot() {
        ChatMessage offline = s.chats.send(withBob, "typed offline").join();
        s.clock.advance(Duration.ofSeconds(30));
        signIn();
        assertThat(s.xmpp.sent().getLast().writtenAt()).isEqualTo(offline.localTime());

        s.xmpp.setAutoAck(false);
        s.chats.send(withBob, "on a connection that then died").join();
        s.clock.advance(Duration.ofSeconds(30));
        s.xmpp.drop(FakeServices.ALICE, im.natter.domain.model.ConnectionProblem.of(
                im.natter.domain.model.ConnectionProblem.Kind.TIMED_OUT, "stalled"));
        s.connections.reconnectNow(FakeServices.ALICE).join();

        // the first copy may still arrive by the old connection, unstamped: the resend must match it
        assertThat(s.xmpp.sent().getLast().body()).isEqualTo("on a connection that then died");
        assertThat(s.xmpp.sent().getLast().writtenAt()).isNull();
    }

    @Test
    void everyMessageStatesWhenItWasWrittenAndEachOneLaterThanTheOneBefore() {
        signIn();
        // the clock stands still: a burst written within one millisecond
        ChatMessage first = s.chats.send(withBob, "one").join();
        ChatMessage second = s.chats.send(withBob, "two").join();
        ChatMessage third = s.chats.send(withBob, "three").join();

        assertThat(List.of(first, second, third)).extracting(ChatMessage::senderClock).isSorted()
                .doesNotHaveDuplicates();
        assertThat(s.xmpp.sent()).extracting(o -> o.senderClock())
                .containsExactly(first.senderClock(), second.senderClock(), third.senderClock());
    }

    @Test
    void anOverLongMessageIsRefusedAndNeverQueued() {
        s.xmpp.setMaxBodyBytes(1000);
        String body = "<".repeat(300); // 300 characters, 1200 bytes once escaped

        assertThatThrownBy(() -> s.chats.send(withBob, body).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(MessageRejectedException.class)
                .hasMessageContaining("too long");
        assertThat(s.archive.all()).isEmpty();
    }

    @Test
    void anEmptyMessageIsRefused() {
        assertThat(s.chats.checkBody("  \n ")).contains("The message is empty.");
    }

    @Test
    void incomingIsArchivedThenConfirmedAndARepeatCountsOnce() {
        signIn();
        s.xmpp.receive(fromBob("hi", "m1"));
        s.xmpp.receive(fromBob("hi", "m1"));

        assertThat(s.archive.all()).singleElement().satisfies(m -> {
            assertThat(m.state()).isEqualTo(DeliveryState.RECEIVED);
            assertThat(m.senderNick()).isEqualTo("phone");
        });
        assertThat(events).filteredOn(MessageAdded.class::isInstance).hasSize(1);
        // the repeat is confirmed again: the sender may have missed the first receipt
        assertThat(s.xmpp.receiptsSent()).containsExactly("m1", "m1");
    }

    @Test
    void whenTheArchiveFailsTheMessageIsNotConfirmedAndTheUserIsTold() {
        signIn();
        s.archive.failWith("The disk is full.");
        s.xmpp.receive(fromBob("hi", "m1"));

        assertThat(s.xmpp.receiptsSent()).isEmpty();
        assertThat(events).filteredOn(NoticeRaised.class::isInstance)
                .extracting(e -> ((NoticeRaised) e).text()).containsExactly("The disk is full.");
    }

    @Test
    void aBouncedMessageFailsWithTheServersReasonAndCanBeRetried() {
        signIn();
        s.xmpp.setAutoAck(false);
        ChatMessage m = s.chats.send(withBob, "hello").join();
        s.xmpp.bounce(FakeServices.ALICE, m.originId(), "The recipient does not exist.");

        ChatMessage failed = s.archive.all().getFirst();
        assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(failed.error()).isEqualTo("The recipient does not exist.");

        s.chats.retry(failed);
        assertThat(s.xmpp.sent()).hasSize(2);
        assertThat(s.archive.all().getFirst().state()).isEqualTo(DeliveryState.QUEUED);
    }

    @Test
    void historyPagesComeFromTheArchiveWithoutNetwork() {
        for (int i = 0; i < 120; i++) {
            s.clock.advance(Duration.ofSeconds(1));
            s.chats.send(withBob, "m" + i).join();
        }
        List<ChatMessage> newest = s.chats.history(withBob, 0, 50).join();
        List<ChatMessage> older = s.chats.history(withBob, newest.getFirst().id(), 50).join();

        assertThat(newest).extracting(ChatMessage::body).startsWith("m70").endsWith("m119");
        assertThat(older).extracting(ChatMessage::body).startsWith("m20").endsWith("m69");
    }

    @Test
    void aMessageThatKillsTheConnectionEveryTimeFailsInsteadOfLooping() {
        signIn();
        s.xmpp.setAutoAck(false);
        ChatMessage m = s.chats.send(withBob, "too much for this server").join();
        var dropped = im.natter.domain.model.ConnectionProblem.of(
                im.natter.domain.model.ConnectionProblem.Kind.CONNECTION_DROPPED, "The connection was lost.");
        for (int i = 0; i < ChatService.MAX_LOST_CONNECTIONS; i++) {
            s.xmpp.drop(FakeServices.ALICE, dropped);
            s.connections.reconnectNow(FakeServices.ALICE).join();
        }

        ChatMessage now = s.archive.all().getFirst();
        assertThat(now.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(now.error()).contains("stopped trying");
        assertThat(s.xmpp.sent()).hasSize(ChatService.MAX_LOST_CONNECTIONS);
        assertThat(m.originId()).isEqualTo(now.originId());
    }

    @Test
    void aServerThatKeepsStoppingAnsweringDoesNotFailTheMessagesInFlight() {
        signIn();
        s.xmpp.setAutoAck(false);
        s.chats.send(withBob, "patience").join();
        var silent = im.natter.domain.model.ConnectionProblem.of(
                im.natter.domain.model.ConnectionProblem.Kind.TIMED_OUT, "The server stopped answering.");
        for (int i = 0; i < ChatService.MAX_LOST_CONNECTIONS + 1; i++) {
            s.xmpp.drop(FakeServices.ALICE, silent);
            s.connections.reconnectNow(FakeServices.ALICE).join();
        }

        assertThat(s.archive.all().getFirst().state()).isEqualTo(DeliveryState.QUEUED);
    }

    @Test
    void aResumedSessionDoesNotSendTheUnacknowledgedMessagesASecondTime() {
        signIn();
        s.xmpp.setAutoAck(false);
        s.chats.send(withBob, "one").join();
        s.xmpp.drop(FakeServices.ALICE, im.natter.domain.model.ConnectionProblem.of(
                im.natter.domain.model.ConnectionProblem.Kind.CONNECTION_DROPPED, "x"));
        s.xmpp.resumeNext();
        s.connections.reconnectNow(FakeServices.ALICE).join();

        assertThat(s.xmpp.sent()).hasSize(1);
    }
}
