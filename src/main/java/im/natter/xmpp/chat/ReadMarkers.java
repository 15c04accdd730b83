package im.natter.xmpp.chat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.NamedElement;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.XmlElement;
import org.jivesoftware.smack.parsing.StandardExtensionElementProvider;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.chat_markers.element.ChatMarkersElements;
import org.jivesoftware.smackx.forward.packet.Forwarded;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;
import org.jivesoftware.smackx.pubsub.EventElement;
import org.jivesoftware.smackx.pubsub.ItemsExtension;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jxmpp.jid.Jid;

/**
 * Reads displayed markers (XEP-0333) and read-state sync (XEP-0490) off the wire. Who may say what: a contact may
 * mark only what they received; a read point for the user's own conversations counts only when the account's own
 * server brings it (PEP notifications and carbons come from the account's bare address); anything else is dropped.
 */
public final class ReadMarkers {

    public static final String MARKERS_NS = "urn:xmpp:chat-markers:0";
    public static final String MDS_NS = "urn:xmpp:mds:displayed:0";
    public static final String SID_NS = "urn:xmpp:sid:0";

    private static final System.Logger LOG = System.getLogger(ReadMarkers.class.getName());

    static {
        install();
    }

    /** The contact {@code from} displayed the user's message {@code messageId}. */
    public record PeerDisplayed(Address from, String messageId) {
    }

    /** Another device of the user read the chat with {@code peer} up to a stanza-id or a message id. */
    public record ReadUpTo(Address peer, String stanzaId, String messageId) {
    }

    /** A message that asked for markers: the key the archive knows it by, and the id a marker must name. */
    public record Markable(Address peer, String key, String messageId) {
    }

    private ReadMarkers() {
    }

    /** Makes sure Smack's parsers are set up as the product uses them. Idempotent. */
    public static void install() {
        ExtensionProviders.install();
    }

    /** A contact's displayed marker for one of the user's messages, live or as a received carbon. */
    public static Optional<PeerDisplayed> peerDisplayed(Message message, AccountId account) {
        Message marker = message;
        CarbonExtension carbon = CarbonExtension.from(message);
        if (carbon != null) {
            if (carbon.getDirection() != CarbonExtension.Direction.received || !trustedCarbon(message, account)) {
                return Optional.empty();
            }
            marker = inner(carbon.getForwarded());
        }
        if (marker == null || InboundMessages.isAccount(marker.getFrom(), account)) {
            return Optional.empty();
        }
        String id = displayedId(marker);
        Optional<Address> from = bare(marker.getFrom());
        if (id == null || from.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PeerDisplayed(from.get(), id));
    }

    /** A displayed marker another device of the user sent to a contact, seen as a sent carbon. */
    public static Optional<ReadUpTo> sentElsewhere(Message message, AccountId account) {
        CarbonExtension carbon = CarbonExtension.from(message);
        if (carbon == null || carbon.getDirection() != CarbonExtension.Direction.sent
                || !trustedCarbon(message, account)) {
            return Optional.empty();
        }
        Message inner = inner(carbon.getForwarded());
        String id = inner == null ? null : displayedId(inner);
        Optional<Address> peer = inner == null ? Optional.empty() : bare(inner.getTo());
        if (id == null || peer.isEmpty() || peer.get().equals(account.address())) {
            return Optional.empty();
        }
        return Optional.of(new ReadUpTo(peer.get(), null, id));
    }

    /** The read points in a PEP notification of the MDS node; only the account's own bare address may send one. */
    public static List<ReadUpTo> notification(Message message, AccountId account) {
        EventElement event = EventElement.from(message);
        if (event == null || !(event.getEvent() instanceof ItemsExtension items) || !MDS_NS.equals(items.getNode())) {
            return List.of();
        }
        Jid from = message.getFrom();
        if (from == null || !from.isEntityBareJid() || !InboundMessages.isAccount(from, account)) {
            LOG.log(Level.WARNING, "Dropped a read-state notification for " + account + " from " + from);
            return List.of();
        }
        return readPoints(items.getItems(), account);
    }

    /** The read points among the items of the MDS node (a notification or the answer to fetching it). */
    public static List<ReadUpTo> readPoints(List<? extends NamedElement> items, AccountId account) {
        List<ReadUpTo> points = new ArrayList<>();
        for (NamedElement element : items) {
            if (!(element instanceof PayloadItem<?> item) || item.getId() == null) {
                continue;
            }
            Optional<Address> peer = Address.parse(item.getId());
            String stanzaId = stanzaId(item.getPayload(), account);
            if (peer.isPresent() && stanzaId != null && !item.getId().contains("/")) {
                points.add(new ReadUpTo(peer.get(), stanzaId, null));
            }
        }
        return points;
    }

    /**
     * A message from a contact that asked for markers: live, a received carbon, or a result from the account's
     * own archive. Remembered so that a marker goes back only where one was asked for (XEP-0333).
     */
    public static Optional<Markable> markable(Message message, AccountId account) {
        Message inner = message;
        CarbonExtension carbon = CarbonExtension.from(message);
        MamResultExtension result = MamResultExtension.from(message);
        if (carbon != null) {
            if (carbon.getDirection() != CarbonExtension.Direction.received || !trustedCarbon(message, account)) {
                return Optional.empty();
            }
            inner = inner(carbon.getForwarded());
        } else if (result != null) {
            Jid from = message.getFrom();
            if (from != null && !(from.isEntityBareJid() && InboundMessages.isAccount(from, account))) {
                return Optional.empty();
            }
            inner = inner(result.getForwarded());
        }
        if (inner == null || inner.getStanzaId() == null || inner.getBody() == null
                || ChatMarkersElements.MarkableExtension.from(inner) == null
                || InboundMessages.isAccount(inner.getFrom(), account)) {
            return Optional.empty();
        }
        Optional<Address> peer = bare(inner.getFrom());
        OriginIdElement origin = OriginIdElement.getOriginId(inner);
        String key = origin != null && origin.getId() != null ? origin.getId() : inner.getStanzaId();
        String messageId = inner.getStanzaId();
        return peer.map(p -> new Markable(p, key, messageId));
    }

    static String displayedId(Message message) {
        ChatMarkersElements.DisplayedExtension displayed = ChatMarkersElements.DisplayedExtension.from(message);
        return displayed == null ? null : displayed.getId();
    }

    private static String stanzaId(XmlElement payload, AccountId account) {
        StandardExtensionElement displayed = element(payload);
        if (displayed == null || !MDS_NS.equals(displayed.getNamespace())
                || !"displayed".equals(displayed.getElementName())) {
            return null;
        }
        for (StandardExtensionElement sid : displayed.getElements()) {
            if ("stanza-id".equals(sid.getElementName()) && SID_NS.equals(sid.getNamespace())
                    && Address.parse(String.valueOf(sid.getAttributeValue("by"))).map(account.address()::equals)
                            .orElse(false)
                    && sid.getAttributeValue("by").indexOf('/') < 0) {
                return sid.getAttributeValue("id");
            }
        }
        return null;
    }

    /** Smack hands unknown item payloads over as XML text (SimplePayload); read that text as an element. */
    private static StandardExtensionElement element(XmlElement payload) {
        if (payload instanceof StandardExtensionElement s) {
            return s;
        }
        if (!(payload instanceof SimplePayload simple) || !MDS_NS.equals(simple.getNamespace())) {
            return null;
        }
        try {
            XmlPullParser parser = PacketParserUtils.getParserFor(simple.toXML().toString());
            return StandardExtensionElementProvider.INSTANCE.parse(parser);
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Unreadable read-state item: " + e);
            return null;
        }
    }

    private static boolean trustedCarbon(Message wrapper, AccountId account) {
        Jid from = wrapper.getFrom();
        boolean ok = from != null && from.isEntityBareJid() && InboundMessages.isAccount(from, account);
        if (!ok) {
            LOG.log(Level.WARNING, "Dropped a forged carbon copy of a marker from " + from + " for " + account);
        }
        return ok;
    }

    private static Message inner(Forwarded<Message> forwarded) {
        return forwarded == null ? null : forwarded.getForwardedStanza();
    }

    private static Optional<Address> bare(Jid jid) {
        return jid == null ? Optional.empty() : Address.parse(jid.asBareJid().toString());
    }
}
