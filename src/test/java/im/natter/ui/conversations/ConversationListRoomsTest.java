package im.natter.ui.conversations;

import static im.natter.ui.room.RoomFixtures.TEA;
import static im.natter.ui.room.RoomFixtures.TEA_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.Address;
import im.natter.domain.model.Bookmark;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.NotificationLevel;
import im.natter.testsupport.fakes.FakeServices;
import im.natter.ui.room.RoomFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rooms sit in the conversation list beside chats: bookmarks, names, mentions, private conversations. */
class ConversationListRoomsTest {

    private static final Address BOOK_CLUB = Address.of("books@rooms.example.org");

    private final RoomFixtures f = new RoomFixtures();

    private ConversationListViewModel list() {
        var vm = new ConversationListViewModel(f.chat.ui, FakeServices.ALICE, k -> { });
        vm.activate();
        return vm;
    }

    private static ConversationListItem row(ConversationListViewModel vm, ConversationKey key) {
        return vm.items().stream().filter(i -> i.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void bookmarkedRoomsAreInTheListUnderTheirBookmarkNameBeforeAnythingWasSaid() {
        f.fakes.fakeBookmarks.changeElsewhere(FakeServices.ALICE,
                List.of(new Bookmark(BOOK_CLUB, "Book club", "alice", null, false)));
        var vm = list();

        var row = row(vm, new ConversationKey(FakeServices.ALICE, BOOK_CLUB, ConversationKind.ROOM));
        assertThat(row.name()).isEqualTo("Book club");
        assertThat(row.isRoom()).isTrue();
        assertThat(row.preview()).isEqualTo("Room");

        f.fakes.fakeBookmarks.changeElsewhere(FakeServices.ALICE, List.of());
        assertThat(vm.items()).noneMatch(i -> i.key().peer().equals(BOOK_CLUB));
    }

    @Test
    void aJoinedRoomShowsItsNameUnreadAndMentionsAndPrivateChatsReadNickInRoom() {
        f.joinTea();
        var vm = list();
        f.says("Bob", "hello all");
        f.says("Bob", "alice: tea?");

        var tea = row(vm, TEA_KEY);
        assertThat(tea.name()).isEqualTo("A room");
        assertThat(tea.unread()).isEqualTo(2);
        assertThat(tea.mentions()).isEqualTo(1);
        assertThat(vm.unreadOf(TEA_KEY)).isEqualTo(2);

        f.fakes.rooms.setNotificationLevel(TEA_KEY, NotificationLevel.MENTIONS).join();
        assertThat(row(vm, TEA_KEY).unread()).isEqualTo(1);
        f.fakes.rooms.setNotificationLevel(TEA_KEY, NotificationLevel.NONE).join();
        assertThat(row(vm, TEA_KEY).unread()).isZero();
        assertThat(row(vm, TEA_KEY).muted()).isTrue();

        ConversationKey withBob = f.fakes.rooms.openPrivate(TEA_KEY, "Bob");
        assertThat(vm.nameOf(withBob)).isEqualTo("Bob (A room)");
    }
}
