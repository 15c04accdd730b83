package im.natter.domain.model;

/** RFC 6121 subscription state of a roster item. */
public enum Subscription {
    NONE,
    /** We see their presence. */
    TO,
    /** They see ours. */
    FROM,
    BOTH;

    public boolean seesTheirPresence() {
        return this == TO || this == BOTH;
    }
}
