package im.natter.ui.room;

import static im.natter.ui.room.RoomFixtures.TEA;
import static im.natter.ui.room.RoomFixtures.TEA_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.RoomProblem;
import im.natter.testsupport.fakes.FakeServices;
import org.junit.jupiter.api.Test;

class JoinRoomViewModelTest {

    private final RoomFixtures f = new RoomFixtures();
    private final JoinRoomViewModel vm = new JoinRoomViewModel(f.chat.ui, FakeServices.ALICE, f.opened::add);

    @Test
    void theNicknameStartsAsTheAccountsName() {
        assertThat(vm.nickProperty().get()).isEqualTo("alice");
        assertThat(vm.stageProperty().get()).isEqualTo(JoinRoomViewModel.Stage.FORM);
    }

    @Test
    void aBadAddressOrAnEmptyNicknameIsExplainedAndNothingIsSent() {
        vm.addressProperty().set("");
        vm.join();
        assertThat(vm.addressErrorProperty().get()).isEqualTo("The address is empty.");

        vm.addressProperty().set("rooms.example.org");
        vm.nickProperty().set("  ");
        vm.join();
        assertThat(vm.addressErrorProperty().get()).startsWith("A room's address has its name before the @");
        assertThat(vm.nickErrorProperty().get()).isEqualTo("Choose a nickname.");

        vm.addressProperty().set("tea time@rooms.example.org");
        assertThat(vm.addressErrorProperty().get()).isEmpty();
        vm.join();
        assertThat(vm.addressErrorProperty().get()).contains("spaces");
        assertThat(f.fakes.fakeRooms.joinRequests()).isEmpty();
    }

    @Test
    void joiningAnExistingRoomOpensIt() {
        vm.addressProperty().set(" Tea@Rooms.Example.org ");
        vm.passwordProperty().set("biscuit");
        vm.join();

        assertThat(vm.stageProperty().get()).isEqualTo(JoinRoomViewModel.Stage.DONE);
        assertThat(f.opened).containsExactly(TEA_KEY);
        var request = f.fakes.fakeRooms.joinRequests().getLast();
        assertThat(request.room()).isEqualTo(TEA);
        assertThat(request.nick()).isEqualTo("alice");
        assertThat(request.password()).isEqualTo("biscuit");
    }

    @Test
    void aTakenNicknameComesWithOneToUseInstead() {
        f.fakes.fakeRooms.failNextJoin(RoomProblem.NICK_TAKEN);
        vm.addressProperty().set(TEA.value());
        vm.join();

        assertThat(vm.errorProperty().get()).startsWith("Someone in the room already uses that nickname.");
        assertThat(vm.suggestedNickProperty().get()).isEqualTo("alice2");
        assertThat(f.opened).isEmpty();

        vm.useSuggestedNick();
        assertThat(f.fakes.fakeRooms.joinRequests().getLast().nick()).isEqualTo("alice2");
        assertThat(f.opened).containsExactly(TEA_KEY);
        assertThat(vm.errorProperty().get()).isEmpty();
    }

    @Test
    void otherRefusalsAreSaidInPlainWords() {
        f.fakes.fakeRooms.failNextJoin(RoomProblem.WRONG_PASSWORD);
        vm.addressProperty().set(TEA.value());
        vm.join();

        assertThat(vm.errorProperty().get()).isEqualTo("The room's password is wrong.");
        assertThat(vm.suggestedNickProperty().get()).isEmpty();
        vm.passwordProperty().set("another");
        assertThat(vm.errorProperty().get()).isEmpty();
    }

    @Test
    void aNewRoomWaitsForTheChoiceAndOpensWithTheDefaults() {
        f.fakes.fakeRooms.createNext(TEA);
        vm.addressProperty().set(TEA.value());
        vm.join();

        assertThat(vm.stageProperty().get()).isEqualTo(JoinRoomViewModel.Stage.CREATED);
        assertThat(f.opened).isEmpty();

        vm.openAsItIs();
        assertThat(f.fakes.fakeRooms.calls()).contains("create-instant " + TEA);
        assertThat(vm.stageProperty().get()).isEqualTo(JoinRoomViewModel.Stage.DONE);
        assertThat(f.opened).containsExactly(TEA_KEY);
    }

    @Test
    void aNewRoomCanBeSetUpFirstAndOpensWhenTheSettingsAreSaved() {
        f.fakes.fakeRooms.createNext(TEA);
        vm.addressProperty().set(TEA.value());
        vm.join();

        RoomConfigurationViewModel settings = vm.configure();
        assertThat(settings.justCreated()).isTrue();
        settings.load();
        assertThat(settings.formProperty().get()).isNotNull();
        assertThat(f.opened).isEmpty();

        settings.submit();
        assertThat(f.fakes.fakeRooms.calls()).contains("submit-configuration " + TEA);
        assertThat(settings.doneProperty().get()).isTrue();
        assertThat(f.opened).containsExactly(TEA_KEY);
    }

    @Test
    void cancellingANewRoomsSettingsStillOpensItSoItIsNotLeftLocked() {
        f.fakes.fakeRooms.createNext(TEA);
        vm.addressProperty().set(TEA.value());
        vm.join();
        RoomConfigurationViewModel settings = vm.configure();
        settings.load();

        settings.cancel();

        assertThat(f.fakes.fakeRooms.calls()).contains("create-instant " + TEA);
        assertThat(f.opened).containsExactly(TEA_KEY);
    }
}
