package im.natter.ui.connection;

import static im.natter.testsupport.fakes.FakeServices.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.event.ConnectionChanged;
import im.natter.domain.event.HistorySyncProgress;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.ConnectionPhase;
import im.natter.domain.model.ConnectionProblem;
import im.natter.domain.model.ConnectionStatus;
import im.natter.ui.fx.UiFixture;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionViewModelTest {

    private final UiFixture ui = UiFixture.direct();
    private boolean haveCredentials = true;
    private int askedForPassword;
    private final ConnectionViewModel vm = new ConnectionViewModel(ui.services, ALICE, () -> haveCredentials,
            () -> askedForPassword++);
    private final Instant now = Instant.parse("2026-11-20T10:00:00Z");

    private void publish(ConnectionPhase phase, String reason, Instant retryAt) {
        ui.fakes.bus.publish(new ConnectionChanged(new ConnectionStatus(ALICE, phase, reason, retryAt)));
    }

    @Test
    void readsEachPhaseInWords() {
        vm.activate();
        assertThat(vm.text(now)).isEqualTo("Offline");
        publish(ConnectionPhase.CONNECTING, null, null);
        assertThat(vm.text(now)).isEqualTo("Connecting…");
        assertThat(vm.reconnectShownProperty().get()).isFalse();
        publish(ConnectionPhase.ONLINE, null, null);
        assertThat(vm.text(now)).isEqualTo("Online");
        publish(ConnectionPhase.OFFLINE, "The password is wrong.", null);
        assertThat(vm.text(now)).isEqualTo("Offline — The password is wrong.");
        assertThat(vm.reconnectShownProperty().get()).isTrue();
    }

    @Test
    void countsDownToTheNextAttempt() {
        vm.activate();
        publish(ConnectionPhase.RECONNECTING, "The connection was lost.", now.plusSeconds(42));
        assertThat(vm.retryAt()).isEqualTo(now.plusSeconds(42));
        assertThat(vm.text(now)).isEqualTo("Reconnecting in 42 s");
        assertThat(vm.text(now.plusMillis(41_500))).isEqualTo("Reconnecting in 1 s");
        assertThat(vm.text(now.plusSeconds(42))).isEqualTo("Reconnecting…");
        assertThat(vm.text(now.minusSeconds(83))).isEqualTo("Reconnecting in 2 min 5 s");
        assertThat(vm.detail()).isEqualTo("The connection was lost.");
        assertThat(vm.reconnectShownProperty().get()).isTrue();
    }

    @Test
    void followsTheRealServiceThroughADropAndAReconnectNow() {
        vm.activate();
        ui.fakes.accounts.signIn(new AccountSettings(ALICE, "natter-t", null, false, List.of()), "pw".toCharArray());
        assertThat(vm.text(vm.now())).isEqualTo("Online");
        ui.fakes.xmpp.drop(ALICE, ConnectionProblem.of(ConnectionProblem.Kind.CONNECTION_DROPPED, "Lost."));
        assertThat(vm.statusProperty().get().phase()).isEqualTo(ConnectionPhase.RECONNECTING);
        assertThat(vm.text(vm.now())).isEqualTo("Reconnecting in 1 s");
        vm.reconnectNow();
        assertThat(vm.text(vm.now())).isEqualTo("Online");
        assertThat(askedForPassword).isZero();
    }

    @Test
    void withoutAPasswordReconnectNowAsksForIt() {
        haveCredentials = false;
        vm.activate();
        vm.reconnectNow();
        assertThat(askedForPassword).isEqualTo(1);
        assertThat(ui.fakes.xmpp.connectCalls()).isZero();
    }

    @Test
    void ignoresOtherAccountsAndStopsListeningWhenDisposed() {
        vm.activate();
        ui.fakes.bus.publish(new ConnectionChanged(new ConnectionStatus(
                im.natter.domain.model.AccountId.of("bob@example.org"), ConnectionPhase.ONLINE, null, null)));
        assertThat(vm.text(now)).isEqualTo("Offline");
        vm.dispose();
        publish(ConnectionPhase.ONLINE, null, null);
        assertThat(vm.text(now)).isEqualTo("Offline");
    }

    @Test
    void showsTheCatchUpWhileItRunsAndHidesItWhenDone() {
        vm.activate();
        assertThat(vm.syncTextProperty().get()).isEmpty();
        ui.fakes.bus.publish(new HistorySyncProgress(ALICE, 0, false, null));
        assertThat(vm.syncTextProperty().get()).isEqualTo("Catching up…");
        ui.fakes.bus.publish(new HistorySyncProgress(ALICE, 1, false, null));
        assertThat(vm.syncTextProperty().get()).isEqualTo("Catching up… 1 message");
        ui.fakes.bus.publish(new HistorySyncProgress(ALICE, 300, false, null));
        assertThat(vm.syncTextProperty().get()).isEqualTo("Catching up… 300 messages");
        assertThat(vm.syncProblemProperty().get()).isFalse();
        // another account's catch-up is not this bar's
        ui.fakes.bus.publish(new HistorySyncProgress(im.natter.domain.model.AccountId.of("bob@example.org"), 5, true,
                null));
        assertThat(vm.syncTextProperty().get()).isEqualTo("Catching up… 300 messages");
        ui.fakes.bus.publish(new HistorySyncProgress(ALICE, 320, true, null));
        assertThat(vm.syncTextProperty().get()).isEmpty();
    }

    @Test
    void aCatchUpThatStoppedSaysWhyQuietly() {
        vm.activate();
        ui.fakes.bus.publish(new HistorySyncProgress(ALICE, 100, false, null));
        ui.fakes.bus.publish(new HistorySyncProgress(ALICE, 100, true, "The connection was lost."));
        assertThat(vm.syncTextProperty().get()).isEqualTo("History not complete: The connection was lost.");
        assertThat(vm.syncProblemProperty().get()).isTrue();
        // the next sign-in's catch-up replaces it
        ui.fakes.bus.publish(new HistorySyncProgress(ALICE, 0, false, null));
        assertThat(vm.syncProblemProperty().get()).isFalse();
        vm.dispose();
        ui.fakes.bus.publish(new HistorySyncProgress(ALICE, 10, true, null));
        assertThat(vm.syncTextProperty().get()).isEqualTo("Catching up…");
    }

    @Test
    void followsTheRealCatchUpOverTheFakeServer() {
        for (int i = 1; i <= 60; i++) {
            ui.fakes.xmpp.archive(new im.natter.domain.model.InboundMessage(ALICE,
                    im.natter.domain.model.Address.of("bob@example.org"), "r",
                    im.natter.domain.model.ConversationKind.CHAT, "m" + i, im.natter.domain.model.ContentKind.TEXT,
                    "o" + i, "o" + i, null, null, Instant.parse("2026-11-20T09:00:00Z").plusSeconds(i), false,
                    im.natter.domain.model.Direction.INCOMING, im.natter.domain.model.Address.of("bob@example.org"),
                    im.natter.domain.model.MessageSource.ARCHIVE, "A" + i, null, null, null));
        }
        List<String> seen = new java.util.ArrayList<>();
        vm.activate();
        vm.syncTextProperty().addListener((o, was, text) -> seen.add(text));
        ui.fakes.accounts.signIn(new AccountSettings(ALICE, "natter-t", null, false, List.of()), "pw".toCharArray());
        assertThat(seen).contains("Catching up… 50 messages");
        assertThat(seen.getLast()).isEmpty();
    }
}
