package im.natter.xmpp;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatState;
import im.natter.domain.port.ChatPort;
import im.natter.domain.port.ChatStatePort;
import im.natter.xmpp.chat.ChatStates;
import java.lang.System.Logger.Level;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.hints.element.NoStoreHint;

/**
 * XEP-0085 chat states. Every message the user sends says {@code <active/>} (the message itself already shows
 * they are there, so that leaks nothing); standalone states go out only when the service says so.
 */
public final class ChatStateAdapter implements ChatStatePort {

    private static final System.Logger LOG = System.getLogger(ChatStateAdapter.class.getName());

    private final XmppSessions sessions;
    private final Listeners<Listener> listeners = new Listeners<>();

    public ChatStateAdapter(XmppSessions sessions) {
        this.sessions = sessions;
        sessions.addHook(this::attach);
    }

    @Override
    public void sendChatState(AccountId account, Address to, ChatState state) {
        try {
            Session session = sessions.live(account);
            Message message = StanzaBuilder.buildMessage()
                    .ofType(Message.Type.chat)
                    .to(ChatAdapter.jid(to, null))
                    .addExtension(ChatStates.toWire(state))
                    .addExtension(NoStoreHint.INSTANCE)
                    .build();
            session.connection.sendStanza(message);
        } catch (ChatPort.NotConnectedException | SmackException.NotConnectedException e) {
            LOG.log(Level.DEBUG, "Chat state not sent: not connected");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    private void attach(Session session) {
        AccountId account = session.account;
        ServiceDiscoveryManager.getInstanceFor(session.connection).addFeature(ChatStates.NAMESPACE);
        session.connection.addSyncStanzaListener(stanza -> ChatStates.from((Message) stanza, account)
                .ifPresent(r -> {
                    Address from = sessions.sender(account, stanza.getFrom()).orElse(r.from());
                    listeners.fire(l -> l.chatStateReceived(account, from, r.state()));
                }), StanzaTypeFilter.MESSAGE);
        session.connection.addMessageInterceptor(
                builder -> builder.addExtension(ChatStates.toWire(ChatState.ACTIVE)),
                message -> message.getType() == Message.Type.chat && message.getBody() != null
                        && ChatStates.wireState(message) == null);
    }
}
