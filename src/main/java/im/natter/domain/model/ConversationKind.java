package im.natter.domain.model;

public enum ConversationKind {
    /** One-to-one chat with a contact or any address. */
    CHAT,
    /** A multi-user room. */
    ROOM,
    /** A private message to a room occupant. */
    ROOM_PRIVATE
}
