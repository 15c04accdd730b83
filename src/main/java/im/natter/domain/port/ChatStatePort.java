package im.natter.domain.port;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatState;

/**
 * XEP-0085 chat states. Implemented by the xmpp layer, which also puts {@code <active/>} on every message the
 * user sends. Which states may be sent to whom is the service's decision.
 */
public interface ChatStatePort {

    /** Sends {@code state} on its own (a message without body, not stored by the server). */
    void sendChatState(AccountId account, Address to, ChatState state);

    void addListener(Listener listener);

    interface Listener {

        /** {@code from} (a contact, or {@code room/nick} for an occupant writing in private; never the user's own
         *  devices) is now in {@code state}. */
        void chatStateReceived(AccountId account, Address from, ChatState state);
    }
}
