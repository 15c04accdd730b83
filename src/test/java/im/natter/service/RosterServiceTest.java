package im.natter.service;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.event.NatterEvent;
import im.natter.domain.event.RosterLoaded;
import im.natter.domain.event.SubscriptionRequestResolved;
import im.natter.domain.event.SubscriptionRequested;
import im.natter.domain.model.Address;
import im.natter.domain.model.Contact;
import im.natter.domain.model.Subscription;
import im.natter.domain.model.SubscriptionRequest;
import im.natter.testsupport.fakes.FakeServices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RosterServiceTest {

    private static final Address BOB = Address.of("bob@example.org");
    private final FakeServices s = new FakeServices();
    private final List<NatterEvent> events = new ArrayList<>();

    @Test
    void theRosterAndPendingRequestsSurviveInTheArchive() {
        s.xmpp.pushRoster(FakeServices.ALICE, List.of(new Contact(BOB, "Bob", Subscription.BOTH, false,
                List.of("Friends"))));
        s.xmpp.requestSubscription(new SubscriptionRequest(FakeServices.ALICE, Address.of("carol@example.org"),
                "Carol", Instant.EPOCH));

        s.bus.subscribe(events::add);
        s.roster.loadFromArchive(FakeServices.ALICE);

        assertThat(events).filteredOn(RosterLoaded.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((RosterLoaded) e).contacts()).extracting(Contact::name)
                        .containsExactly("Bob"));
        assertThat(events).filteredOn(SubscriptionRequested.class::isInstance).hasSize(1);
    }

    @Test
    void acceptingARequestApprovesItAndForgetsIt() {
        Address carol = Address.of("carol@example.org");
        s.xmpp.requestSubscription(new SubscriptionRequest(FakeServices.ALICE, carol, null, Instant.EPOCH));
        s.bus.subscribe(events::add);

        s.roster.accept(FakeServices.ALICE, carol).join();

        assertThat(s.xmpp.rosterActions()).containsExactly("approve carol@example.org");
        assertThat(s.archive.pendingRequests(FakeServices.ALICE)).isEmpty();
        assertThat(events).filteredOn(SubscriptionRequestResolved.class::isInstance).hasSize(1);
    }

    @Test
    void addingAContactTrimsTheName() {
        s.roster.addContact(FakeServices.ALICE, BOB, "  Bob  ").join();
        s.roster.addContact(FakeServices.ALICE, Address.of("dan@example.org"), "  ").join();
        assertThat(s.xmpp.rosterActions()).containsExactly("add bob@example.org Bob", "add dan@example.org null");
    }
}
