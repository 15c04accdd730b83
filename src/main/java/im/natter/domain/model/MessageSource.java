package im.natter.domain.model;

/** How a message reached Natter. The same message may come more than one way; the archive keeps it once. */
public enum MessageSource {
    /** Delivered on the stream as it was sent (including what the server held while the user was offline). */
    LIVE,
    /** A copy of a message sent or received by another of the user's devices (XEP-0280). */
    CARBON,
    /** Fetched from the server's message archive (XEP-0313). */
    ARCHIVE
}
