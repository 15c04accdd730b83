package im.natter.xmpp;

import java.util.function.Consumer;

/** Lets each adapter attach its stanza listeners to a connection once, when the registry creates it. */
interface SessionHook {

    /** A new connection was made for an account and is about to connect; nothing has been sent yet. */
    void created(Session session);

    /** The session signed in; {@code resumed} when XEP-0198 resumed the previous stream. */
    default void authenticated(Session session, boolean resumed) {
    }

    /**
     * The common hook: {@code attach} listeners to each new connection, and do {@code freshSession} work after a
     * sign-in that started a new session (a resumed stream keeps what the last one set up).
     */
    static SessionHook attachAndOnFreshSession(Consumer<Session> attach, Consumer<Session> freshSession) {
        return new SessionHook() {
            @Override
            public void created(Session session) {
                attach.accept(session);
            }

            @Override
            public void authenticated(Session session, boolean resumed) {
                if (!resumed) {
                    freshSession.accept(session);
                }
            }
        };
    }
}
