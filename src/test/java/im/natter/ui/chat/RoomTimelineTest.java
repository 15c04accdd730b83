package im.natter.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.event.MessageAdded;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import im.natter.testsupport.fakes.FakeServices;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A room's timeline is a chat timeline with nicknames: groups, mentions, moderation, "new since". */
class RoomTimelineTest {

    static final Address ROOM = Address.of("tea@rooms.example.org");
    static final ConversationKey TEA = new ConversationKey(FakeServices.ALICE, ROOM, ConversationKind.ROOM);

    private final ChatFixtures f = new ChatFixtures();
    private Instant now = Instant.parse("2026-11-20T09:00:00Z");

    private ChatMessage says(String nick, String body) {
        return says(nick, null, body, false, null, null);
    }

    private ChatMessage says(String nick, String occupantId, String body, boolean own, String moderatedBy,
            String reason) {
        now = now.plusSeconds(30);
        var m = new ChatMessage(0, TEA, own ? Direction.OUTGOING : Direction.INCOMING, ROOM, nick, body,
                ContentKind.TEXT, "o-" + now, "s-" + now, ROOM.value(), now, now,
                own ? DeliveryState.ON_SERVER : DeliveryState.RECEIVED, null, null, moderatedBy != null, null,
                occupantId, moderatedBy, reason, false);
        try {
            return f.fakes.archive.insert(m).orElseThrow();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private ChatViewModel open() {
        var vm = new ChatViewModel(f.ui, TEA);
        vm.setOwnNick("alice");
        vm.activate();
        return vm;
    }

    @Test
    void consecutiveMessagesOfOneSenderFormAGroupThatShowsTheNameOnce() {
        says("bob", "one");
        says("bob", "two");
        says("carol", "three");
        says("bob", "four");
        now = now.plus(Duration.ofMinutes(20));
        says("bob", "after a pause");

        var vm = open();

        assertThat(vm.items()).extracting(MessageListItem::senderToShow)
                .containsExactly("bob", null, "carol", "bob", "bob");
        assertThat(vm.items().get(1).room().continued()).isTrue();
        assertThat(vm.items().get(1).room().sender()).isEqualTo("bob");
    }

    @Test
    void anOccupantIdKeepsAGroupTogetherAcrossANicknameChangeAndOwnMessagesShowNoName() {
        says("bob", "occ-1", "before", false, null, null);
        says("bobby", "occ-1", "after renaming", false, null, null);
        says("alice", null, "mine", true, null, null);
        says("alice", null, "mine too", true, null, null);

        var vm = open();

        assertThat(vm.items()).extracting(MessageListItem::senderToShow).containsExactly("bob", null, null, null);
        assertThat(vm.items().get(2).isOutgoing()).isTrue();
        assertThat(vm.items().get(2).room().sender()).isNull();
    }

    @Test
    void messagesThatNameTheUserAreMentionsButNotTheirOwnNorWordsContainingTheNick() {
        says("bob", "Alice: are you there?");
        says("bob", "malice is not a mention");
        says("alice", null, "alice talks about alice", true, null, null);

        var vm = open();

        assertThat(vm.items()).extracting(MessageListItem::isMention).containsExactly(true, false, false);

        vm.setOwnNick("malice");
        assertThat(vm.items()).extracting(MessageListItem::isMention).containsExactly(false, true, false);
    }

    @Test
    void aLiveMessageStartsOrContinuesTheGroupAboveIt() {
        says("bob", "hello");
        var vm = open();

        f.fakes.bus.publish(new MessageAdded(says("bob", "still me")));
        f.fakes.bus.publish(new MessageAdded(says("dave", "hi alice")));

        assertThat(vm.items()).extracting(MessageListItem::senderToShow).containsExactly("bob", null, "dave");
        assertThat(vm.items().getLast().isMention()).isTrue();
    }

    @Test
    void aModeratedMessageSaysSoWithTheReason() {
        says("bob", null, "", false, "mod", "spam");
        says("bob", null, "", false, "mod", null);

        var vm = open();

        assertThat(vm.items().get(0).displayText()).isEqualTo("Removed by a moderator: spam");
        assertThat(vm.items().get(1).displayText()).isEqualTo(MessageListItem.MODERATED_NOTICE);
        assertThat(vm.items().get(0).isDeleted()).isTrue();
    }

    @Test
    void theNewSinceLineStandsAboveTheOldestUnreadMessageAndRestartsTheGroup() {
        says("bob", "read 1");
        says("bob", "read 2");
        says("alice", null, "mine, read", true, null, null);
        says("bob", "new 1");
        says("bob", "new 2");
        says("carol", "new 3");

        var vm = new ChatViewModel(f.ui, TEA);
        vm.setOwnNick("alice");
        vm.setNewSince(3);
        vm.activate();

        assertThat(vm.items()).extracting(MessageListItem::divider)
                .containsExactly(null, null, null, "3 new since you were last here", null, null);
        assertThat(vm.items().get(3).senderToShow()).isEqualTo("bob");
    }

    @Test
    void aOneToOneChatHasNoRoomLook() {
        f.receive(ChatFixtures.BOB, "hi alice", null);
        var vm = new ChatViewModel(f.ui, ChatFixtures.WITH_BOB);
        vm.setNewSince(1);
        vm.activate();

        assertThat(vm.items().getFirst().room()).isNull();
        assertThat(vm.items().getFirst().senderToShow()).isNull();
        assertThat(vm.items().getFirst().isMention()).isFalse();
    }
}
