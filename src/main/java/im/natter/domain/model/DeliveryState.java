package im.natter.domain.model;

/** Where a message stands. Outgoing ones move forward through the first four (and DISPLAYED); incoming ones are RECEIVED. */
public enum DeliveryState {
    /** Stored locally, not yet accepted by the server. */
    QUEUED,
    /** The server has it. */
    ON_SERVER,
    /** The recipient's client confirmed it (XEP-0184). */
    DELIVERED,
    /** The server refused it; the message carries the reason. */
    FAILED,
    /** An incoming message. */
    RECEIVED,
    /** The recipient's client displayed it (XEP-0333): the user's own message was seen. */
    DISPLAYED;

    /** States only move forward, so a late or repeated update can never undo a newer one. */
    public boolean canMoveTo(DeliveryState next) {
        return switch (this) {
            case QUEUED -> next == ON_SERVER || next == DELIVERED || next == FAILED || next == DISPLAYED;
            case ON_SERVER -> next == DELIVERED || next == FAILED || next == DISPLAYED;
            case DELIVERED -> next == DISPLAYED;
            case FAILED -> next == QUEUED;
            case RECEIVED, DISPLAYED -> false;
        };
    }
}
