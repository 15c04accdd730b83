package im.natter.platform.secrets;

import im.natter.domain.model.AccountId;
import im.natter.domain.port.SecretStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Stands in where this system offers no credential store. It keeps nothing (there is deliberately no plaintext
 * fallback): nothing is ever found, and saving says why it cannot be done.
 */
public final class UnavailableSecretStore implements SecretStore {

    private final String reason;

    /** @param reason for the user, e.g. "No keyring service is running in this desktop session." */
    public UnavailableSecretStore(String reason) {
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    @Override
    public boolean isAvailable() {
        return false;
    }

    @Override
    public String description() {
        return reason;
    }

    @Override
    public void savePassword(AccountId account, char[] password) throws SecretStoreException {
        throw new SecretStoreException("Natter cannot remember the password on this computer. " + reason, null);
    }

    @Override
    public Optional<char[]> loadPassword(AccountId account) {
        return Optional.empty();
    }

    @Override
    public void deletePassword(AccountId account) {
        // nothing was ever kept
    }

    @Override
    public String toString() {
        return "UnavailableSecretStore[" + reason + "]";
    }
}
