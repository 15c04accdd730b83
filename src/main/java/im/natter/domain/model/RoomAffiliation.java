package im.natter.domain.model;

/** A user's lasting standing with a room (XEP-0045 §5.2). Strongest first. */
public enum RoomAffiliation {
    OWNER,
    ADMIN,
    MEMBER,
    NONE,
    /** Banned. */
    OUTCAST
}
