package im.natter.domain.port;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.ConnectionProblem;
import java.util.concurrent.CompletableFuture;

/**
 * Opens and closes an account's connection to its server. Implemented by the xmpp layer.
 *
 * <p>Futures complete on the adapter's own threads, never on the caller's; a failed one completes with a
 * {@link im.natter.domain.model.ConnectionFailedException} that says what went wrong in words for the user.
 * Automatic reconnection is the service's job: the adapter only reports a lost connection.
 */
public interface ConnectionPort {

    /** Connects, secures (STARTTLS, required), authenticates and sends initial presence. */
    CompletableFuture<Void> connect(AccountSettings settings, char[] password);

    /**
     * Connects again with the settings and password of the last {@link #connect}, resuming the previous
     * session (XEP-0198) where the server allows it.
     */
    CompletableFuture<Void> reconnect(AccountId account);

    /** Sends unavailable presence and closes the stream. Completes when closed. */
    CompletableFuture<Void> disconnect(AccountId account);

    boolean isConnected(AccountId account);

    void addListener(Listener listener);

    interface Listener {

        /** The connection was authenticated and initial presence sent. {@code resumed}: XEP-0198 resumption. */
        void connected(AccountId account, boolean resumed);

        /** An established connection was lost (not after {@link #disconnect}). */
        void connectionLost(AccountId account, ConnectionProblem problem);
    }
}
