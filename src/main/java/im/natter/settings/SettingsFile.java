package im.natter.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.ServerEndpoint;
import im.natter.domain.model.Settings;
import im.natter.domain.model.WindowBounds;
import java.util.List;

/**
 * The shape of settings.json, version {@value #SCHEMA_VERSION}. Kept apart from the domain records so that the
 * file format can evolve (and Jackson stay out of the domain). Boxed types let older or newer files leave a
 * field out without failing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SettingsFile(Integer schemaVersion, List<Account> accounts, Window window, Boolean hideOfflineContacts) {

    static final int SCHEMA_VERSION = 1;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Account(String address, String resource, Endpoint endpoint, Boolean rememberPassword,
            List<String> trustedFingerprints) {
    }

    record Endpoint(String host, Integer port) {
    }

    record Window(Double x, Double y, Double width, Double height, Boolean maximized) {
    }

    static SettingsFile from(Settings settings) {
        List<Account> accounts = settings.accounts().stream().map(SettingsFile::from).toList();
        WindowBounds w = settings.window();
        Window window = w == null ? null : new Window(w.x(), w.y(), w.width(), w.height(), w.maximized());
        return new SettingsFile(SCHEMA_VERSION, accounts, window, settings.hideOfflineContacts());
    }

    private static Account from(AccountSettings a) {
        ServerEndpoint e = a.endpoint();
        Endpoint endpoint = e == null ? null : new Endpoint(e.host(), e.port());
        return new Account(a.id().address().value(), a.resource(), endpoint, a.rememberPassword(),
                a.trustedFingerprints());
    }

    /** Throws IllegalArgumentException when a value cannot be part of valid settings (e.g. a bad address). */
    Settings toSettings() {
        List<AccountSettings> all = accounts == null ? List.of()
                : accounts.stream().map(SettingsFile::toAccount).toList();
        WindowBounds bounds = window == null ? null
                : new WindowBounds(orZero(window.x()), orZero(window.y()), orZero(window.width()),
                        orZero(window.height()), Boolean.TRUE.equals(window.maximized()));
        return new Settings(all, bounds, Boolean.TRUE.equals(hideOfflineContacts));
    }

    private static AccountSettings toAccount(Account a) {
        if (a == null || a.address() == null) {
            throw new IllegalArgumentException("an account without an address");
        }
        ServerEndpoint endpoint = a.endpoint() == null ? null
                : new ServerEndpoint(a.endpoint().host(),
                        a.endpoint().port() == null ? ServerEndpoint.DEFAULT_PORT : a.endpoint().port());
        return new AccountSettings(AccountId.of(a.address()), a.resource(), endpoint,
                Boolean.TRUE.equals(a.rememberPassword()), a.trustedFingerprints());
    }

    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }
}
