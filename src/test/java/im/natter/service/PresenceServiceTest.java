package im.natter.service;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.event.PresenceChanged;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.Availability;
import im.natter.domain.model.ConnectionProblem;
import im.natter.domain.model.PresenceStatus;
import im.natter.testsupport.fakes.FakeServices;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PresenceServiceTest {

    private static final Address BOB = Address.of("bob@example.org");
    private final FakeServices s = new FakeServices();
    private final List<PresenceStatus> bob = new ArrayList<>();

    @BeforeEach
    void setUp() {
        s.bus.subscribe(e -> {
            if (e instanceof PresenceChanged p && p.contact().equals(BOB)) {
                bob.add(p.status());
            }
        });
        s.connections.signIn(new AccountSettings(FakeServices.ALICE, "r", null, false, List.of()),
                "pw".toCharArray()).join();
    }

    @Test
    void aContactShowsTheBestOfTheirDevices() {
        s.xmpp.presence(FakeServices.ALICE, BOB, "phone", new PresenceStatus(Availability.AWAY, "on the move"));
        s.xmpp.presence(FakeServices.ALICE, BOB, "laptop", new PresenceStatus(Availability.AVAILABLE, "working"));
        s.xmpp.presence(FakeServices.ALICE, BOB, "laptop", PresenceStatus.OFFLINE);

        assertThat(bob).extracting(PresenceStatus::availability)
                .containsExactly(Availability.AWAY, Availability.AVAILABLE, Availability.AWAY);
        assertThat(bob.getLast().message()).isEqualTo("on the move");
    }

    @Test
    void everyoneGoesOfflineWhenTheConnectionIsLost() {
        s.xmpp.presence(FakeServices.ALICE, BOB, "phone", new PresenceStatus(Availability.AVAILABLE, ""));
        s.xmpp.drop(FakeServices.ALICE, ConnectionProblem.of(ConnectionProblem.Kind.CONNECTION_DROPPED, "x"));

        assertThat(bob.getLast()).isEqualTo(PresenceStatus.OFFLINE);
    }

    @Test
    void theChosenPresenceIsSentAndSentAgainAfterAReconnect() {
        var away = new PresenceStatus(Availability.DO_NOT_DISTURB, "in a meeting");
        s.presence.setOwnPresence(FakeServices.ALICE, away);
        assertThat(s.xmpp.ownPresencesSent()).containsExactly(away);

        s.xmpp.drop(FakeServices.ALICE, ConnectionProblem.of(ConnectionProblem.Kind.CONNECTION_DROPPED, "x"));
        s.connections.reconnectNow(FakeServices.ALICE).join();

        assertThat(s.xmpp.ownPresencesSent()).containsExactly(away, away);
    }

    @Test
    void goingOfflineSignsOut() {
        s.presence.setOwnPresence(FakeServices.ALICE, PresenceStatus.OFFLINE);
        assertThat(s.xmpp.isConnected(FakeServices.ALICE)).isFalse();
    }
}
