package im.natter.domain.port;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;

/**
 * Read state on the wire: displayed markers (XEP-0333) between the user and a contact, and Message Displayed
 * Synchronization (XEP-0490) between the user's own devices. Implemented by the xmpp layer; listener callbacks
 * arrive on the xmpp library's threads, already checked for who may say what.
 */
public interface MarkersPort {

    /**
     * Tells {@code peer} that the user has displayed their messages up to the one the archive knows as
     * {@code messageId} (its origin-id, else its stanza id attribute). Sent only when that message asked for
     * markers ({@code <markable/>}); returns whether a marker went out.
     */
    boolean sendDisplayed(AccountId account, Address peer, String messageId);

    /** Tells the user's other devices (XEP-0490) that the chat with {@code peer} is read up to {@code stanzaId}. */
    void publishReadUpTo(AccountId account, Address peer, String stanzaId);

    void addListener(Listener listener);

    interface Listener {

        /** {@code from}'s client (a contact, or {@code room/nick} for an occupant) displayed the user's message
         *  {@code messageId} and those before it. */
        void displayedByPeer(AccountId account, Address from, String messageId);

        /**
         * Another device of the user read the chat with {@code peer}: up to the message with stanza-id
         * {@code stanzaId} (given by the account's server; XEP-0490) or, when that is null, up to the message
         * whose stanza id attribute is {@code messageId} (a displayed marker it sent, seen as a carbon).
         */
        void readElsewhere(AccountId account, Address peer, String stanzaId, String messageId);
    }
}
