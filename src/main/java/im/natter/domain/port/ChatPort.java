package im.natter.domain.port;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.OutboundMessage;

/**
 * Sends and receives one-to-one messages. Implemented by the xmpp layer. Listener callbacks arrive on the
 * xmpp library's threads, already translated into domain records; listeners must hand work off quickly.
 */
public interface ChatPort {

    /** Largest body (in UTF-8 bytes) the adapter will put on the wire; larger ones are refused before sending. */
    int maxBodyBytes();

    /**
     * Puts the message on the wire. Returns normally once it is handed to the stream; the server's
     * acknowledgement or error arrives later through the listener.
     *
     * @throws NotConnectedException when the account has no live connection
     */
    void send(OutboundMessage message) throws NotConnectedException;

    /** Confirms receipt (XEP-0184) of {@code messageId}; only called once the message is archived. */
    void sendReceipt(AccountId account, Address to, String toResource, String messageId);

    void addListener(Listener listener);

    interface Listener {

        void messageReceived(InboundMessage message);

        /** The recipient's client confirmed message {@code originId} (XEP-0184); {@code from} is a bare address,
         *  or {@code room/nick} for an occupant of a room the user is in ({@link Address#occupant}). */
        void receiptReceived(AccountId account, Address from, String originId);

        /** The server acknowledged message {@code originId} (XEP-0198), so it is on the server. */
        void serverAcknowledged(AccountId account, String originId);

        /** The server bounced message {@code originId} with an error; {@code reason} is for the user. */
        void sendFailed(AccountId account, String originId, String reason);
    }

    final class NotConnectedException extends Exception {
        public NotConnectedException(String message) {
            super(message);
        }
    }
}
