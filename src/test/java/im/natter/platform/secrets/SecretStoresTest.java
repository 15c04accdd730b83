package im.natter.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.natter.domain.model.AccountId;
import im.natter.domain.port.SecretStore;
import im.natter.domain.port.SecretStore.SecretStoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretStoresTest {

    @Test
    void linuxWithSessionBusUsesSecretService() {
        SecretStore store = SecretStores.forSystem("Linux", Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nowhere"));
        assertThat(store).isInstanceOf(SecretServiceStore.class);
    }

    @Test
    void linuxFindsTheBusInTheRuntimeFolder(@TempDir Path runtime) throws Exception {
        Files.createFile(runtime.resolve("bus"));
        assertThat(SecretServiceStore.sessionBusAddress(Map.of("XDG_RUNTIME_DIR", runtime.toString())))
                .isEqualTo("unix:path=" + runtime.resolve("bus"));
        assertThat(SecretStores.forSystem("Linux", Map.of("XDG_RUNTIME_DIR", runtime.toString())))
                .isInstanceOf(SecretServiceStore.class);
    }

    @Test
    void linuxWithoutBusIsUnavailableAndSaysWhy() {
        SecretStore store = SecretStores.forSystem("Linux", Map.of());
        assertThat(store.isAvailable()).isFalse();
        assertThat(store.description()).contains("D-Bus");
    }

    @Test
    void unknownSystemIsUnavailable() {
        SecretStore store = SecretStores.forSystem("Plan 9", Map.of());
        assertThat(store).isInstanceOf(UnavailableSecretStore.class);
        assertThat(store.description()).contains("Plan 9");
    }

    @Test
    void aStoreWhoseLibraryIsMissingBecomesUnavailable() {
        // on the Linux build machine neither Advapi32 nor Security.framework can be loaded
        if (System.getProperty("os.name").toLowerCase().startsWith("linux")) {
            assertThat(SecretStores.forSystem("Windows 11", Map.of())).isInstanceOf(UnavailableSecretStore.class);
            assertThat(SecretStores.forSystem("Mac OS X", Map.of())).isInstanceOf(UnavailableSecretStore.class);
        }
    }

    @Test
    void unavailableStoreKeepsNothing() throws Exception {
        var store = new UnavailableSecretStore("No keyring here.");
        AccountId alice = AccountId.of("alice@example.org");
        assertThatThrownBy(() -> store.savePassword(alice, "pw".toCharArray()))
                .isInstanceOf(SecretStoreException.class).hasMessageContaining("No keyring here.");
        assertThat(store.loadPassword(alice)).isEmpty();
        store.deletePassword(alice);
    }

    @Test
    void windowsTargetNamesTheAccount() {
        assertThat(WindowsCredentialStore.target(AccountId.of("Alice@Example.org")))
                .isEqualTo("Natter/alice@example.org");
    }
}
