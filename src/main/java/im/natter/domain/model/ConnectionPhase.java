package im.natter.domain.model;

public enum ConnectionPhase {
    OFFLINE,
    CONNECTING,
    ONLINE,
    /** Waiting before the next automatic attempt. */
    RECONNECTING
}
