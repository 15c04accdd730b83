package im.natter.ui.chat;

import static im.natter.ui.chat.ChatFixtures.BOB;
import static im.natter.ui.chat.ChatFixtures.WITH_BOB;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.Address;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.DeliveryState;
import im.natter.testsupport.fakes.FakeServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChatViewModelTest {

    private final ChatFixtures f = new ChatFixtures();

    private ChatViewModel open() {
        var vm = new ChatViewModel(f.ui, WITH_BOB);
        vm.activate();
        return vm;
    }

    private static List<String> bodies(ChatViewModel vm) {
        return vm.items().stream().map(i -> i.message().body()).toList();
    }

    @Test
    void initialPageIsTheNewestFiftyOldestFirst() {
        for (int i = 1; i <= 120; i++) {
            f.receive(BOB, "m" + i, null);
            f.fakes.clock.advance(Duration.ofMinutes(1));
        }
        var vm = open();

        assertThat(vm.items()).hasSize(50);
        assertThat(vm.items().getFirst().message().body()).isEqualTo("m71");
        assertThat(vm.items().getLast().message().body()).isEqualTo("m120");
        assertThat(vm.loadedProperty().get()).isTrue();
        assertThat(vm.hasOlderProperty().get()).isTrue();
    }

    @Test
    void olderPagesArePrependedAndReportWhereTheFormerFirstIsNow() {
        for (int i = 1; i <= 120; i++) {
            f.receive(BOB, "m" + i, null);
            f.fakes.clock.advance(Duration.ofMinutes(1));
        }
        var vm = open();

        assertThat(vm.loadOlder().join()).isEqualTo(50);
        assertThat(vm.items()).hasSize(100);
        assertThat(vm.items().getFirst().message().body()).isEqualTo("m21");

        assertThat(vm.loadOlder().join()).isEqualTo(20);
        assertThat(vm.items()).hasSize(120);
        assertThat(vm.hasOlderProperty().get()).isFalse();
        assertThat(vm.loadOlder().join()).isZero();
        assertThat(bodies(vm)).startsWith("m1", "m2", "m3").endsWith("m119", "m120");
    }

    @Test
    void liveMessagesGoInOrderOfTheirTimeEvenWhenTheyArriveLate() {
        f.receive(BOB, "first", null);
        f.fakes.clock.advance(Duration.ofMinutes(10));
        f.receive(BOB, "third", null);
        var vm = open();

        f.fakes.clock.advance(Duration.ofMinutes(10));
        // delayed delivery: written between the two, arrives now
        f.receive(BOB, "second", f.fakes.clock.instant().minus(Duration.ofMinutes(15)));
        f.receive(BOB, "fourth", null);

        assertThat(bodies(vm)).containsExactly("first", "second", "third", "fourth");
    }

    @Test
    void messagesOfOtherConversationsAreNotShown() {
        var vm = open();
        f.receive(Address.of("carol@example.org"), "not for this chat", null);
        assertThat(vm.items()).isEmpty();
    }

    @Test
    void sendingStoresTheMessageClearsTheComposerAndFollowsItsState() {
        var vm = open();
        vm.composerTextProperty().set("hello");
        assertThat(vm.canSendProperty().get()).isTrue();

        vm.send();

        assertThat(vm.composerTextProperty().get()).isEmpty();
        assertThat(vm.items()).hasSize(1);
        MessageListItem item = vm.items().getFirst();
        assertThat(item.isOutgoing()).isTrue();
        // offline: the service keeps it queued
        assertThat(item.state()).isEqualTo(DeliveryState.QUEUED);

        f.fakes.xmpp.setAutoAck(false);
        f.connect();
        assertThat(f.fakes.xmpp.sent()).hasSize(1);
        f.fakes.xmpp.acknowledge(FakeServices.ALICE, item.message().originId());
        assertThat(vm.items().getFirst().state()).isEqualTo(DeliveryState.ON_SERVER);
        f.fakes.xmpp.receiveReceipt(FakeServices.ALICE, BOB, item.message().originId());
        assertThat(vm.items()).hasSize(1);
        assertThat(vm.items().getFirst().state()).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    void aFailedMessageShowsTheReasonAndCanBeRetried() {
        f.fakes.xmpp.setAutoAck(false);
        f.connect();
        var vm = open();
        vm.composerTextProperty().set("hello");
        vm.send();
        String originId = vm.items().getFirst().message().originId();

        f.fakes.xmpp.bounce(FakeServices.ALICE, originId, "Bob's server does not accept messages from strangers.");
        MessageListItem failed = vm.items().getFirst();
        assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(failed.error()).contains("strangers");

        vm.retry(failed);
        assertThat(vm.items().getFirst().state()).isEqualTo(DeliveryState.QUEUED);
        assertThat(f.fakes.xmpp.sent()).hasSize(2);
    }

    @Test
    void emptyTextCannotBeSent() {
        var vm = open();
        vm.composerTextProperty().set("   \n ");
        assertThat(vm.canSendProperty().get()).isFalse();
        assertThat(vm.composerProblemProperty().get()).isEmpty();
        vm.send();
        assertThat(vm.items()).isEmpty();
        assertThat(f.fakes.archive.all()).isEmpty();
    }

    @Test
    void tooLongTextIsRefusedLiveAndNeverQueued() {
        f.fakes.xmpp.setMaxBodyBytes(2048);
        var vm = open();
        vm.composerTextProperty().set("x".repeat(5000));

        assertThat(vm.composerProblemProperty().get()).contains("too long");
        assertThat(vm.canSendProperty().get()).isFalse();
        vm.send();
        assertThat(f.fakes.archive.all()).isEmpty();
        assertThat(vm.composerTextProperty().get()).hasSize(5000);

        vm.composerTextProperty().set("short");
        assertThat(vm.composerProblemProperty().get()).isEmpty();
        assertThat(vm.canSendProperty().get()).isTrue();
    }

    @Test
    void anArchiveFailureIsShownInWordsAndTheTextStays() {
        var vm = open();
        f.fakes.archive.failWith("The disk is full, so the message could not be saved.");
        vm.composerTextProperty().set("important");

        vm.send();

        assertThat(vm.sendErrorProperty().get()).isEqualTo("The disk is full, so the message could not be saved.");
        assertThat(vm.composerTextProperty().get()).isEqualTo("important");
        assertThat(vm.items()).isEmpty();
        assertThat(vm.canSendProperty().get()).isTrue();

        vm.composerTextProperty().set("important!");
        assertThat(vm.sendErrorProperty().get()).isEmpty();
    }

    @Test
    void openingMarksReadAndArrivalsAreMarkedReadOnlyWhileTheUserCanSeeThem() throws Exception {
        f.receive(BOB, "before", null);
        assertThat(unread()).isEqualTo(1);

        var vm = open();
        assertThat(unread()).isZero();

        vm.setVisibleAndFocused(false);
        f.receive(BOB, "while away", null);
        assertThat(unread()).isEqualTo(1);

        vm.setVisibleAndFocused(true);
        assertThat(unread()).isZero();

        f.receive(BOB, "while looking", null);
        assertThat(unread()).isZero();
    }

    @Test
    void dayLabelsMarkTheFirstMessageOfEachDay() {
        Instant now = f.fakes.clock.instant();
        f.receive(BOB, "two days ago", now.minus(Duration.ofDays(2)));
        f.receive(BOB, "yesterday 1", now.minus(Duration.ofDays(1)));
        f.receive(BOB, "yesterday 2", now.minus(Duration.ofDays(1)).plusSeconds(60));
        f.receive(BOB, "today", null);
        var vm = open();

        List<String> labels = new ArrayList<>();
        vm.items().forEach(i -> labels.add(i.dayLabel()));
        assertThat(labels.get(1)).isEqualTo("Yesterday");
        assertThat(labels.get(2)).isNull();
        assertThat(labels.get(3)).isEqualTo("Today");
        assertThat(labels.get(0)).isNotNull();

        // a late message from yesterday goes before "yesterday 1" and takes over its label
        f.receive(BOB, "yesterday 0", now.minus(Duration.ofDays(1)).minusSeconds(60));
        assertThat(bodies(vm)).containsExactly("two days ago", "yesterday 0", "yesterday 1", "yesterday 2", "today");
        assertThat(vm.items().get(1).dayLabel()).isEqualTo("Yesterday");
        assertThat(vm.items().get(2).dayLabel()).isNull();
    }

    @Test
    void encryptedMessagesShowTheNoticeAndNeverTheirFallback() {
        f.receive(BOB, "I sent you an OMEMO encrypted message but your client doesn't seem to support that.",
                ContentKind.OMEMO_ENCRYPTED, null);
        var vm = open();
        MessageListItem item = vm.items().getFirst();
        assertThat(item.displayText()).isEqualTo(MessageListItem.OMEMO_NOTICE);
        assertThat(item.segments()).extracting(TextSegment::text).containsExactly(MessageListItem.OMEMO_NOTICE);
        assertThat(item.copyText()).doesNotContain("client");
    }

    @Test
    void linksOpenOnlyWhenAllowed() {
        var vm = open();
        vm.openLink("javascript:alert(1)");
        vm.openLink("file:///etc/passwd");
        vm.openLink("https://natter.im/");
        assertThat(f.opened).containsExactly("https://natter.im/");
    }

    @Test
    void afterDisposeNothingChanges() {
        var vm = open();
        vm.dispose();
        f.receive(BOB, "late", null);
        assertThat(vm.items()).isEmpty();
    }

    @Test
    void eventsBeforeTheFirstPageAreNotShownTwice() {
        // the fx executor holds everything back, as a busy FX thread would
        List<Runnable> fxQueue = new ArrayList<>();
        var g = new ChatFixtures(fxQueue::add);
        g.receive(BOB, "old", null);
        var vm = new ChatViewModel(g.ui, WITH_BOB);
        vm.activate();
        g.receive(BOB, "new", null);
        AtomicInteger guard = new AtomicInteger();
        while (!fxQueue.isEmpty() && guard.incrementAndGet() < 100) {
            fxQueue.removeFirst().run();
        }
        assertThat(bodies(vm)).containsExactly("old", "new");
    }

    private int unread() throws Exception {
        return f.fakes.archive.conversation(WITH_BOB).orElseThrow().unread();
    }

    @Test
    void theSendResultArrivingAfterTheServersAckDoesNotTurnTheMarkBackToQueued() {
        var fxQueue = new java.util.ArrayList<Runnable>();
        var queued = new ChatFixtures(fxQueue::add);
        queued.connect();
        var vm = new ChatViewModel(queued.ui, WITH_BOB);
        vm.activate();
        while (!fxQueue.isEmpty()) {
            fxQueue.removeFirst().run();
        }

        vm.composerTextProperty().set("hello");
        vm.send(); // stored, published, sent and acknowledged before the FX thread runs anything
        while (!fxQueue.isEmpty()) {
            fxQueue.removeFirst().run();
        }

        assertThat(vm.items()).singleElement()
                .satisfies(i -> assertThat(i.state()).isEqualTo(im.natter.domain.model.DeliveryState.ON_SERVER));
    }
}
