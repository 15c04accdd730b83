package im.natter.domain.model;

import java.util.Objects;

/** Identifies one of the user's accounts. Everything stored is keyed by it, so more accounts need no migration. */
public record AccountId(Address address) {

    public AccountId {
        Objects.requireNonNull(address, "address");
    }

    public static AccountId of(String bareAddress) {
        return new AccountId(Address.of(bareAddress));
    }

    @Override
    public String toString() {
        return address.value();
    }
}
