package im.natter.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.CertificateInfo;
import im.natter.domain.model.ConnectionProblem;
import im.natter.domain.model.ConnectionProblem.Kind;
import im.natter.ui.fx.UiFixture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignInViewModelTest {

    private UiFixture ui = UiFixture.direct();
    private final List<AccountSettings> signedIn = new ArrayList<>();
    private SignInViewModel vm = new SignInViewModel(ui.services, null, null, signedIn::add, null);

    private void fill(String address, String password) {
        vm.addressProperty().set(address);
        vm.passwordProperty().set(password);
    }

    @Test
    void anAddressWithoutAtIsExplainedNextToTheFieldAndNothingConnects() {
        fill("alice", "secret");
        vm.signIn();
        assertThat(vm.addressErrorProperty().get()).isEqualTo("An address needs an @, as in alice@example.org.");
        assertThat(vm.passwordErrorProperty().get()).isNull();
        assertThat(ui.fakes.xmpp.connectCalls()).isZero();
    }

    @Test
    void anEmptyPasswordIsExplained() {
        fill("alice@example.org", "");
        vm.signIn();
        assertThat(vm.passwordErrorProperty().get()).isEqualTo("Enter your password.");
        assertThat(ui.fakes.xmpp.connectCalls()).isZero();
    }

    @Test
    void aPortOutOfRangeIsExplainedOnlyWhenAHostIsGiven() {
        fill("alice@example.org", "secret");
        vm.portProperty().set("70000");
        assertThat(vm.validate()).isTrue();
        vm.hostProperty().set("localhost");
        assertThat(vm.validate()).isFalse();
        assertThat(vm.portErrorProperty().get()).isEqualTo("The port must be a number from 1 to 65535.");
    }

    @Test
    void editingAFieldClearsItsMessage() {
        fill("alice", "");
        vm.signIn();
        vm.addressProperty().set("alice@");
        assertThat(vm.addressErrorProperty().get()).isNull();
        assertThat(vm.passwordErrorProperty().get()).isNotNull();
    }

    @Test
    void signingInSavesTheAccountWithANatterResourceAndTheExplicitEndpoint() {
        fill(" Alice@Example.org ", "secret");
        vm.hostProperty().set("localhost");
        vm.portProperty().set("15222");
        vm.signIn();
        assertThat(signedIn).hasSize(1);
        AccountSettings s = signedIn.getFirst();
        assertThat(s.id()).isEqualTo(AccountId.of("alice@example.org"));
        assertThat(s.resource()).matches("natter-[a-z0-9]{6}");
        assertThat(s.endpoint().host()).isEqualTo("localhost");
        assertThat(s.endpoint().port()).isEqualTo(15222);
        assertThat(ui.fakes.settings.current().accounts()).containsExactly(s);
        assertThat(ui.fakes.secrets.loadPassword(s.id())).hasValueSatisfying(p -> assertThat(p).isEqualTo(
                "secret".toCharArray()));
        assertThat(vm.passwordProperty().get()).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void theResourceIsKeptFromTheSavedAccount() {
        AccountSettings saved = new AccountSettings(AccountId.of("alice@example.org"), "natter-abc234", null, true,
                List.of());
        ui = UiFixture.withAccount(saved, true, false);
        ui.services.accounts().restore();
        vm = new SignInViewModel(ui.services, saved, "note", signedIn::add, () -> { });
        assertThat(vm.addressProperty().get()).isEqualTo("alice@example.org");
        assertThat(vm.isAddressEditable()).isFalse();
        assertThat(vm.noteProperty().get()).isEqualTo("note");
        vm.passwordProperty().set("secret");
        vm.signIn();
        assertThat(signedIn.getFirst().resource()).isEqualTo("natter-abc234");
    }

    @Test
    void isBusyUntilTheAnswerArrivesOnTheFxThread() {
        ui = UiFixture.queuedFx();
        vm = new SignInViewModel(ui.services, null, null, signedIn::add, null);
        fill("alice@example.org", "secret");
        vm.signIn();
        assertThat(vm.busyProperty().get()).isTrue();
        vm.signIn(); // a second click while busy does nothing
        assertThat(ui.fakes.xmpp.connectCalls()).isEqualTo(1);
        assertThat(signedIn).isEmpty();
        ui.runFx();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(signedIn).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void eachKindOfFailureIsToldInWords(Kind kind) {
        ui.fakes.xmpp.failNextConnect(ConnectionProblem.of(kind, "The server said no."));
        fill("alice@example.org", "secret");
        vm.signIn();
        assertThat(vm.errorTitleProperty().get()).isEqualTo(SignInViewModel.headline(kind)).doesNotContain("Exception");
        assertThat(vm.errorDetailProperty().get()).startsWith("The server said no.");
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(signedIn).isEmpty();
        assertThat(ui.fakes.settings.current().accounts()).isEmpty();
    }

    @Test
    void wrongPasswordReadsPlainly() {
        ui.fakes.xmpp.failNextConnect(ConnectionProblem.of(Kind.WRONG_CREDENTIALS, "The password is wrong."));
        fill("alice@example.org", "nope");
        vm.signIn();
        assertThat(vm.errorTitleProperty().get()).isEqualTo("The address or password is not right.");
        assertThat(vm.passwordProperty().get()).isEqualTo("nope"); // nothing typed is lost
    }

    @Test
    void unknownDomainPointsToTheAdvancedSettings() {
        ui.fakes.xmpp.failNextConnect(ConnectionProblem.of(Kind.UNKNOWN_DOMAIN, "No server for example.org."));
        fill("alice@example.org", "secret");
        vm.signIn();
        assertThat(vm.errorDetailProperty().get()).contains("under Advanced");
    }

    private static final String FP = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF"
            + ":01:23:45:67:89";

    private void failWithCertificate() {
        var cert = new CertificateInfo("CN=example.org", "CN=example.org", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"), FP, List.of("It is self-signed."));
        ui.fakes.xmpp.failNextConnect(new ConnectionProblem(Kind.UNTRUSTED_CERTIFICATE,
                "The certificate is not trusted.", cert));
    }

    @Test
    void anUntrustedCertificateAsksAndTrustingSignsInAgainWithExactlyThatFingerprint() {
        failWithCertificate();
        fill("alice@example.org", "secret");
        vm.signIn();
        CertificateViewModel cert = vm.certificateProperty().get();
        assertThat(cert).isNotNull();
        assertThat(cert.problems()).containsExactly("It is self-signed.");
        assertThat(cert.fingerprint()).isEqualTo(FP);
        assertThat(cert.fingerprintLines()).hasLineCount(2).doesNotContain(" ");
        assertThat(cert.fingerprintLines().replace("\n", "")).isEqualTo(FP);
        assertThat(cert.subject()).isEqualTo("CN=example.org");
        assertThat(cert.validity(java.time.ZoneOffset.UTC)).contains("2026").contains("2027");
        assertThat(cert.title()).contains("example.org");

        cert.trust();

        assertThat(vm.certificateProperty().get()).isNull();
        assertThat(ui.fakes.xmpp.connectCalls()).isEqualTo(2);
        assertThat(ui.fakes.xmpp.lastSettings().trustedFingerprints()).containsExactly(FP);
        assertThat(signedIn).hasSize(1);
        assertThat(ui.fakes.settings.current().accounts().getFirst().trustedFingerprints()).containsExactly(FP);
    }

    @Test
    void cancellingTheCertificateQuestionTrustsNothing() {
        failWithCertificate();
        fill("alice@example.org", "secret");
        vm.signIn();
        vm.certificateProperty().get().cancel();
        assertThat(vm.certificateProperty().get()).isNull();
        assertThat(ui.fakes.xmpp.connectCalls()).isEqualTo(1);
        assertThat(ui.fakes.settings.current().accounts()).isEmpty();
        assertThat(vm.errorTitleProperty().get()).isEqualTo("The server's certificate is not trusted.");
    }

    @Test
    void rememberPasswordIsOffAndExplainedWithoutACredentialStore() {
        AccountSettings saved = new AccountSettings(AccountId.of("alice@example.org"), "natter-x", null, true,
                List.of());
        ui = UiFixture.withAccount(saved, false, false);
        vm = new SignInViewModel(ui.services, null, null, signedIn::add, null);
        assertThat(vm.canRememberPasswords()).isFalse();
        assertThat(vm.rememberProperty().get()).isFalse();
        assertThat(vm.rememberUnavailableReason()).contains("cannot remember your password");
    }

    @Test
    void cancelStaysOfflineAndForgetsThePassword() {
        boolean[] cancelled = {false};
        vm = new SignInViewModel(ui.services, null, null, signedIn::add, () -> cancelled[0] = true);
        vm.passwordProperty().set("secret");
        vm.cancel();
        assertThat(cancelled[0]).isTrue();
        assertThat(vm.passwordProperty().get()).isEmpty();
        assertThat(ui.fakes.xmpp.connectCalls()).isZero();
    }
}
