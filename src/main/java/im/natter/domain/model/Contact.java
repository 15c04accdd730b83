package im.natter.domain.model;

import java.util.List;
import java.util.Objects;

/**
 * A roster item.
 *
 * @param name         the name the user gave, or null
 * @param askPending   we asked to see their presence and they have not answered yet
 */
public record Contact(Address address, String name, Subscription subscription, boolean askPending,
        List<String> groups) {

    public Contact {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(subscription, "subscription");
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** The name to show: the given name, else the user part of the address, else the address. */
    public String displayName() {
        if (name != null && !name.isBlank()) {
            return name.strip();
        }
        return address.localpart().orElse(address.value());
    }
}
