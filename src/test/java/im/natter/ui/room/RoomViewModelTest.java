package im.natter.ui.room;

import static im.natter.ui.room.RoomFixtures.TEA;
import static im.natter.ui.room.RoomFixtures.TEA_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.NotificationLevel;
import im.natter.domain.model.RoomExit;
import im.natter.domain.model.RoomStatus;
import im.natter.testsupport.fakes.FakeServices;
import im.natter.ui.chat.MessageListItem;
import org.junit.jupiter.api.Test;

class RoomViewModelTest {

    private final RoomFixtures f = new RoomFixtures();

    private RoomViewModel open() {
        var vm = new RoomViewModel(f.chat.ui, TEA_KEY, 0, f.opened::add);
        vm.activate();
        return vm;
    }

    @Test
    void theHeaderShowsTheRoomsNameSubjectAndHowManyAreIn() {
        f.joinTea();
        var vm = open();

        assertThat(vm.titleProperty().get()).isEqualTo("A room");
        assertThat(vm.subjectProperty().get()).isEqualTo("Tea, biscuits and the odd cake");
        assertThat(vm.statusTextProperty().get()).isEqualTo("5 people");
        assertThat(vm.statusProperty().get()).isEqualTo(RoomStatus.JOINED);
        assertThat(vm.ownNickProperty().get()).isEqualTo("alice");
        assertThat(vm.outTextProperty().get()).isEmpty();

        f.fakes.fakeRooms.subjectChanged(FakeServices.ALICE, TEA, "Scones today", "Bob");
        assertThat(vm.subjectProperty().get()).isEqualTo("Scones today");
    }

    @Test
    void aRoomNotJoinedSaysSoAndCannotBeWrittenTo() {
        var vm = open();

        assertThat(vm.statusProperty().get()).isEqualTo(RoomStatus.LEFT);
        assertThat(vm.outTextProperty().get()).isEqualTo("You are not in this room.");
        assertThat(vm.canSpeakProperty().get()).isFalse();

        assertThat(vm.rejoin().join()).isTrue();
        assertThat(vm.statusProperty().get()).isEqualTo(RoomStatus.JOINED);
        assertThat(vm.outTextProperty().get()).isEmpty();
        assertThat(vm.canSpeakProperty().get()).isTrue();
    }

    @Test
    void aMemberMayWriteSetTheSubjectAndInviteButNotConfigureOrDestroy() {
        // the fake room makes a joining user a participant and member
        f.joinTea();
        var vm = open();

        assertThat(vm.canSpeakProperty().get()).isTrue();
        assertThat(vm.canChangeSubjectProperty().get()).isTrue();
        assertThat(vm.canInviteProperty().get()).isTrue();
        assertThat(vm.canConfigureProperty().get()).isFalse();
        assertThat(vm.canDestroyProperty().get()).isFalse();
    }

    @Test
    void theOwnerOfANewRoomMayConfigureAndDestroyIt() {
        f.fakes.fakeRooms.createNext(TEA);
        f.fakes.rooms.join(FakeServices.ALICE, TEA, "alice", null).join();
        var vm = open();

        assertThat(vm.canConfigureProperty().get()).isTrue();
        assertThat(vm.canDestroyProperty().get()).isTrue();
        assertThat(vm.statusTextProperty().get()).isEqualTo("Only you");
        assertThat(vm.destroy("done here").join()).isTrue();
        assertThat(f.fakes.fakeRooms.calls()).anyMatch(c -> c.startsWith("destroy " + TEA));
    }

    @Test
    void theNotificationLevelIsSavedAndShown() {
        f.joinTea();
        var vm = open();
        assertThat(vm.notificationsProperty().get()).isEqualTo(NotificationLevel.ALL);

        vm.setNotificationLevel(NotificationLevel.MENTIONS);

        assertThat(vm.notificationsProperty().get()).isEqualTo(NotificationLevel.MENTIONS);
        assertThat(f.fakes.rooms.room(FakeServices.ALICE, TEA).orElseThrow().notifications())
                .isEqualTo(NotificationLevel.MENTIONS);
        assertThat(f.fakes.archive.conversation(TEA_KEY).orElseThrow().notifications())
                .isEqualTo(NotificationLevel.MENTIONS);
        assertThat(RoomViewModel.describe(NotificationLevel.NONE)).isEqualTo("Never");
    }

    @Test
    void messagesFromThePeopleInTheRoomShowWithTheirNamesAndMentionsOfAlice() {
        f.joinTea();
        var vm = open();

        f.says("Bob", "Morning all");
        f.says("Bob", "alice, kettle's on");
        f.says("carol", "on my way");

        assertThat(vm.timeline().items()).extracting(MessageListItem::senderToShow)
                .containsExactly("Bob", null, "carol");
        assertThat(vm.timeline().items()).extracting(MessageListItem::isMention).containsExactly(false, true, false);
    }

    @Test
    void tabCompletesThoseWhoSpokeLastFirstThenEveryoneElseButNeverTheUser() {
        f.joinTea();
        var vm = open();
        f.says("Dave", "hi");
        f.says("Bob", "hello");

        assertThat(vm.completionCandidates()).containsExactly("Bob", "Dave", "carol", "eve");

        var r = vm.complete("d", 1);
        assertThat(r.text()).isEqualTo("Dave, ");
        assertThat(vm.complete("al", 2)).isNull();
    }

    @Test
    void actionsOfTheRoomMenuReachTheRoomAndFailuresAreSaidInWords() {
        f.joinTea();
        var vm = open();

        assertThat(vm.changeNick("alicia").join()).isTrue();
        assertThat(vm.changeSubject("  Cake  ").join()).isTrue();
        assertThat(f.fakes.fakeRooms.calls()).contains("nick " + TEA + " alicia", "subject " + TEA + " Cake");
        assertThat(vm.changeNick(" ").join()).isFalse();
        assertThat(vm.actionErrorProperty().get()).isEqualTo("A nickname cannot be empty.");

        assertThat(vm.leave().join()).isTrue();
        f.fakes.fakeRooms.failNextJoin(im.natter.domain.model.RoomProblem.BANNED);
        assertThat(vm.rejoin().join()).isFalse();
        assertThat(vm.actionErrorProperty().get()).isEqualTo("You are banned from this room.");
    }

    @Test
    void beingKickedOrLeavingIsSaidInPlainWords() {
        f.joinTea();
        var vm = open();

        f.fakes.fakeRooms.exit(new RoomExit(FakeServices.ALICE, TEA, RoomExit.Kind.KICKED, "Bob", "too loud", null));

        assertThat(vm.outTextProperty().get()).isEqualTo("You were removed from the room by Bob: too loud.");
        assertThat(vm.statusProperty().get()).isEqualTo(RoomStatus.LEFT);
        assertThat(vm.canSpeakProperty().get()).isFalse();
        assertThat(vm.occupants().rows()).isEmpty();
    }
}
