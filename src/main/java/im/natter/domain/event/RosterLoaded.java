package im.natter.domain.event;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Contact;
import java.util.List;

/** The whole roster of an account, after sign-in or from the archive at start. */
public record RosterLoaded(AccountId account, List<Contact> contacts) implements NatterEvent {

    public RosterLoaded {
        contacts = List.copyOf(contacts);
    }

    @Override
    public Object coalesceKey() {
        return java.util.List.of("roster", account);
    }
}
