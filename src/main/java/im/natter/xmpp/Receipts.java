package im.natter.xmpp;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jxmpp.jid.Jid;

/** The XEP-0184 receipts Natter sends, one-to-one or privately through a room. */
final class Receipts {

    private Receipts() {
    }

    /**
     * Tells {@code to} that its message {@code messageId} arrived. Through a room the receipt carries the empty
     * muc#user element of a private message (XEP-0045 §7.5).
     */
    static void send(Session session, Jid to, String messageId, boolean throughRoom)
            throws SmackException.NotConnectedException, InterruptedException {
        var receipt = StanzaBuilder.buildMessage()
                .ofType(Message.Type.chat)
                .to(to)
                .addExtension(new DeliveryReceipt(messageId));
        if (throughRoom) {
            receipt.addExtension(new MUCUser());
        }
        session.connection.sendStanza(receipt.build());
    }
}
