package im.natter.ui.roster;

import im.natter.domain.model.Address;
import im.natter.domain.model.Availability;

/** One contact as a roster row shows it. Plain data: the list cells are the only nodes. */
public record ContactListItem(Address address, String name, String statusText, Availability availability,
        String group) implements RosterRow {
}
