package im.natter.xmpp;

import im.natter.domain.model.AccountId;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import im.natter.domain.model.Address;
import im.natter.domain.port.ChatPort;
import im.natter.domain.port.MarkersPort;
import im.natter.xmpp.chat.ReadMarkers;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.chat_markers.element.ChatMarkersElements;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.hints.element.StoreHint;
import org.jivesoftware.smackx.pubsub.ItemsExtension;

/**
 * Read state: displayed markers (XEP-0333) to and from contacts, and Message Displayed Synchronization
 * (XEP-0490) with the user's other devices through the account's PEP node {@code urn:xmpp:mds:displayed:0}.
 */
public final class MarkersAdapter implements MarkersPort {

    private static final System.Logger LOG = System.getLogger(MarkersAdapter.class.getName());

    /** How many markable messages per account are remembered; markers only ever name recent ones. */
    static final int REMEMBERED = 4096;

    static {
        ReadMarkers.install();
    }

    private final XmppSessions sessions;
    private final Listeners<Listener> listeners = new Listeners<>();
    /** Per account: "peer\nkey" of the messages that asked for markers, to the id a marker must name. */
    private final Map<AccountId, Map<String, String>> markable = new ConcurrentHashMap<>();

    public MarkersAdapter(XmppSessions sessions) {
        this.sessions = sessions;
        // send_last_published_item is 'never', so what other devices read meanwhile is fetched once per session
        sessions.addHook(SessionHook.attachAndOnFreshSession(this::attach,
                session -> sessions.config().executor().execute(() -> fetchReadPoints(session))));
    }

    @Override
    public boolean sendDisplayed(AccountId account, Address peer, String messageId) {
        String id = remembered(account).get(peer.value() + "\n" + messageId);
        if (id == null) {
            return false; // the sender did not ask for markers (XEP-0333 §4), or we never saw it ask
        }
        try {
            Session session = sessions.live(account);
            Message marker = StanzaBuilder.buildMessage()
                    .ofType(Message.Type.chat)
                    .to(ChatAdapter.jid(peer, null))
                    .addExtension(new ChatMarkersElements.DisplayedExtension(id))
                    .addExtension(StoreHint.INSTANCE)
                    .build();
            session.connection.sendStanza(marker);
            return true;
        } catch (ChatPort.NotConnectedException | SmackException.NotConnectedException e) {
            LOG.log(Level.DEBUG, "Displayed marker not sent: not connected");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public void publishReadUpTo(AccountId account, Address peer, String stanzaId) {
        Session session = sessions.get(account);
        if (session == null || !session.isLive()) {
            return;
        }
        sessions.config().executor().execute(() -> {
            try {
                IQ answer = session.connection.sendIqRequestAndWaitForResponse(
                        ReadSyncRequests.publish(session.ownJid, peer.value(), stanzaId));
                LOG.log(Level.DEBUG, "Read point for " + peer + " published: " + answer.getType());
            } catch (XMPPException.XMPPErrorException e) {
                LOG.log(Level.INFO, "The server did not keep the read point for " + peer + ": "
                        + e.getStanzaError().getCondition());
            } catch (SmackException e) {
                LOG.log(Level.DEBUG, "Read point for " + peer + " not published: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    private void attach(Session session) {
        var disco = ServiceDiscoveryManager.getInstanceFor(session.connection);
        disco.addFeature(ReadMarkers.MARKERS_NS);
        // +notify through entity caps: the server then pushes what other devices publish (XEP-0163)
        disco.addFeature(ReadMarkers.MDS_NS + "+notify");
        session.connection.addSyncStanzaListener(stanza -> onMessage(session, (Message) stanza),
                StanzaTypeFilter.MESSAGE);
        session.connection.addMessageInterceptor(
                builder -> builder.addExtension(ChatMarkersElements.MarkableExtension.INSTANCE),
                message -> message.getType() == Message.Type.chat && message.getBody() != null
                        && ChatMarkersElements.MarkableExtension.from(message) == null);
    }

    private void onMessage(Session session, Message message) {
        AccountId account = session.account;
        ReadMarkers.markable(message, account).ifPresent(m ->
                remembered(account).put(m.peer().value() + "\n" + m.key(), m.messageId()));
        ReadMarkers.peerDisplayed(message, account).ifPresent(d -> {
            // an occupant's marker in private names the occupant, not the room
            Address from = CarbonExtension.from(message) == null
                    ? sessions.sender(account, message.getFrom()).orElse(d.from()) : d.from();
            listeners.fire(l -> l.displayedByPeer(account, from, d.messageId()));
        });
        ReadMarkers.sentElsewhere(message, account).ifPresent(r ->
                listeners.fire(l -> l.readElsewhere(account, r.peer(), null, r.messageId())));
        for (ReadMarkers.ReadUpTo r : ReadMarkers.notification(message, account)) {
            listeners.fire(l -> l.readElsewhere(account, r.peer(), r.stanzaId(), null));
        }
    }

    private void fetchReadPoints(Session session) {
        try {
            IQ answer = session.connection.sendIqRequestAndWaitForResponse(ReadSyncRequests.fetch(session.ownJid));
            for (var extension : answer.getExtensions()) {
                if (extension instanceof ItemsExtension items && ReadMarkers.MDS_NS.equals(items.getNode())) {
                    for (ReadMarkers.ReadUpTo r : ReadMarkers.readPoints(items.getItems(), session.account)) {
                        listeners.fire(l -> l.readElsewhere(session.account, r.peer(), r.stanzaId(), null));
                    }
                }
            }
        } catch (XMPPException.XMPPErrorException e) {
            if (e.getStanzaError().getCondition() != StanzaError.Condition.item_not_found) {
                LOG.log(Level.INFO, "Read points of other devices not fetched: " + e.getStanzaError().getCondition());
            }
        } catch (SmackException e) {
            LOG.log(Level.DEBUG, "Read points of other devices not fetched: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, String> remembered(AccountId account) {
        return markable.computeIfAbsent(account, a -> java.util.Collections.synchronizedMap(
                new LinkedHashMap<>(256, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                        return size() > REMEMBERED;
                    }
                }));
    }

}
