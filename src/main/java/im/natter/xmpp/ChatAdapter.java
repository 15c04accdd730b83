package im.natter.xmpp;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.MessageSize;
import im.natter.domain.model.OutboundMessage;
import im.natter.domain.port.ChatPort;
import im.natter.xmpp.chat.CarbonCopies;
import im.natter.xmpp.chat.InboundMessages;
import im.natter.xmpp.chat.StanzaErrors;
import im.natter.xmpp.chat.XmlText;
import im.natter.xmpp.room.Invitations;
import java.lang.System.Logger.Level;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/** One-to-one messages: origin-id, receipts on request, server acks through XEP-0198, carbons (XEP-0280). */
public final class ChatAdapter implements ChatPort {

    private static final System.Logger LOG = System.getLogger(ChatAdapter.class.getName());

    /** Room for the message element, addresses, origin-id, receipt request and a stream-management request. */
    static final int ENVELOPE_MARGIN = 4096;

    private final XmppSessions sessions;
    private final Listeners<Listener> listeners = new Listeners<>();

    public ChatAdapter(XmppSessions sessions) {
        this.sessions = sessions;
        sessions.addHook(SessionHook.attachAndOnFreshSession(this::attach, ChatAdapter::enableCarbons));
    }

    @Override
    public int maxBodyBytes() {
        return sessions.config().maxStanzaBytes() - ENVELOPE_MARGIN;
    }

    @Override
    public void send(OutboundMessage message) throws NotConnectedException {
        if (message.kind() != ConversationKind.CHAT) {
            throw new IllegalArgumentException("Only one-to-one chat messages are supported here.");
        }
        String body = XmlText.sanitise(message.body());
        if (MessageSize.wireBytes(body) > maxBodyBytes()) {
            throw new IllegalArgumentException("The message is too long to send (more than "
                    + maxBodyBytes() / 1024 + " KiB).");
        }
        Session session = sessions.live(message.account());
        XMPPTCPConnection conn = session.connection;
        String id = message.originId();
        var builder = StanzaBuilder.buildMessage(id)
                .ofType(Message.Type.chat)
                .to(jid(message.to(), null))
                .setBody(body)
                .addExtension(new OriginIdElement(id));
        if (message.writtenAt() != null) {
            builder.addExtension(new org.jivesoftware.smackx.delay.packet.DelayInformation(
                    java.util.Date.from(message.writtenAt()), conn.getUser().asBareJid().toString(), null));
        }
        if (message.senderClock() != null) {
            builder.addExtension(im.natter.xmpp.chat.SenderClock.of(message.senderClock()));
        }
        DeliveryReceiptRequest.addTo(builder);
        Message stanza = builder.build();
        AccountId account = message.account();
        boolean viaSm = conn.isSmEnabled();
        if (viaSm) {
            try {
                conn.addStanzaIdAcknowledgedListener(id, acked -> listeners.fire(
                        l -> l.serverAcknowledged(account, id)));
            } catch (org.jivesoftware.smack.sm.StreamManagementException.StreamManagementNotEnabledException e) {
                viaSm = false;
            }
        }
        try {
            conn.sendStanza(stanza);
        } catch (SmackException.NotConnectedException e) {
            conn.removeStanzaIdAcknowledgedListener(id);
            throw new NotConnectedException("Not connected to " + session.domain + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            conn.removeStanzaIdAcknowledgedListener(id);
            throw new NotConnectedException("Sending was interrupted.");
        }
        if (!viaSm) {
            // Without stream management there is no per-stanza ack; once written, it is as far as we can know.
            listeners.fire(l -> l.serverAcknowledged(account, id));
        }
    }

    @Override
    public void sendReceipt(AccountId account, Address to, String toResource, String messageId) {
        try {
            Receipts.send(sessions.live(account), jid(to, toResource), messageId, false);
        } catch (NotConnectedException | SmackException.NotConnectedException e) {
            LOG.log(Level.DEBUG, "Receipt for " + messageId + " not sent: not connected");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    private void attach(Session session) {
        session.connection.addSyncStanzaListener(stanza -> onMessage(session, stanza), StanzaTypeFilter.MESSAGE);
        // made now, before sign-in: the manager adds the carbons feature to what the client says it can do, and
        // added after the first presence that changes the caps hash again, racing the server's caps query; the
        // server then may not learn this device's +notify interests for the session (live read-state and bookmark
        // pushes missed; ReadStateIT failed that way)
        CarbonManager.getInstanceFor(session.connection);
    }

    /**
     * A new stream starts with carbons off (XEP-0280); a resumed one keeps them. Done before the adapter reports
     * the sign-in, so nothing the other devices exchange after that is missed.
     */
    private static void enableCarbons(Session session) {
        try {
            CarbonManager.getInstanceFor(session.connection).setCarbonsEnabled(true);
        } catch (XMPPException.XMPPErrorException e) {
            LOG.log(Level.INFO, session.domain + " does not copy messages between devices (carbons): "
                    + e.getStanzaError().getCondition());
        } catch (SmackException e) {
            LOG.log(Level.WARNING, "Could not switch on carbons for " + session.account + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onMessage(Session session, Stanza stanza) {
        Message message = (Message) stanza;
        AccountId account = session.account;
        if (CarbonCopies.isCarbon(message)) {
            CarbonCopies.unwrap(message, account).filter(m -> !sessions.isRoom(account, m.peer()))
                    .ifPresent(m -> listeners.fire(l -> l.messageReceived(m)));
            return;
        }
        if (message.getType() == Message.Type.error) {
            String id = message.getStanzaId();
            if (id != null) {
                String reason = StanzaErrors.describe(message.getError());
                listeners.fire(l -> l.sendFailed(account, id, reason));
            }
            return;
        }
        DeliveryReceipt receipt = DeliveryReceipt.from(message);
        if (receipt != null && receipt.getId() != null && message.getFrom() != null) {
            sessions.sender(account, message.getFrom()).ifPresent(from ->
                    listeners.fire(l -> l.receiptReceived(account, from, receipt.getId())));
        }
        // Invitations and private messages from room occupants belong to the room adapter.
        if (Invitations.isInvitation(message)) {
            return;
        }
        InboundMessages.from(message, account).filter(m -> !sessions.isRoom(account, m.peer()))
                .ifPresent(m -> listeners.fire(l -> l.messageReceived(m)));
    }

    static Jid jid(Address address, String resource) {
        try {
            String text = resource == null || resource.isBlank() ? address.value() : address.value() + "/" + resource;
            return JidCreate.from(text);
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException("Not a valid XMPP address: " + address, e);
        }
    }
}
