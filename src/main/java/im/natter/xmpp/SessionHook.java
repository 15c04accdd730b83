package im.natter.xmpp;

/** Lets each adapter attach its stanza listeners to a connection once, when the registry creates it. */
interface SessionHook {

    /** A new connection was made for an account and is about to connect; nothing has been sent yet. */
    void created(Session session);

    /** The session signed in; {@code resumed} when XEP-0198 resumed the previous stream. */
    default void authenticated(Session session, boolean resumed) {
    }
}
