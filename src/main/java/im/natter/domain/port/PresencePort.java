package im.natter.domain.port;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.PresenceStatus;

/** The user's own presence and the presence of others. Implemented by the xmpp layer. */
public interface PresencePort {

    /** Broadcasts the user's presence. OFFLINE is not sent this way: disconnect instead. */
    void setOwnPresence(AccountId account, PresenceStatus status) throws ChatPort.NotConnectedException;

    void addListener(Listener listener);

    interface Listener {

        /** One device ({@code resource}) of {@code from} changed presence; OFFLINE when it went away. */
        void presenceReceived(AccountId account, Address from, String resource, PresenceStatus status);
    }
}
