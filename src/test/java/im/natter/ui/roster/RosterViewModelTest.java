package im.natter.ui.roster;

import static im.natter.testsupport.fakes.FakeServices.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.Address;
import im.natter.domain.model.Availability;
import im.natter.domain.model.Contact;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.PresenceStatus;
import im.natter.domain.model.Subscription;
import im.natter.domain.model.SubscriptionRequest;
import im.natter.ui.fx.UiFixture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RosterViewModelTest {

    private final UiFixture ui = UiFixture.direct();
    private final List<ConversationKey> opened = new ArrayList<>();
    private final RosterViewModel vm = new RosterViewModel(ui.services, ALICE, opened::add);

    private static final Address BOB = Address.of("bob@example.org");
    private static final Address CAROL = Address.of("carol@example.org");
    private static final Address DAVE = Address.of("dave@example.net");
    private static final Address ERIN = Address.of("erin@example.net");

    private static Contact contact(Address a, String name, String... groups) {
        return new Contact(a, name, Subscription.BOTH, false, List.of(groups));
    }

    @BeforeEach
    void roster() {
        vm.activate();
        ui.fakes.xmpp.pushRoster(ALICE, List.of(
                contact(BOB, "Bob", "Work"),
                contact(CAROL, null, "Friends", "Work"),
                contact(DAVE, "Dave"),
                new Contact(ERIN, null, Subscription.NONE, true, List.of())));
    }

    private List<String> shown() {
        return vm.rows().stream().map(r -> switch (r) {
            case GroupHeader g -> "# " + g.name() + " " + g.online() + "/" + g.total();
            case ContactListItem c -> c.name() + " | " + c.statusText();
        }).toList();
    }

    @Test
    void groupsByRosterGroupWithUngroupedUnderContacts() {
        assertThat(shown()).containsExactly(
                "# Friends 0/1", "carol | Offline",
                "# Work 0/2", "Bob | Offline", "carol | Offline",
                "# Contacts 0/2", "Dave | Offline", "erin | Waiting for them to accept");
    }

    @Test
    void showsTheBestDeviceAndItsStatusMessage() {
        ui.fakes.xmpp.presence(ALICE, BOB, "phone", new PresenceStatus(Availability.AWAY, ""));
        ui.fakes.xmpp.presence(ALICE, BOB, "laptop", new PresenceStatus(Availability.AVAILABLE, "coding\nhard"));
        assertThat(vm.item(BOB).orElseThrow().availability()).isEqualTo(Availability.AVAILABLE);
        assertThat(vm.item(BOB).orElseThrow().statusText()).isEqualTo("coding hard");
        assertThat(shown()).contains("# Work 1/2");

        ui.fakes.xmpp.presence(ALICE, BOB, "laptop", PresenceStatus.OFFLINE);
        assertThat(vm.item(BOB).orElseThrow().availability()).isEqualTo(Availability.AWAY);
        assertThat(vm.item(BOB).orElseThrow().statusText()).isEqualTo("Away");

        ui.fakes.xmpp.presence(ALICE, BOB, "phone", PresenceStatus.OFFLINE);
        assertThat(vm.item(BOB).orElseThrow().availability()).isEqualTo(Availability.OFFLINE);
    }

    @Test
    void hidingOfflineContactsKeepsOnlyOnlineOnesAndIsRemembered() {
        ui.fakes.xmpp.presence(ALICE, DAVE, "pc", new PresenceStatus(Availability.DO_NOT_DISTURB, ""));
        vm.hideOfflineProperty().set(true);
        assertThat(shown()).containsExactly("# Contacts 1/2", "Dave | Do not disturb");
        assertThat(ui.fakes.settings.current().hideOfflineContacts()).isTrue();

        ui.fakes.xmpp.presence(ALICE, DAVE, "pc", PresenceStatus.OFFLINE);
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.emptyTextProperty().get()).isEqualTo("Nobody is online right now.");

        var again = new RosterViewModel(ui.services, ALICE, k -> { });
        assertThat(again.hideOfflineProperty().get()).isTrue();
    }

    @Test
    void followsChangesAndRemovals() {
        ui.fakes.xmpp.pushContact(ALICE, contact(DAVE, "David", "Family"));
        assertThat(shown()).contains("# Family 0/1", "David | Offline").doesNotContain("Dave | Offline");
        ui.fakes.bus.publish(new im.natter.domain.event.ContactRemoved(ALICE, DAVE));
        assertThat(vm.item(DAVE)).isEmpty();
        assertThat(shown()).doesNotContain("# Family 0/1");
    }

    @Test
    void anEmptyRosterSaysWhatToDo() {
        ui.fakes.xmpp.pushRoster(ALICE, List.of());
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.emptyTextProperty().get()).contains("Add contact");
    }

    @Test
    void requestsAppearAndAreAcceptedOrDeclined() {
        ui.fakes.xmpp.requestSubscription(new SubscriptionRequest(ALICE, Address.of("zoe@example.org"), "Zoe",
                Instant.now()));
        ui.fakes.xmpp.requestSubscription(new SubscriptionRequest(ALICE, Address.of("yan@example.org"), null,
                Instant.now()));
        assertThat(vm.requests()).extracting(SubscriptionRequestItem::title)
                .containsExactly("Zoe (zoe@example.org)", "yan@example.org");

        vm.accept(Address.of("zoe@example.org"));
        vm.decline(Address.of("yan@example.org"));

        assertThat(ui.fakes.xmpp.rosterActions()).containsExactly("approve zoe@example.org", "deny yan@example.org");
        assertThat(vm.requests()).isEmpty();
        assertThat(ui.fakes.archive.pendingRequests(ALICE)).isEmpty();
    }

    @Test
    void requestsKeptInTheArchiveShowAtStart() throws Exception {
        ui.fakes.archive.saveRequest(new SubscriptionRequest(ALICE, Address.of("zoe@example.org"), null,
                Instant.now()));
        var fresh = new RosterViewModel(ui.services, ALICE, k -> { });
        fresh.activate();
        ui.fakes.roster.loadFromArchive(ALICE);
        assertThat(fresh.requests()).extracting(SubscriptionRequestItem::from)
                .containsExactly(Address.of("zoe@example.org"));
        assertThat(fresh.item(BOB)).isPresent(); // the last roster came from the archive too
    }

    @Test
    void openingAContactOpensTheirChat() {
        vm.open(BOB);
        assertThat(opened).containsExactly(ConversationKey.chat(ALICE, BOB));
        assertThat(ui.fakes.archive.conversations(ALICE)).extracting(c -> c.key().peer()).contains(BOB);
    }

    @Test
    void stopsFollowingWhenDisposed() {
        vm.dispose();
        ui.fakes.xmpp.pushRoster(ALICE, List.of());
        assertThat(vm.rows()).isNotEmpty();
    }
}
