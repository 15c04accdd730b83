package im.natter.xmpp.room;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.Direction;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.MessageSource;
import im.natter.domain.model.RoomMessageInfo;
import im.natter.xmpp.chat.InboundMessages;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Optional;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.jxmpp.jid.Jid;

/**
 * Translates what a room sends into the domain's records: groupchat messages (live, join history, archive),
 * private messages from occupants, subject changes. The caller has already made sure the stanza comes from a
 * room the account is in; here only the room's own bare address may speak as the room (moderation), and only the
 * room's stanza-id and, when the room advertises it, its occupant-id are believed.
 */
public final class RoomMessages {

    private static final System.Logger LOG = System.getLogger(RoomMessages.class.getName());

    /** Who the message is from and how it is to be read. */
    public record Context(AccountId account, Address room, String ownNick, boolean trustOccupantId,
            boolean joinHistory) {
    }

    private RoomMessages() {
    }

    /** Whether it changes the subject: a groupchat message with a subject and no body (XEP-0045 §8.1). */
    public static boolean isSubjectChange(Message message) {
        return message.getType() == Message.Type.groupchat && message.getBody() == null
                && !message.getSubjects().isEmpty();
    }

    /** The subject it sets ("" clears it). */
    public static String subject(Message message) {
        String s = message.getSubject();
        if (s == null) {
            s = message.getSubjects().iterator().next().getSubject();
        }
        return s;
    }

    /** A groupchat message delivered live (or as join history). */
    public static Optional<InboundMessage> live(Message message, Context c) {
        return groupchat(message, message.getFrom(), c, MessageSource.LIVE, null, null);
    }

    /**
     * A groupchat message from the room's archive. {@code inner} is the forwarded message; the result wrapper has
     * been checked to come from the room.
     */
    public static Optional<InboundMessage> archived(Message inner, Context c, String archiveId, Instant stamp) {
        return groupchat(inner, inner.getFrom(), c, MessageSource.ARCHIVE, archiveId, stamp);
    }

    private static Optional<InboundMessage> groupchat(Message message, Jid from, Context c, MessageSource source,
            String archiveId, Instant archiveStamp) {
        if (message.getType() != Message.Type.groupchat || from == null || !sameRoom(from, c.room())) {
            return Optional.empty();
        }
        String nick = from.getResourceOrNull() == null ? null : from.getResourceOrNull().toString();
        Optional<Moderation.Moderated> moderated = Moderation.of(message);
        if (moderated.isPresent()) {
            if (nick != null) {
                LOG.log(Level.WARNING, "Dropped a moderation claimed by the occupant " + nick + " of " + c.room()
                        + " for " + c.account());
                return Optional.empty();
            }
            return Optional.of(moderation(message, c, moderated.get(), source, archiveId, archiveStamp));
        }
        Optional<InboundMessages.Content> parsed = InboundMessages.content(message);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        InboundMessages.Content content = parsed.get();
        String stanzaId = archiveId;
        if (stanzaId == null) {
            StanzaIdElement sid = InboundMessages.stanzaIdBy(message, c.room());
            stanzaId = sid == null ? null : sid.getId();
        }
        Direction direction = isOwn(message, nick, c) ? Direction.OUTGOING : Direction.INCOMING;
        Instant serverTime = archiveStamp != null ? archiveStamp : content.delayStamp();
        String occupantId = c.trustOccupantId() ? Occupants.occupantId(message) : null;
        RoomMessageInfo info = new RoomMessageInfo(occupantId, null, null, c.joinHistory());
        return Optional.of(new InboundMessage(c.account(), c.room(), nick, ConversationKind.ROOM, content.text(),
                content.contentKind(), message.getStanzaId(), content.originId(), stanzaId,
                stanzaId == null ? null : c.room().value(), serverTime, false, direction, c.room(), source,
                archiveId, content.replacesId(), content.retractsId(), content.replyToId(), info));
    }

    private static InboundMessage moderation(Message message, Context c, Moderation.Moderated m,
            MessageSource source, String archiveId, Instant archiveStamp) {
        String stanzaId = archiveId;
        if (stanzaId == null) {
            StanzaIdElement sid = InboundMessages.stanzaIdBy(message, c.room());
            stanzaId = sid == null ? null : sid.getId();
        }
        Instant serverTime = archiveStamp;
        if (serverTime == null) {
            serverTime = InboundMessages.content(message).map(InboundMessages.Content::delayStamp).orElse(null);
        }
        String moderator = Moderation.moderatorName(m.by());
        RoomMessageInfo info = new RoomMessageInfo(null, moderator == null ? "" : moderator, m.reason(),
                c.joinHistory());
        return new InboundMessage(c.account(), c.room(), null, ConversationKind.ROOM, "", ContentKind.TEXT,
                message.getStanzaId(), null, stanzaId, stanzaId == null ? null : c.room().value(), serverTime, false,
                Direction.INCOMING, c.room(), source, archiveId, null, m.stanzaId(), null, info);
    }

    /**
     * A private message from the occupant {@code nick} of the room (XEP-0045 §7.5), or one the user sent an
     * occupant from another device ({@code outgoing}, a carbon).
     */
    public static Optional<InboundMessage> privateMessage(Message message, Context c, String nick, boolean outgoing,
            MessageSource source) {
        Message.Type type = message.getType();
        if ((type != Message.Type.chat && type != Message.Type.normal) || nick == null || nick.isEmpty()) {
            return Optional.empty();
        }
        if (Moderation.claims(message)) {
            LOG.log(Level.WARNING, "Dropped a moderation sent privately by " + nick + " in " + c.room());
            return Optional.empty();
        }
        Optional<InboundMessages.Content> parsed = InboundMessages.content(message);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        InboundMessages.Content content = parsed.get();
        StanzaIdElement sid = InboundMessages.stanzaIdBy(message, c.account().address());
        boolean receipt = !outgoing && source == MessageSource.LIVE && DeliveryReceiptRequest.from(message) != null;
        String occupantId = c.trustOccupantId() && !outgoing ? Occupants.occupantId(message) : null;
        Address peer = Address.occupant(c.room(), nick);
        return Optional.of(new InboundMessage(c.account(), outgoing ? c.account().address() : c.room(),
                outgoing ? null : nick, ConversationKind.ROOM_PRIVATE, content.text(), content.contentKind(),
                message.getStanzaId(), content.originId(), sid == null ? null : sid.getId(),
                sid == null ? null : sid.getBy(), content.delayStamp(), receipt,
                outgoing ? Direction.OUTGOING : Direction.INCOMING, peer, source, null, content.replacesId(),
                content.retractsId(), content.replyToId(), new RoomMessageInfo(occupantId, null, null, false)));
    }

    /**
     * The user's own message coming back under the user's current nickname. A real address an occupant puts in
     * the message is not believed: nothing guarantees the room strips it.
     */
    private static boolean isOwn(Message message, String nick, Context c) {
        return nick != null && nick.equals(c.ownNick());
    }

    static boolean sameRoom(Jid from, Address room) {
        return Address.parse(from.asBareJid().toString()).map(room::equals).orElse(false);
    }
}
