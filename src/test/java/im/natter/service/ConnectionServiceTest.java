package im.natter.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.natter.domain.event.ConnectionChanged;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.ConnectionPhase;
import im.natter.domain.model.ConnectionProblem;
import im.natter.domain.model.ConnectionStatus;
import im.natter.testsupport.fakes.FakeServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionServiceTest {

    private final FakeServices s = new FakeServices();
    private final List<ConnectionStatus> states = new ArrayList<>();
    private final AccountSettings alice = new AccountSettings(FakeServices.ALICE, "r", null, false, List.of());

    @BeforeEach
    void listen() {
        s.bus.subscribe(e -> {
            if (e instanceof ConnectionChanged c) {
                states.add(c.status());
            }
        });
    }

    @Test
    void signInReportsConnectingThenOnline() {
        s.connections.signIn(alice, "pw".toCharArray()).join();
        assertThat(states).extracting(ConnectionStatus::phase)
                .containsExactly(ConnectionPhase.CONNECTING, ConnectionPhase.ONLINE);
    }

    @Test
    void aWrongPasswordAtSignInIsShownAndNotRetried() {
        s.xmpp.failNextConnect(ConnectionProblem.of(ConnectionProblem.Kind.WRONG_CREDENTIALS, "Wrong password."));

        assertThatThrownBy(() -> s.connections.signIn(alice, "x".toCharArray()).join())
                .isInstanceOf(CompletionException.class);
        assertThat(states.getLast()).satisfies(st -> {
            assertThat(st.phase()).isEqualTo(ConnectionPhase.OFFLINE);
            assertThat(st.reason()).isEqualTo("Wrong password.");
        });
        assertThat(s.scheduler.pendingDelaysMillis()).isEmpty();
    }

    @Test
    void aLostConnectionIsRetriedWithGrowingDelaysUntilItIsBack() {
        s.connections.signIn(alice, "pw".toCharArray()).join();
        ConnectionProblem down = ConnectionProblem.of(ConnectionProblem.Kind.CONNECTION_REFUSED, "Refused.");
        s.xmpp.failNextConnect(down);
        s.xmpp.failNextConnect(down);

        s.xmpp.drop(FakeServices.ALICE, ConnectionProblem.of(ConnectionProblem.Kind.CONNECTION_DROPPED, "Dropped."));
        assertThat(states.getLast().phase()).isEqualTo(ConnectionPhase.RECONNECTING);
        assertThat(states.getLast().retryAt()).isEqualTo(s.clock.instant().plus(Duration.ofSeconds(1)));
        assertThat(s.scheduler.pendingDelaysMillis()).containsExactly(1000L);

        s.scheduler.runPending(); // fails: refused
        assertThat(s.scheduler.pendingDelaysMillis()).containsExactly(2000L);
        s.scheduler.runPending(); // fails again
        assertThat(s.scheduler.pendingDelaysMillis()).containsExactly(4000L);
        s.scheduler.runPending(); // works

        assertThat(states.getLast().phase()).isEqualTo(ConnectionPhase.ONLINE);
        assertThat(s.scheduler.pendingDelaysMillis()).isEmpty();
    }

    @Test
    void reconnectNowSkipsTheWait() {
        s.connections.signIn(alice, "pw".toCharArray()).join();
        s.xmpp.drop(FakeServices.ALICE, ConnectionProblem.of(ConnectionProblem.Kind.TIMED_OUT, "Timed out."));

        s.connections.reconnectNow(FakeServices.ALICE).join();

        assertThat(states.getLast().phase()).isEqualTo(ConnectionPhase.ONLINE);
        assertThat(s.scheduler.runPending()).isZero(); // the cancelled retry does not run
    }

    @Test
    void afterSignOutALostConnectionIsNotRetried() {
        s.connections.signIn(alice, "pw".toCharArray()).join();
        s.connections.signOut(FakeServices.ALICE).join();
        s.xmpp.drop(FakeServices.ALICE, ConnectionProblem.of(ConnectionProblem.Kind.CONNECTION_DROPPED, "x"));

        assertThat(states.getLast().phase()).isEqualTo(ConnectionPhase.OFFLINE);
        assertThat(s.scheduler.pendingDelaysMillis()).isEmpty();
    }

    @Test
    void atStartANetworkProblemIsRetriedInTheBackground() {
        s.xmpp.failNextConnect(ConnectionProblem.of(ConnectionProblem.Kind.UNKNOWN_DOMAIN, "No network."));
        s.connections.signInInBackground(alice, "pw".toCharArray());

        assertThat(states.getLast().phase()).isEqualTo(ConnectionPhase.RECONNECTING);
        s.scheduler.runPending();
        assertThat(states.getLast().phase()).isEqualTo(ConnectionPhase.ONLINE);
    }

    @Test
    void backoffIsCappedAndJittered() {
        var policy = new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(60), 0.25, () -> 1.0);
        assertThat(policy.delay(1)).isEqualTo(Duration.ofMillis(2500));
        assertThat(policy.delay(20)).isEqualTo(Duration.ofSeconds(75));
        var low = new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(60), 0.25, () -> 0.0);
        assertThat(low.delay(3)).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void aServerThatAnswersOddlyWhileRestartingIsRetriedButAWrongPasswordIsNot() {
        s.connections.signIn(alice, "pw".toCharArray()).join();
        s.xmpp.failNextConnect(ConnectionProblem.of(ConnectionProblem.Kind.NO_SECURE_AUTHENTICATION, "No methods."));
        s.xmpp.drop(FakeServices.ALICE, ConnectionProblem.of(ConnectionProblem.Kind.CONNECTION_DROPPED, "x"));
        s.scheduler.runPending(); // the server is still starting
        assertThat(states.getLast().phase()).isEqualTo(ConnectionPhase.RECONNECTING);
        s.scheduler.runPending();
        assertThat(states.getLast().phase()).isEqualTo(ConnectionPhase.ONLINE);

        s.xmpp.failNextConnect(ConnectionProblem.of(ConnectionProblem.Kind.WRONG_CREDENTIALS, "Wrong password."));
        s.xmpp.drop(FakeServices.ALICE, ConnectionProblem.of(ConnectionProblem.Kind.CONNECTION_DROPPED, "x"));
        s.scheduler.runPending();
        assertThat(states.getLast().phase()).isEqualTo(ConnectionPhase.OFFLINE);
        assertThat(s.scheduler.pendingDelaysMillis()).isEmpty();
    }
}
