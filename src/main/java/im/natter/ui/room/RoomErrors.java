package im.natter.ui.room;

import im.natter.domain.model.RoomException;
import im.natter.domain.model.RoomProblem;
import im.natter.domain.port.ArchiveException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The words for a failed room action: the room service words its failures; anything else gets a calm default. */
final class RoomErrors {

    private static final System.Logger LOG = System.getLogger(RoomErrors.class.getName());

    private RoomErrors() {
    }

    static Throwable cause(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    static String text(Throwable error) {
        Throwable e = cause(error);
        if (e instanceof RoomException || e instanceof ArchiveException) {
            return e.getMessage();
        }
        LOG.log(System.Logger.Level.WARNING, "unexpected room failure", e);
        return "Something went wrong. Please try again.";
    }

    static RoomProblem problem(Throwable error) {
        return cause(error) instanceof RoomException r ? r.problem() : null;
    }
}
