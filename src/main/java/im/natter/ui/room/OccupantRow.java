package im.natter.ui.room;

/** A row of the occupant list: a role's heading or a person. */
public sealed interface OccupantRow permits OccupantRow.Heading, OccupantItem {

    /** "Moderators", "Participants", "Visitors", with how many there are. */
    record Heading(String title, int count) implements OccupantRow {
    }
}
