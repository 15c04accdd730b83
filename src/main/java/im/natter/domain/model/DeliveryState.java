package im.natter.domain.model;

/** Where a message stands. Outgoing ones move forward through the first four; incoming ones are RECEIVED. */
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
    RECEIVED;

    /** States only move forward, so a late or repeated update can never undo a newer one. */
    public boolean canMoveTo(DeliveryState next) {
        return switch (this) {
            case QUEUED -> next == ON_SERVER || next == DELIVERED || next == FAILED;
            case ON_SERVER -> next == DELIVERED || next == FAILED;
            case FAILED -> next == QUEUED;
            case DELIVERED, RECEIVED -> false;
        };
    }
}
