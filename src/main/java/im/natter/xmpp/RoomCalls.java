package im.natter.xmpp;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.RoomException;
import im.natter.domain.model.RoomProblem;
import im.natter.xmpp.room.RoomErrors;
import java.util.concurrent.CompletableFuture;

/** Room and bookmark work on the account's live session, off the caller's thread, failing in words. */
final class RoomCalls {

    @FunctionalInterface
    interface Work<T> {
        T run(Session session) throws Exception;
    }

    private RoomCalls() {
    }

    static Session live(XmppSessions sessions, AccountId account) throws RoomException {
        Session s = sessions.get(account);
        if (s == null || !s.isLive()) {
            throw RoomErrors.notConnected(account.address().domain());
        }
        return s;
    }

    /** Runs {@code work} on the xmpp executor; any failure ends as a {@link RoomException}. */
    static <T> CompletableFuture<T> call(XmppSessions sessions, AccountId account, Work<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        try {
            sessions.config().executor().execute(() -> {
                try {
                    done.complete(work.run(live(sessions, account)));
                } catch (RoomException e) {
                    done.completeExceptionally(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    done.completeExceptionally(RoomErrors.notConnected(account.address().domain()));
                } catch (Exception e) {
                    done.completeExceptionally(new RoomException(RoomProblem.OTHER, e.getMessage()));
                }
            });
        } catch (RuntimeException rejected) {
            done.completeExceptionally(rejected);
        }
        return done;
    }
}
