package im.natter.ui.roster;

/** A row of the flat, virtualised roster list: a group heading or a contact. */
public sealed interface RosterRow permits GroupHeader, ContactListItem {
}
