package im.natter.ui.room;

import im.natter.domain.model.Availability;
import im.natter.domain.model.Occupant;
import im.natter.ui.chat.DisplayText;

/** A person in the occupant list. {@code self} marks the user. */
public record OccupantItem(Occupant occupant, boolean self) implements OccupantRow {

    public String nick() {
        return DisplayText.oneLine(occupant.nick());
    }

    /** XEP-0392 colours a room's people by nickname, the same as their names in the timeline. */
    public String colourId() {
        return occupant.nick();
    }

    /** "Owner", "Admin", "Member", or null for none. */
    public String badge() {
        return switch (occupant.affiliation()) {
            case OWNER -> "Owner";
            case ADMIN -> "Admin";
            case MEMBER -> "Member";
            case NONE, OUTCAST -> null;
        };
    }

    public Availability availability() {
        return occupant.availability();
    }

    /** Their status message, or null. */
    public String statusText() {
        String s = occupant.statusText();
        return s == null || s.isBlank() ? null : DisplayText.oneLine(s).strip();
    }
}
