package im.natter.domain.event;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Contact;

public record ContactChanged(AccountId account, Contact contact) implements NatterEvent {
}
