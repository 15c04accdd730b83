package im.natter.platform.secrets;

import im.natter.domain.port.SecretStore;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Map;

/**
 * Picks this system's credential store. It never falls back to a file: where no store can be used, it returns
 * an {@link UnavailableSecretStore} that says why. Choosing does not talk to the store; call
 * {@link SecretStore#isAvailable()} (off the JavaFX thread, as it may wait for D-Bus) before relying on it.
 */
public final class SecretStores {

    private static final System.Logger LOG = System.getLogger(SecretStores.class.getName());

    private SecretStores() {
    }

    public static SecretStore forThisSystem() {
        return forSystem(System.getProperty("os.name", ""), System.getenv());
    }

    static SecretStore forSystem(String osName, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        try {
            if (os.startsWith("windows")) {
                return new WindowsCredentialStore();
            }
            if (os.startsWith("mac") || os.startsWith("darwin")) {
                return new MacKeychainStore();
            }
        } catch (LinkageError e) {
            LOG.log(Level.WARNING, "The system credential store could not be loaded", e);
            return new UnavailableSecretStore("The system credential store could not be loaded ("
                    + e.getMessage() + ").");
        }
        if (os.contains("linux") || os.contains("bsd") || os.contains("sunos") || os.contains("nix")) {
            String address = SecretServiceStore.sessionBusAddress(env);
            if (address == null) {
                return new UnavailableSecretStore("No keyring can be reached: this session has no D-Bus session"
                        + " bus (DBUS_SESSION_BUS_ADDRESS is not set).");
            }
            return new SecretServiceStore(address);
        }
        return new UnavailableSecretStore("Natter knows no credential store on " + osName + ".");
    }
}
