package im.natter.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.ConnectionProblem;
import im.natter.domain.model.ServerEndpoint;
import im.natter.testsupport.fakes.FakeServices;
import im.natter.testsupport.fakes.InMemorySecretStore;
import im.natter.testsupport.fakes.InMemorySettingsStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountServiceTest {

    private final AccountSettings alice = new AccountSettings(FakeServices.ALICE, "natter-1",
            new ServerEndpoint("127.0.0.1", 5222), true, List.of());

    @Test
    void aSuccessfulSignInSavesTheAccountAndThePasswordInTheCredentialStore() {
        FakeServices s = new FakeServices();
        s.accounts.signIn(alice, "secret".toCharArray()).join();

        assertThat(s.settings.current().accounts()).containsExactly(alice);
        assertThat(s.secrets.loadPassword(FakeServices.ALICE)).hasValueSatisfying(
                p -> assertThat(new String(p)).isEqualTo("secret"));

        var restored = new AccountService(s.settings, s.secrets, s.connections, s.bus, s.direct).restore();
        assertThat(restored.account()).contains(alice);
        assertThat(restored.password()).isPresent();
    }

    @Test
    void aFailedSignInSavesNothing() {
        FakeServices s = new FakeServices();
        s.xmpp.failNextConnect(ConnectionProblem.of(ConnectionProblem.Kind.WRONG_CREDENTIALS, "Wrong password."));

        assertThatThrownBy(() -> s.accounts.signIn(alice, "bad".toCharArray()).join());
        assertThat(s.settings.current().accounts()).isEmpty();
        assertThat(s.secrets.loadPassword(FakeServices.ALICE)).isEmpty();
    }

    @Test
    void withoutACredentialStoreThePasswordIsAskedAtEachStart() {
        FakeServices s = new FakeServices(new InMemorySettingsStore(), new InMemorySecretStore(false));
        s.accounts.signIn(alice, "secret".toCharArray()).join();

        var restored = s.accounts.restore();
        assertThat(restored.account()).isPresent();
        assertThat(restored.password()).isEmpty();
        assertThat(restored.secretStoreNote()).contains("ask for it at each start");
        assertThat(s.accounts.canRememberPasswords()).isFalse();
    }

    @Test
    void aTrustedCertificateIsRememberedForThatAccountAndUsedAtSignIn() {
        FakeServices s = new FakeServices();
        s.accounts.trustCertificate(alice, "AB:CD").join();
        s.accounts.signIn(alice, "pw".toCharArray()).join();

        assertThat(s.xmpp.lastSettings().trustedFingerprints()).containsExactly("AB:CD");
        assertThat(s.settings.current().account(FakeServices.ALICE).orElseThrow().trustedFingerprints())
                .containsExactly("AB:CD");
    }

    @Test
    void notRememberingRemovesAnOldPassword() {
        FakeServices s = new FakeServices();
        s.accounts.signIn(alice, "secret".toCharArray()).join();
        AccountSettings forget = new AccountSettings(alice.id(), alice.resource(), alice.endpoint(), false, List.of());
        s.accounts.signIn(forget, "secret".toCharArray()).join();

        assertThat(s.secrets.loadPassword(FakeServices.ALICE)).isEmpty();
    }
}
