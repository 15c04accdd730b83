package im.natter.ui.shell;

import static im.natter.testsupport.fakes.FakeServices.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.Availability;
import im.natter.domain.model.Contact;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.Subscription;
import im.natter.domain.model.SubscriptionRequest;
import im.natter.ui.fx.UiFixture;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainViewModelTest {

    private static final AccountSettings ACCOUNT = new AccountSettings(ALICE, "natter-t", null, false, List.of());
    private final UiFixture ui = UiFixture.direct();

    @Test
    void showsTheArchivedRosterAndRequestsWithoutNetwork() throws Exception {
        ui.fakes.archive.replaceRoster(ALICE, List.of(new Contact(Address.of("bob@example.org"), "Bob",
                Subscription.BOTH, false, List.of())));
        ui.fakes.archive.saveRequest(new SubscriptionRequest(ALICE, Address.of("zoe@example.org"), null,
                Instant.now()));
        var vm = new MainViewModel(ui.services, ACCOUNT, false);
        vm.activate();
        assertThat(vm.roster().item(Address.of("bob@example.org"))).isPresent();
        assertThat(vm.requestCountProperty().get()).isEqualTo(1);
        assertThat(vm.displayNameOf(Address.of("bob@example.org"))).isEqualTo("Bob");
        assertThat(vm.displayNameOf(Address.of("stranger@example.org"))).isEqualTo("stranger");
        assertThat(ui.fakes.xmpp.connectCalls()).isZero();
    }

    @Test
    void startsAChatWithAnyValidAddress() {
        var vm = new MainViewModel(ui.services, ACCOUNT, true);
        vm.activate();
        vm.startChatTextProperty().set("stranger");
        vm.startChat();
        assertThat(vm.startChatErrorProperty().get()).isEqualTo("An address needs an @, as in alice@example.org.");
        assertThat(vm.openKeyProperty().get()).isNull();

        vm.startChatTextProperty().set("alice@example.org");
        vm.startChat();
        assertThat(vm.startChatErrorProperty().get()).isEqualTo("That is your own address.");

        vm.startChatTextProperty().set("Stranger@Example.org");
        assertThat(vm.startChatErrorProperty().get()).isNull();
        vm.startChat();
        ConversationKey key = ConversationKey.chat(ALICE, Address.of("stranger@example.org"));
        assertThat(vm.openKeyProperty().get()).isEqualTo(key);
        assertThat(vm.startChatTextProperty().get()).isEmpty();
        assertThat(ui.fakes.archive.conversations(ALICE)).extracting(c -> c.key()).contains(key);
    }

    @Test
    void openingFromTheRosterOpensTheConversation() {
        var vm = new MainViewModel(ui.services, ACCOUNT, true);
        vm.activate();
        vm.roster().open(Address.of("bob@example.org"));
        assertThat(vm.openKeyProperty().get()).isEqualTo(ConversationKey.chat(ALICE, Address.of("bob@example.org")));
    }

    @Test
    void withoutAPasswordReconnectingOffersTheSignInSheetAndCancelStaysOffline() {
        var vm = new MainViewModel(ui.services, ACCOUNT, false);
        vm.activate();
        vm.connection().reconnectNow();
        var sheet = vm.signInSheetProperty().get();
        assertThat(sheet).isNotNull();
        assertThat(sheet.addressProperty().get()).isEqualTo("alice@example.org");
        assertThat(sheet.noteProperty().get()).contains("stay offline");
        sheet.cancel();
        assertThat(vm.signInSheetProperty().get()).isNull();
        assertThat(ui.fakes.xmpp.connectCalls()).isZero();
    }

    @Test
    void signingInThroughTheSheetGoesOnlineAndLaterReconnectsNeedNoPassword() {
        var vm = new MainViewModel(ui.services, ACCOUNT, false);
        vm.activate();
        vm.askForPassword("There is no password store.");
        assertThat(vm.signInSheetProperty().get().noteProperty().get()).isEqualTo("There is no password store.");
        vm.signInSheetProperty().get().passwordProperty().set("pw");
        vm.signInSheetProperty().get().signIn();
        assertThat(vm.signInSheetProperty().get()).isNull();
        assertThat(vm.connection().text(vm.connection().now())).isEqualTo("Online");
        assertThat(vm.presence().availabilityProperty().get()).isEqualTo(Availability.AVAILABLE);
        vm.presence().choose(Availability.OFFLINE);
        vm.presence().choose(Availability.AVAILABLE);
        assertThat(vm.signInSheetProperty().get()).isNull();
        assertThat(vm.connection().text(vm.connection().now())).isEqualTo("Online");
    }

    @Test
    void showsNoticesFromTheServicesUntilDismissed() {
        var vm = new MainViewModel(ui.services, ACCOUNT, true);
        vm.activate();
        ui.fakes.bus.publish(new im.natter.domain.event.NoticeRaised(
                im.natter.domain.event.NoticeRaised.Level.ERROR, "The disk is full."));
        assertThat(vm.noticeProperty().get()).isEqualTo("The disk is full.");
        vm.dismissNotice();
        assertThat(vm.noticeProperty().get()).isNull();
    }
}
