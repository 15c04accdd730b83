package im.natter.domain.model;

/**
 * What a room says about itself in its disco#info (XEP-0045 §6.4 features, XEP-0128 room info form).
 *
 * @param name          the room's name, or null
 * @param description   the room's description, or null
 * @param archived      the room keeps a message archive (urn:xmpp:mam:2)
 * @param occupantIds   the room stamps occupant-ids (urn:xmpp:occupant-id:0)
 * @param moderation    the room lets moderators retract messages (urn:xmpp:message-moderate:0 or :1)
 * @param nonAnonymous  every occupant can see real addresses
 */
public record RoomFeatures(String name, String description, boolean persistent, boolean membersOnly,
        boolean passwordProtected, boolean moderated, boolean publicListing, boolean nonAnonymous,
        boolean archived, boolean occupantIds, boolean moderation) {
}
