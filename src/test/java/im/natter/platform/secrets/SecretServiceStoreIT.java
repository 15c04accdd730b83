package im.natter.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.natter.domain.model.AccountId;
import im.natter.domain.port.SecretStore.SecretStoreException;
import im.natter.testsupport.keyring.PrivateKeyring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real gnome-keyring on a private session bus that this test starts and stops. */
class SecretServiceStoreIT {

    private static final AccountId ALICE = AccountId.of("alice@example.org");
    private static final AccountId BOB = AccountId.of("bob@example.org");

    @TempDir
    static Path keyringDir;

    static PrivateKeyring keyring;

    SecretServiceStore store;

    @BeforeAll
    static void startKeyring() throws Exception {
        keyring = PrivateKeyring.start(keyringDir);
    }

    @AfterAll
    static void stopKeyring() throws Exception {
        if (keyring != null) {
            keyring.close();
        }
    }

    @BeforeEach
    void cleanSlate() throws Exception {
        store = new SecretServiceStore(keyring.busAddress());
        store.deletePassword(ALICE);
        store.deletePassword(BOB);
    }

    @Test
    void isAvailableAndNamesTheKeyring() {
        assertThat(store.isAvailable()).isTrue();
        assertThat(store.description()).isEqualTo("GNOME Keyring");
    }

    @Test
    void nothingStoredYet() throws Exception {
        assertThat(store.loadPassword(ALICE)).isEmpty();
    }

    @Test
    void saveLoadReplaceDelete() throws Exception {
        char[] password = "first secret".toCharArray();
        store.savePassword(ALICE, password);
        assertThat(password).as("the caller's array is the caller's to clear").containsExactly("first secret".toCharArray());
        assertThat(store.loadPassword(ALICE)).hasValueSatisfying(p -> assertThat(p).containsExactly("first secret".toCharArray()));

        store.savePassword(ALICE, "second secret".toCharArray());
        assertThat(store.loadPassword(ALICE)).hasValueSatisfying(p -> assertThat(p).containsExactly("second secret".toCharArray()));
        assertThat(keyring.run("secret-tool", "search", "--all", "application", "natter", "account", ALICE.toString()))
                .as("replaced, not added").containsOnlyOnce("label = Natter password for alice@example.org");

        store.deletePassword(ALICE);
        assertThat(store.loadPassword(ALICE)).isEmpty();
        store.deletePassword(ALICE); // deleting what is not there is fine
    }

    @Test
    void accountsAreKeptApart() throws Exception {
        store.savePassword(ALICE, "alice-pw".toCharArray());
        store.savePassword(BOB, "bob-pw".toCharArray());
        assertThat(store.loadPassword(ALICE)).hasValueSatisfying(p -> assertThat(new String(p)).isEqualTo("alice-pw"));
        assertThat(store.loadPassword(BOB)).hasValueSatisfying(p -> assertThat(new String(p)).isEqualTo("bob-pw"));
        store.deletePassword(ALICE);
        assertThat(store.loadPassword(ALICE)).isEmpty();
        assertThat(store.loadPassword(BOB)).hasValueSatisfying(p -> assertThat(new String(p)).isEqualTo("bob-pw"));
    }

    @Test
    void unicodePasswordsSurvive() throws Exception {
        String password = "pässwörd ✓ 日本語 😀 \u0000end";
        store.savePassword(ALICE, password.toCharArray());
        assertThat(store.loadPassword(ALICE)).hasValueSatisfying(p -> assertThat(new String(p)).isEqualTo(password));
    }

    @Test
    void libsecretReadsWhatWeStoredAndTheOtherWayRound() throws Exception {
        // secret-tool goes through libsecret's own encrypted session, so this checks the key exchange too
        store.savePassword(ALICE, "shared with libsecret ✓".toCharArray());
        assertThat(keyring.run("secret-tool", "lookup", "application", "natter", "account", ALICE.toString()))
                .isEqualTo("shared with libsecret ✓");
        assertThat(keyring.run("secret-tool", "search", "--all", "application", "natter", "account", ALICE.toString()))
                .contains("label = Natter password for alice@example.org");

        int exit = keyring.runWithInput("typed into secret-tool", "secret-tool", "store", "--label=x",
                "application", "natter", "account", BOB.toString());
        assertThat(exit).isZero();
        assertThat(store.loadPassword(BOB)).hasValueSatisfying(p -> assertThat(new String(p)).isEqualTo("typed into secret-tool"));
    }

    @Test
    void manySessionsAgreeOnTheKey() throws Exception {
        // A DH shared value with a leading zero byte (1 in 256 sessions) must still give the keyring's key;
        // with a wrong key the keyring would store garbage or refuse, and the next session would show it.
        for (int i = 0; i < 100; i++) {
            String password = "round " + i;
            store.savePassword(ALICE, password.toCharArray());
            assertThat(store.loadPassword(ALICE)).hasValueSatisfying(p -> assertThat(new String(p)).isEqualTo(password));
        }
    }

    @Test
    void lockedKeyringThatCannotPromptIsNotAvailableRightNow(@TempDir Path otherDir) throws Exception {
        try (PrivateKeyring other = PrivateKeyring.start(otherDir)) {
            var lockedStore = new SecretServiceStore(other.busAddress(), Duration.ofSeconds(20));
            lockedStore.savePassword(ALICE, "before locking".toCharArray());
            other.run("dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.secrets",
                    "/org/freedesktop/secrets", "org.freedesktop.Secret.Service.Lock",
                    "array:objpath:/org/freedesktop/secrets/collection/login");

            assertThatThrownBy(() -> lockedStore.savePassword(ALICE, "after locking".toCharArray()))
                    .isInstanceOf(SecretStoreException.class).hasMessageContaining("locked");
            assertThatThrownBy(() -> lockedStore.loadPassword(ALICE))
                    .isInstanceOf(SecretStoreException.class).hasMessageContaining("locked");
        }
    }

    @Test
    void noBusMeansUnavailableAndNothingWritten(@TempDir Path elsewhere) throws Exception {
        var nowhere = new SecretServiceStore("unix:path=" + elsewhere.resolve("no-such-bus"), Duration.ofSeconds(5));
        assertThat(nowhere.isAvailable()).isFalse();
        assertThatThrownBy(() -> nowhere.savePassword(ALICE, "pw".toCharArray()))
                .isInstanceOf(SecretStoreException.class).hasMessageContaining("cannot be reached");
        assertThatThrownBy(() -> nowhere.loadPassword(ALICE)).isInstanceOf(SecretStoreException.class);
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
        assertThat(store.loadPassword(ALICE)).isEqualTo(Optional.empty());

        var noAddress = new SecretServiceStore((String) null);
        assertThat(noAddress.isAvailable()).isFalse();
        assertThatThrownBy(() -> noAddress.savePassword(ALICE, "pw".toCharArray()))
                .isInstanceOf(SecretStoreException.class).hasMessageContaining("no D-Bus session");
    }
}
