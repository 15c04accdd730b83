package im.natter.domain.model;

import java.util.Objects;

/**
 * Why signing in or staying connected failed, in a form the UI can explain without a stack trace.
 *
 * @param message     one or two sentences for the user
 * @param certificate the refused certificate when {@code kind} is UNTRUSTED_CERTIFICATE, else null
 */
public record ConnectionProblem(Kind kind, String message, CertificateInfo certificate) {

    public enum Kind {
        WRONG_CREDENTIALS,
        UNKNOWN_DOMAIN,
        CONNECTION_REFUSED,
        TIMED_OUT,
        NOT_XMPP,
        TLS_FAILURE,
        UNTRUSTED_CERTIFICATE,
        CONNECTION_DROPPED,
        NO_SECURE_AUTHENTICATION,
        OTHER;

        /** Whether trying again later without the user changing anything can help. */
        public boolean isTransient() {
            return switch (this) {
                case CONNECTION_REFUSED, TIMED_OUT, CONNECTION_DROPPED, UNKNOWN_DOMAIN, OTHER -> true;
                case WRONG_CREDENTIALS, NOT_XMPP, TLS_FAILURE, UNTRUSTED_CERTIFICATE, NO_SECURE_AUTHENTICATION ->
                        false;
            };
        }
    }

    public ConnectionProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    public static ConnectionProblem of(Kind kind, String message) {
        return new ConnectionProblem(kind, message, null);
    }
}
