package im.natter.xmpp;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Availability;
import im.natter.domain.model.PresenceStatus;
import im.natter.domain.port.ChatPort;
import im.natter.domain.port.PresencePort;
import im.natter.xmpp.chat.PresenceModes;
import java.util.Optional;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.OrFilter;
import org.jivesoftware.smack.filter.PresenceTypeFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;

/** The user's own presence and the presence of contacts' devices. */
public final class PresenceAdapter implements PresencePort {

    private static final String MUC_USER_NS = "http://jabber.org/protocol/muc#user";

    private final XmppSessions sessions;
    private final Listeners<Listener> listeners = new Listeners<>();

    public PresenceAdapter(XmppSessions sessions) {
        this.sessions = sessions;
        sessions.addHook(this::attach);
    }

    @Override
    public void setOwnPresence(AccountId account, PresenceStatus status) throws ChatPort.NotConnectedException {
        if (status.availability() == Availability.OFFLINE) {
            throw new IllegalArgumentException("Going offline is done by disconnecting.");
        }
        Session session = sessions.live(account);
        var builder = session.connection.getStanzaFactory().buildPresenceStanza()
                .ofType(Presence.Type.available)
                .setMode(mode(status.availability()));
        if (!status.message().isEmpty()) {
            builder.setStatus(status.message());
        }
        try {
            session.connection.sendStanza(builder.build());
        } catch (SmackException.NotConnectedException e) {
            throw new ChatPort.NotConnectedException("Not connected to " + session.domain + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatPort.NotConnectedException("Sending presence was interrupted.");
        }
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    private void attach(Session session) {
        session.connection.addSyncStanzaListener(stanza -> onPresence(session, stanza),
                new AndFilter(StanzaTypeFilter.PRESENCE,
                        new OrFilter(PresenceTypeFilter.AVAILABLE, PresenceTypeFilter.UNAVAILABLE)));
    }

    private void onPresence(Session session, Stanza stanza) {
        Presence presence = (Presence) stanza;
        var from = presence.getFrom();
        // Rooms are handled elsewhere; our own presence coming back is no news.
        if (from == null || presence.hasExtension("x", MUC_USER_NS)
                || from.equals(session.connection.getUser())) {
            return;
        }
        Optional<Address> address = Address.parse(from.asBareJid().toString());
        if (address.isEmpty()) {
            return;
        }
        String resource = from.getResourceOrNull() == null ? null : from.getResourceOrNull().toString();
        PresenceStatus status = status(presence);
        listeners.fire(l -> l.presenceReceived(session.account, address.get(), resource, status));
    }

    static PresenceStatus status(Presence presence) {
        if (presence.getType() == Presence.Type.unavailable) {
            return new PresenceStatus(Availability.OFFLINE, presence.getStatus());
        }
        return new PresenceStatus(availability(presence.getMode()), presence.getStatus());
    }

    static Availability availability(Presence.Mode mode) {
        return PresenceModes.availability(mode);
    }

    static Presence.Mode mode(Availability availability) {
        return PresenceModes.mode(availability);
    }
}
