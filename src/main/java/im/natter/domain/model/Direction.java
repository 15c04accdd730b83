package im.natter.domain.model;

public enum Direction {
    INCOMING,
    OUTGOING
}
