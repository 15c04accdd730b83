package im.natter.ui.shell;

import static im.natter.testsupport.fakes.FakeServices.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.event.HistorySyncProgress;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.WindowBounds;
import im.natter.ui.fx.UiFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupViewModelTest {

    private static final AccountSettings REMEMBERING = new AccountSettings(ALICE, "natter-t", null, true, List.of());

    @Test
    void withNoAccountShowsSignInThenTheMainWindow() {
        var ui = UiFixture.direct();
        var vm = new StartupViewModel(ui.services);
        vm.start();
        assertThat(vm.mainProperty().get()).isNull();
        var signIn = vm.signInProperty().get();
        assertThat(signIn.isCancellable()).isFalse();
        signIn.addressProperty().set("alice@example.org");
        signIn.passwordProperty().set("pw");
        signIn.signIn();
        assertThat(vm.signInProperty().get()).isNull();
        assertThat(vm.mainProperty().get().account()).isEqualTo(ALICE);
    }

    @Test
    void withARememberedPasswordOpensTheMainWindowAndSignsInBehindIt() throws Exception {
        var ui = UiFixture.withAccount(REMEMBERING, true, false);
        ui.fakes.secrets.savePassword(ALICE, "pw".toCharArray());
        var vm = new StartupViewModel(ui.services);
        vm.start();
        assertThat(vm.signInProperty().get()).isNull();
        assertThat(vm.mainProperty().get().signInSheetProperty().get()).isNull();
        assertThat(ui.fakes.xmpp.connectCalls()).isEqualTo(1);
        assertThat(ui.fakes.connections.status(ALICE).isOnline()).isTrue();
    }

    @Test
    void theSignInBehindTheWindowCatchesUpOnceTheWindowHasSettled() throws Exception {
        var ui = UiFixture.withAccount(REMEMBERING, true, false);
        ui.fakes.secrets.savePassword(ALICE, "pw".toCharArray());
        List<HistorySyncProgress> progress = new ArrayList<>();
        ui.fakes.bus.subscribe(e -> {
            if (e instanceof HistorySyncProgress p) {
                progress.add(p);
            }
        });
        var vm = new StartupViewModel(ui.services);
        vm.start();
        assertThat(ui.fakes.connections.status(ALICE).isOnline()).isTrue();
        assertThat(progress).isEmpty();

        vm.settled();

        assertThat(progress).isNotEmpty();
        assertThat(progress.getLast().done()).isTrue();
    }

    @Test
    void withoutACredentialStoreOpensTheArchiveAndAsksForThePasswordOverIt() {
        var ui = UiFixture.withAccount(REMEMBERING, false, false);
        var vm = new StartupViewModel(ui.services);
        vm.start();
        var main = vm.mainProperty().get();
        assertThat(main).isNotNull();
        var sheet = main.signInSheetProperty().get();
        assertThat(sheet.noteProperty().get()).contains("no password store");
        assertThat(sheet.isCancellable()).isTrue();
        assertThat(ui.fakes.xmpp.connectCalls()).isZero();
    }

    @Test
    void theRestoreRunsOffTheFxThreadAndTheDecisionOnIt() {
        var ui = UiFixture.queuedFx();
        var vm = new StartupViewModel(ui.services);
        vm.start();
        assertThat(vm.signInProperty().get()).isNull();
        ui.runFx();
        assertThat(vm.signInProperty().get()).isNotNull();
    }

    @Test
    void savesTheWindowButKeepsTheUnmaximisedSize() {
        var ui = UiFixture.direct();
        var vm = new StartupViewModel(ui.services);
        vm.start();
        vm.close(new WindowBounds(10, 20, 900, 600, false));
        assertThat(ui.fakes.settings.current().window()).isEqualTo(new WindowBounds(10, 20, 900, 600, false));
        vm.close(new WindowBounds(0, 0, 1280, 800, true));
        assertThat(ui.fakes.settings.current().window()).isEqualTo(new WindowBounds(10, 20, 900, 600, true));
        var next = new StartupViewModel(ui.services);
        next.start();
        assertThat(next.windowProperty().get()).isEqualTo(new WindowBounds(10, 20, 900, 600, true));
    }
}
