package im.natter.domain.model;

/** An occupant's role in a room for as long as they are in it (XEP-0045 §5.1). Strongest first. */
public enum RoomRole {
    MODERATOR,
    PARTICIPANT,
    VISITOR,
    NONE
}
