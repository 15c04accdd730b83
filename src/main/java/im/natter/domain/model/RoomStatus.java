package im.natter.domain.model;

/** Where the user stands with a room. */
public enum RoomStatus {
    /** Asked to enter (or to enter again after a drop), no answer yet. */
    JOINING,
    JOINED,
    /** Out of the room: left, kicked, banned, destroyed; no rejoin follows by itself. */
    LEFT,
    /** The room refused the join; {@link RoomSnapshot#problem()} says why. */
    FAILED
}
