package im.natter.ui.roster;

/** The heading row of a roster group, with how many of its contacts are online. */
public record GroupHeader(String name, int online, int total) implements RosterRow {
}
