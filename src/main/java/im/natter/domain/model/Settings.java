package im.natter.domain.model;

import java.util.List;
import java.util.Optional;

/**
 * Everything Natter remembers besides the archive. {@code window} may be null before the first close.
 */
public record Settings(List<AccountSettings> accounts, WindowBounds window, boolean hideOfflineContacts) {

    public static final Settings EMPTY = new Settings(List.of(), null, false);

    public Settings {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    public Optional<AccountSettings> account(AccountId id) {
        return accounts.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    public Settings withAccount(AccountSettings account) {
        var all = new java.util.ArrayList<AccountSettings>();
        boolean replaced = false;
        for (AccountSettings a : accounts) {
            if (a.id().equals(account.id())) {
                all.add(account);
                replaced = true;
            } else {
                all.add(a);
            }
        }
        if (!replaced) {
            all.add(account);
        }
        return new Settings(all, window, hideOfflineContacts);
    }

    public Settings withWindow(WindowBounds bounds) {
        return new Settings(accounts, bounds, hideOfflineContacts);
    }

    public Settings withHideOfflineContacts(boolean hide) {
        return new Settings(accounts, window, hide);
    }
}
