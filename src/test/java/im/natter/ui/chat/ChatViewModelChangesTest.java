package im.natter.ui.chat;

import static im.natter.ui.chat.ChatFixtures.BOB;
import static im.natter.ui.chat.ChatFixtures.WITH_BOB;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.event.MessageChanged;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.Direction;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.MessageSource;
import im.natter.testsupport.fakes.FakeServices;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Corrected, deleted and answering messages as the chat shows them. */
class ChatViewModelChangesTest {

    private final ChatFixtures f = new ChatFixtures();

    private ChatViewModel open() {
        var vm = new ChatViewModel(f.ui, WITH_BOB);
        vm.setPeerName("Bob Builder");
        vm.activate();
        return vm;
    }

    /** Bob's stanza {@code id}, live, optionally changing or answering another. */
    private void bob(String id, String body, String replaces, String retracts, String replyTo) {
        Instant now = f.fakes.clock.instant();
        f.fakes.xmpp.receive(new InboundMessage(FakeServices.ALICE, BOB, "phone", ConversationKind.CHAT, body,
                ContentKind.TEXT, id, id, null, null, now, false, Direction.INCOMING, BOB, MessageSource.LIVE, null,
                replaces, retracts, replyTo));
        f.fakes.clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void aCorrectedMessageKeepsItsPlaceAndTimeAndSaysEdited() {
        var vm = open();
        bob("o1", "see you at 5", null, null, null);
        bob("o2", "bring cake", null, null, null);
        String time = vm.items().getFirst().timeText();

        bob("c1", "see you at 6", "o1", null, null);

        assertThat(vm.items()).hasSize(2);
        MessageListItem first = vm.items().getFirst();
        assertThat(first.displayText()).isEqualTo("see you at 6");
        assertThat(first.isEdited()).isTrue();
        assertThat(first.timeText()).isEqualTo(time);
        assertThat(first.editedText()).startsWith("Edited ");
        assertThat(vm.items().getLast().isEdited()).isFalse();
    }

    @Test
    void aMessageTheArchiveMovedGoesToItsNewPlace() {
        var vm = open();
        bob("o1", "first", null, null, null);
        bob("o2", "second", null, null, null);
        bob("o3", "third", null, null, null);
        ChatMessage second = vm.items().get(1).message();
        ChatMessage third = vm.items().get(2).message();

        // a message that went in before "second" made the archive move it (and what follows) up
        f.fakes.bus.publish(new MessageChanged(second.withSortTime(third.orderTime().plusMillis(1))));

        assertThat(vm.items()).extracting(MessageListItem::displayText).containsExactly("first", "third", "second");
        assertThat(vm.items()).extracting(item -> item.message().id()).doesNotHaveDuplicates();
    }

    @Test
    void aRetractedMessageSaysItWasDeletedAndTheRetractionIsNotShown() {
        var vm = open();
        bob("o1", "wrong chat, sorry", null, null, null);

        bob("r1", "This person attempted to retract a previous message", null, "o1", null);

        assertThat(vm.items()).singleElement().satisfies(item -> {
            assertThat(item.isDeleted()).isTrue();
            assertThat(item.displayText()).isEqualTo(MessageListItem.DELETED_NOTICE);
            assertThat(item.copyText()).isEqualTo(MessageListItem.DELETED_NOTICE);
            assertThat(item.segments()).extracting(TextSegment::text).containsExactly(MessageListItem.DELETED_NOTICE);
            assertThat(item.isEdited()).isFalse();
        });
    }

    @Test
    void aReplyQuotesTheAnsweredMessagesAuthorAndFirstLine() {
        var vm = open();
        bob("o1", "lunch tomorrow?\nI know a place", null, null, null);

        bob("o2", "yes please", null, null, "o1");

        ReplyQuote quote = vm.items().getLast().quote();
        assertThat(quote.author()).isEqualTo("Bob Builder");
        assertThat(quote.text()).isEqualTo("lunch tomorrow? \u2026");
        assertThat(vm.items().getLast().displayText()).isEqualTo("yes please");
        assertThat(vm.items().getFirst().quote()).isNull();
    }

    @Test
    void aReplyToTheUsersOwnMessageNamesThemYou() {
        var vm = open();
        vm.composerTextProperty().set("shall we?");
        vm.send();
        String mine = vm.items().getFirst().message().originId();

        bob("o2", "sure", null, null, mine);

        assertThat(vm.items().getLast().quote()).isEqualTo(new ReplyQuote("You", "shall we?"));
    }

    @Test
    void aReplyToAMessageNotInTheArchiveSaysSo() {
        var vm = open();

        bob("o2", "what he said", null, null, "long-gone");

        assertThat(vm.items().getLast().quote()).isEqualTo(ReplyQuote.UNKNOWN);
        assertThat(ReplyQuote.UNKNOWN.isKnown()).isFalse();
    }

    @Test
    void aReplyWhoseAnsweredMessageIsOnAnOlderPageIsQuotedFromTheArchive() {
        bob("o1", "the very first", null, null, null);
        for (int i = 0; i < ChatViewModel.PAGE_SIZE + 5; i++) {
            bob("f" + i, "filler " + i, null, null, null);
        }
        bob("o2", "answering the first", null, null, "o1");

        var vm = open();

        assertThat(vm.items()).noneMatch(i -> "o1".equals(i.message().originId()));
        assertThat(vm.items().getLast().quote()).isEqualTo(new ReplyQuote("Bob Builder", "the very first"));
    }

    @Test
    void theQuoteFollowsACorrectionOrDeletionOfTheAnsweredMessage() {
        var vm = open();
        bob("o1", "meet at 5", null, null, null);
        bob("o2", "ok", null, null, "o1");

        bob("c1", "meet at 6", "o1", null, null);
        assertThat(vm.items().getLast().quote().text()).isEqualTo("meet at 6");

        bob("r1", "", null, "o1", null);
        assertThat(vm.items().getLast().quote().text()).isEqualTo(MessageListItem.DELETED_NOTICE);
    }

    @Test
    void aReplyThatArrivesBeforeWhatItAnswersGetsItsQuoteWhenThatArrives() {
        var vm = open();
        f.fakes.clock.advance(Duration.ofMinutes(5));
        bob("o2", "answer", null, null, "o1");
        assertThat(vm.items().getLast().quote()).isEqualTo(ReplyQuote.UNKNOWN);

        f.fakes.clock.set(f.fakes.clock.instant().minus(Duration.ofMinutes(10)));
        bob("o1", "question", null, null, null);

        assertThat(vm.items()).extracting(MessageListItem::displayText).containsExactly("question", "answer");
        assertThat(vm.items().getLast().quote()).isEqualTo(new ReplyQuote("Bob Builder", "question"));
    }
}
