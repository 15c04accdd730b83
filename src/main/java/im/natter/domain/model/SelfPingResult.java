package im.natter.domain.model;

/** What a XEP-0410 self-ping found out about the user's presence in a room. */
public enum SelfPingResult {
    /** Still in the room. */
    JOINED,
    /** The room no longer knows the user (not-acceptable): rejoin. */
    NOT_JOINED,
    /** No answer or a remote-server error: try again later, do not rejoin yet. */
    UNKNOWN
}
