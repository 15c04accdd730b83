package im.natter.service;

import java.util.concurrent.CompletionException;

/** What went wrong in a future, for the user: the cause behind the wrapping, with its message. */
final class Failures {

    private Failures() {
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static String reason(Throwable error) {
        Throwable t = unwrap(error);
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
