package im.natter.testsupport.fakes;

import im.natter.domain.model.AccountId;
import im.natter.domain.port.SecretStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A credential store in memory, or an absent one ({@code available = false}) like a bare Linux box. */
public final class InMemorySecretStore implements SecretStore {

    private final boolean available;
    private final Map<AccountId, char[]> secrets = new ConcurrentHashMap<>();

    public InMemorySecretStore(boolean available) {
        this.available = available;
    }

    @Override
    public boolean isAvailable() {
        return available;
    }

    @Override
    public String description() {
        return available ? "test keyring" : "no Secret Service found";
    }

    @Override
    public void savePassword(AccountId account, char[] password) throws SecretStoreException {
        if (!available) {
            throw new SecretStoreException("no store", null);
        }
        secrets.put(account, password.clone());
    }

    @Override
    public Optional<char[]> loadPassword(AccountId account) {
        char[] p = secrets.get(account);
        return p == null ? Optional.empty() : Optional.of(p.clone());
    }

    @Override
    public void deletePassword(AccountId account) {
        secrets.remove(account);
    }
}
