package im.natter.domain.model;

/**
 * What a groupchat message carries beyond a chat message.
 *
 * @param occupantId   XEP-0421 occupant-id the room stamped on it, or null (only trusted when the room advertises
 *                     occupant-id; the xmpp layer drops it otherwise)
 * @param moderatedBy  for a moderator's retraction (XEP-0425): the moderator's nickname or address, else null
 * @param moderationReason the reason a moderator gave, or null
 * @param joinHistory  the room sent it as discussion history on join (XEP-0045 §7.2.14), not live
 */
public record RoomMessageInfo(String occupantId, String moderatedBy, String moderationReason, boolean joinHistory) {

    public boolean isModeration() {
        return moderatedBy != null;
    }
}
