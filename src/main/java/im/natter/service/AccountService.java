package im.natter.service;

import im.natter.domain.event.NoticeRaised;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Settings;
import im.natter.domain.port.SecretStore;
import im.natter.domain.port.SettingsStore;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The user's account: what to sign in with, the remembered password (OS credential store only), certificates
 * the user chose to trust, and the window settings. The UI may show one account; everything here is keyed by
 * account already.
 */
public final class AccountService {

    private static final System.Logger LOG = System.getLogger(AccountService.class.getName());

    private final SettingsStore settingsStore;
    private final SecretStore secrets;
    private final ConnectionService connections;
    private final EventBus bus;
    private final Executor worker;
    private volatile Settings settings = Settings.EMPTY;
    /** Whether the OS credential store answered at start; asking it again could block on D-Bus. */
    private volatile boolean secretStoreAvailable;
    private volatile String secretStoreDescription = "not checked yet";

    public AccountService(SettingsStore settingsStore, SecretStore secrets, ConnectionService connections,
            EventBus bus, Executor worker) {
        this.settingsStore = settingsStore;
        this.secrets = secrets;
        this.connections = connections;
        this.bus = bus;
        this.worker = worker;
    }

    /** What start-up found: the account to show, and its password if the credential store had one. */
    public record Restored(Optional<AccountSettings> account, Optional<char[]> password, String secretStoreNote) {
    }

    /** Reads the settings and the remembered password. Blocks; call from a background thread at start. */
    public Restored restore() {
        try {
            settings = settingsStore.load();
        } catch (SettingsStore.SettingsException e) {
            LOG.log(Level.WARNING, e.getMessage(), e);
            bus.publish(new NoticeRaised(NoticeRaised.Level.ERROR, e.getMessage()));
        }
        secretStoreAvailable = secrets.isAvailable();
        secretStoreDescription = secrets.description();
        Optional<AccountSettings> account = settings.accounts().stream().findFirst();
        Optional<char[]> password = Optional.empty();
        String note = null;
        if (account.isPresent() && account.get().rememberPassword()) {
            if (!secretStoreAvailable) {
                note = secretStoreMissingNote();
            } else {
                try {
                    password = secrets.loadPassword(account.get().id());
                } catch (SecretStore.SecretStoreException e) {
                    note = e.getMessage();
                }
            }
        }
        return new Restored(account, password, note);
    }

    public Settings settings() {
        return settings;
    }

    /** What {@link #restore()} found; cheap, so the UI may ask on its own thread. */
    public boolean canRememberPasswords() {
        return secretStoreAvailable;
    }

    public String secretStoreMissingNote() {
        return "There is no password store on this computer (" + secretStoreDescription
                + "), so Natter cannot remember your password and will ask for it at each start.";
    }

    /**
     * Signs in with what the user typed. On success the account is saved (and the password, if the user asked and
     * the OS can keep it); on failure nothing is saved and the future fails with the reason.
     */
    public CompletableFuture<Void> signIn(AccountSettings account, char[] password) {
        AccountSettings merged = settings.account(account.id())
                .map(old -> new AccountSettings(account.id(), account.resource(), account.endpoint(),
                        account.rememberPassword(), old.trustedFingerprints()))
                .orElse(account);
        char[] copy = password.clone();
        return connections.signIn(merged, password).thenRunAsync(() -> {
            try {
                save(settings.withAccount(merged));
                rememberPassword(merged, copy);
            } finally {
                Arrays.fill(copy, '\0');
            }
        }, worker).whenComplete((ok, e) -> Arrays.fill(copy, '\0'));
    }

    /** Signs in at start with a remembered password, retrying in the background on network trouble. */
    public void signInRemembered(AccountSettings account, char[] password) {
        connections.signInInBackground(account, password);
    }

    /** Remembers that the user trusts exactly this certificate for this account. */
    public CompletableFuture<AccountSettings> trustCertificate(AccountSettings account, String sha256Fingerprint) {
        return CompletableFuture.supplyAsync(() -> {
            AccountSettings base = settings.account(account.id()).orElse(account);
            AccountSettings trusted = new AccountSettings(account.id(), account.resource(), account.endpoint(),
                    account.rememberPassword(), base.trustedFingerprints()).withTrusted(sha256Fingerprint);
            save(settings.withAccount(trusted));
            return trusted;
        }, worker);
    }

    public void saveWindow(im.natter.domain.model.WindowBounds bounds) {
        worker.execute(() -> save(settings.withWindow(bounds)));
    }

    public void saveHideOffline(boolean hide) {
        worker.execute(() -> save(settings.withHideOfflineContacts(hide)));
    }

    private void rememberPassword(AccountSettings account, char[] password) {
        try {
            if (account.rememberPassword() && secrets.isAvailable()) {
                secrets.savePassword(account.id(), password);
            } else if (secrets.isAvailable()) {
                secrets.deletePassword(account.id());
            }
        } catch (SecretStore.SecretStoreException e) {
            LOG.log(Level.WARNING, e.getMessage(), e);
            bus.publish(new NoticeRaised(NoticeRaised.Level.WARNING, e.getMessage()));
        }
    }

    private synchronized void save(Settings next) {
        try {
            settingsStore.save(next);
            settings = next;
        } catch (SettingsStore.SettingsException e) {
            bus.publish(new NoticeRaised(NoticeRaised.Level.ERROR, e.getMessage()));
            throw new CompletionException(e);
        }
    }

    public AccountId currentAccount() {
        return settings.accounts().stream().findFirst().map(AccountSettings::id).orElse(null);
    }
}
