package im.natter.domain.port;

import im.natter.domain.model.AccountId;
import java.util.Optional;

/**
 * Passwords in the operating system's credential store (Secret Service, macOS Keychain, Windows Credential
 * Manager). There is never a plaintext fallback: where no store is available, {@link #isAvailable()} is false
 * and the user is asked for the password at each start.
 */
public interface SecretStore {

    boolean isAvailable();

    /** A short name of the backing store for messages to the user, e.g. "GNOME Keyring". */
    String description();

    void savePassword(AccountId account, char[] password) throws SecretStoreException;

    Optional<char[]> loadPassword(AccountId account) throws SecretStoreException;

    void deletePassword(AccountId account) throws SecretStoreException;

    class SecretStoreException extends Exception {
        public SecretStoreException(String userMessage, Throwable cause) {
            super(userMessage, cause);
        }
    }
}
