package im.natter.domain.model;

/** Which messages of a room ask for the user's attention. */
public enum NotificationLevel {
    ALL,
    /** Only messages that mention the user's nickname. */
    MENTIONS,
    NONE
}
