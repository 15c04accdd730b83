package im.natter.ui.room;

import static im.natter.ui.room.RoomFixtures.TEA;
import static im.natter.ui.room.RoomFixtures.TEA_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.Address;
import im.natter.domain.model.RoomInvitation;
import im.natter.domain.model.RoomProblem;
import im.natter.testsupport.fakes.FakeServices;
import org.junit.jupiter.api.Test;

class InvitationsViewModelTest {

    private static final Address BOB = Address.of("bob@example.org");
    private static final Address CAKE = Address.of("cake@rooms.example.org");

    private final RoomFixtures f = new RoomFixtures();
    private final InvitationsViewModel vm = new InvitationsViewModel(f.chat.ui, FakeServices.ALICE, f.opened::add);

    {
        vm.activate();
    }

    private void invited(Address room, String reason, boolean direct) {
        f.fakes.fakeRooms.invitation(new RoomInvitation(FakeServices.ALICE, room, BOB, reason, null, direct));
    }

    @Test
    void anInvitationIsShownInWordsAndTheNextWaitsBehindIt() {
        invited(TEA, "come \u202Eover", false);
        invited(CAKE, null, true);
        invited(TEA, "reminder", true);

        assertThat(vm.textProperty().get())
                .isEqualTo("bob@example.org invites you to tea@rooms.example.org: \u201ccome over\u201d");
        assertThat(vm.moreProperty().get()).isEqualTo(1);

        vm.decline();
        assertThat(f.fakes.fakeRooms.calls()).contains("decline " + TEA + " null");
        assertThat(vm.textProperty().get()).isEqualTo("bob@example.org invites you to cake@rooms.example.org");
        assertThat(vm.moreProperty().get()).isZero();
    }

    @Test
    void acceptingJoinsWithTheAccountsNameAndOpensTheRoom() {
        invited(TEA, null, true);

        vm.accept();

        assertThat(f.fakes.fakeRooms.joinRequests().getLast().nick()).isEqualTo("alice");
        assertThat(f.opened).containsExactly(TEA_KEY);
        assertThat(vm.currentProperty().get()).isNull();
    }

    @Test
    void aTakenNameIsReplacedOnceAndOtherFailuresStayShown() {
        invited(TEA, null, true);
        f.fakes.fakeRooms.failNextJoin(RoomProblem.NICK_TAKEN);
        vm.accept();
        assertThat(f.fakes.fakeRooms.joinRequests().getLast().nick()).isEqualTo("alice2");
        assertThat(f.opened).containsExactly(TEA_KEY);

        invited(CAKE, null, true);
        f.fakes.fakeRooms.failNextJoin(RoomProblem.MEMBERS_ONLY);
        vm.accept();
        assertThat(vm.errorProperty().get()).isEqualTo("Only members may enter this room.");
        assertThat(vm.currentProperty().get().room()).isEqualTo(CAKE);
    }

    @Test
    void invitingSomeoneChecksTheAddressFirst() {
        f.joinTea();
        var invite = new RoomViewModel(f.chat.ui, TEA_KEY, 0, k -> { }).newInvite();

        invite.addressProperty().set("bob");
        invite.invite();
        assertThat(invite.addressErrorProperty().get()).isEqualTo("An address needs an @, as in alice@example.org.");
        invite.addressProperty().set("alice@example.org");
        invite.invite();
        assertThat(invite.addressErrorProperty().get()).isEqualTo("That is your own address.");

        invite.addressProperty().set("Bob@Example.org");
        invite.reasonProperty().set("tea?");
        invite.invite();
        assertThat(invite.doneProperty().get()).isTrue();
        assertThat(f.fakes.fakeRooms.calls()).contains("invite " + TEA + " bob@example.org direct");
    }
}
