package im.natter.ui.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.Address;
import im.natter.domain.model.ConversationKey;
import im.natter.testsupport.fakes.FakeServices;
import im.natter.ui.chat.ChatFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationListViewModelTest {

    private static final Address BOB = Address.of("bob@example.org");
    private static final Address CAROL = Address.of("carol@example.org");
    private static final Address DAVE = Address.of("dave@example.org");

    private final ChatFixtures f = new ChatFixtures();
    private final List<ConversationKey> opened = new ArrayList<>();

    private ConversationListViewModel list() {
        var vm = new ConversationListViewModel(f.ui, FakeServices.ALICE, opened::add);
        vm.activate();
        return vm;
    }

    private void later() {
        f.fakes.clock.advance(Duration.ofMinutes(5));
    }

    private static List<String> names(ConversationListViewModel vm) {
        return vm.items().stream().map(ConversationListItem::name).toList();
    }

    @Test
    void loadsFromTheArchiveNewestFirstWithPreviewTimeAndUnread() {
        f.receive(BOB, "hi from bob", null);
        later();
        f.receive(CAROL, "hi from carol", null);
        f.receive(CAROL, "are you there?", null);

        var vm = list();

        assertThat(names(vm)).containsExactly("carol", "bob");
        ConversationListItem carol = vm.items().getFirst();
        assertThat(carol.preview()).isEqualTo("are you there?");
        assertThat(carol.unread()).isEqualTo(2);
        assertThat(carol.timeTextProperty().get()).isEqualTo("10:05");
    }

    @Test
    void followsChangesResortsAndAddsNewConversations() {
        f.receive(BOB, "hi from bob", null);
        later();
        f.receive(CAROL, "hi from carol", null);
        var vm = list();
        ConversationListItem bob = vm.items().get(1);

        later();
        f.receive(BOB, "bob again", null);
        assertThat(names(vm)).containsExactly("bob", "carol");
        assertThat(vm.items().getFirst()).isSameAs(bob);
        assertThat(bob.preview()).isEqualTo("bob again");
        assertThat(bob.unread()).isEqualTo(2);

        later();
        f.receive(DAVE, "new here", null);
        assertThat(names(vm)).containsExactly("dave", "bob", "carol");

        later();
        f.ui.chats().send(ConversationKey.chat(FakeServices.ALICE, CAROL), "my reply").join();
        assertThat(names(vm)).containsExactly("carol", "dave", "bob");
        assertThat(vm.items().getFirst().preview()).isEqualTo("You: my reply");
    }

    @Test
    void markingReadClearsTheBadge() {
        f.receive(BOB, "one", null);
        f.receive(BOB, "two", null);
        var vm = list();
        assertThat(vm.items().getFirst().unread()).isEqualTo(2);

        f.ui.conversations().markRead(ConversationKey.chat(FakeServices.ALICE, BOB)).join();

        assertThat(vm.items().getFirst().unread()).isZero();
    }

    @Test
    void openingSelectsAndTellsTheShellWhileSettingTheSelectionOnlyHighlights() {
        f.receive(BOB, "hi", null);
        var vm = list();
        var bob = ConversationKey.chat(FakeServices.ALICE, BOB);

        vm.open(bob);
        assertThat(vm.selectedProperty().get()).isEqualTo(bob);
        assertThat(opened).containsExactly(bob);

        vm.selectedProperty().set(null);
        assertThat(opened).hasSize(1);
    }

    @Test
    void displayNamesReplaceTheLocalpart() {
        f.receive(BOB, "hi", null);
        var vm = list();
        vm.setDisplayName(BOB, "Bob Builder");
        assertThat(names(vm)).containsExactly("Bob Builder");
        vm.setDisplayName(BOB, null);
        assertThat(names(vm)).containsExactly("bob");
    }

    @Test
    void anEmptyConversationJustOpenedIsListed() {
        var vm = list();
        f.ui.conversations().open(ConversationKey.chat(FakeServices.ALICE, DAVE)).join();
        assertThat(names(vm)).containsExactly("dave");
        assertThat(vm.items().getFirst().preview()).isEqualTo(PreviewText.EMPTY);
    }

    @Test
    void otherAccountsAreIgnoredAndDisposeStopsFollowing() {
        var vm = list();
        vm.dispose();
        f.receive(BOB, "late", null);
        assertThat(vm.items()).isEmpty();
    }
}
