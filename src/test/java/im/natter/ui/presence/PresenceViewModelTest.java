package im.natter.ui.presence;

import static im.natter.testsupport.fakes.FakeServices.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Availability;
import im.natter.domain.model.ConnectionPhase;
import im.natter.domain.model.PresenceStatus;
import im.natter.ui.fx.UiFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresenceViewModelTest {

    private final UiFixture ui = UiFixture.direct();
    private boolean haveCredentials = true;
    private int askedForPassword;
    private final PresenceViewModel vm = new PresenceViewModel(ui.services, ALICE, () -> haveCredentials,
            () -> askedForPassword++);

    private void signIn() {
        ui.fakes.accounts.signIn(new AccountSettings(ALICE, "natter-t", null, false, List.of()), "pw".toCharArray());
    }

    @Test
    void offersTheFiveChoicesInOrder() {
        assertThat(vm.choices()).containsExactly(Availability.AVAILABLE, Availability.AWAY,
                Availability.DO_NOT_DISTURB, Availability.EXTENDED_AWAY, Availability.OFFLINE);
    }

    @Test
    void showsOfflineUntilSignedInThenAvailable() {
        vm.activate();
        assertThat(vm.availabilityProperty().get()).isEqualTo(Availability.OFFLINE);
        signIn();
        assertThat(vm.availabilityProperty().get()).isEqualTo(Availability.AVAILABLE);
    }

    @Test
    void choosingSendsThePresenceWithTheStatusMessage() {
        vm.activate();
        signIn();
        vm.messageProperty().set("  at lunch ");
        vm.choose(Availability.AWAY);
        assertThat(vm.availabilityProperty().get()).isEqualTo(Availability.AWAY);
        assertThat(ui.fakes.xmpp.ownPresencesSent()).containsExactly(new PresenceStatus(Availability.AWAY,
                "at lunch"));
    }

    @Test
    void aChangedMessageIsSentOnceWithTheCurrentAvailability() {
        vm.activate();
        signIn();
        vm.choose(Availability.DO_NOT_DISTURB);
        vm.messageProperty().set("focus time");
        vm.commitMessage();
        vm.commitMessage();
        assertThat(ui.fakes.xmpp.ownPresencesSent()).containsExactly(
                new PresenceStatus(Availability.DO_NOT_DISTURB, ""),
                new PresenceStatus(Availability.DO_NOT_DISTURB, "focus time"));
    }

    @Test
    void offlineSignsOut() {
        vm.activate();
        signIn();
        vm.choose(Availability.OFFLINE);
        assertThat(vm.availabilityProperty().get()).isEqualTo(Availability.OFFLINE);
        assertThat(ui.fakes.connections.status(ALICE).phase()).isEqualTo(ConnectionPhase.OFFLINE);
    }

    @Test
    void goingOnlineWithoutAPasswordAsksForIt() {
        haveCredentials = false;
        vm.activate();
        vm.choose(Availability.AVAILABLE);
        assertThat(askedForPassword).isEqualTo(1);
        assertThat(vm.availabilityProperty().get()).isEqualTo(Availability.OFFLINE);
        assertThat(ui.fakes.xmpp.connectCalls()).isZero();
    }

    @Test
    void followsPresenceSetElsewhere() {
        vm.activate();
        signIn();
        ui.fakes.presence.setOwnPresence(ALICE, new PresenceStatus(Availability.EXTENDED_AWAY, "holiday"));
        assertThat(vm.availabilityProperty().get()).isEqualTo(Availability.EXTENDED_AWAY);
        assertThat(vm.messageProperty().get()).isEqualTo("holiday");
    }
}
