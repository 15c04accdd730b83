package im.natter.ui.roster;

import static im.natter.testsupport.fakes.FakeServices.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.ui.fx.UiFixture;
import org.junit.jupiter.api.Test;

class AddContactViewModelTest {

    private final UiFixture ui = UiFixture.direct();
    private final AddContactViewModel vm = new AddContactViewModel(ui.services, ALICE);

    @Test
    void checksTheAddressBeforeAsking() {
        vm.addressProperty().set("bob");
        vm.add();
        assertThat(vm.addressErrorProperty().get()).isEqualTo("An address needs an @, as in alice@example.org.");
        vm.addressProperty().set("alice@example.org");
        vm.add();
        assertThat(vm.addressErrorProperty().get()).isEqualTo("That is your own address.");
        assertThat(ui.fakes.xmpp.rosterActions()).isEmpty();
        assertThat(vm.doneProperty().get()).isFalse();
    }

    @Test
    void addsWithTheNameAndIsDone() {
        vm.addressProperty().set("Bob@Example.org");
        vm.nameProperty().set("  Bob  ");
        vm.add();
        assertThat(ui.fakes.xmpp.rosterActions()).containsExactly("add bob@example.org Bob");
        assertThat(vm.doneProperty().get()).isTrue();
        assertThat(vm.errorProperty().get()).isNull();
    }
}
