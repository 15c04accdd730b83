package im.natter.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A message as it came off the wire, already translated out of the XMPP library's types.
 *
 * @param from             bare address of the sender (for a room, the room)
 * @param fromResource     the sender's resource or room nickname; may be null
 * @param messageId        the stanza's id attribute (what receipts refer to); may be null
 * @param originId         XEP-0359 origin-id; may be null
 * @param stanzaId         XEP-0359 stanza-id added by {@code stanzaIdBy}; only ones added by our own server
 *                         (or the room) are kept, the sender cannot forge them
 * @param serverTime       XEP-0203 delay stamp, or null
 * @param receiptRequested the sender asked for a XEP-0184 receipt
 * @param direction        OUTGOING for the user's own messages seen again (sent carbons, the server's archive)
 * @param peer             who the conversation is with: the sender for incoming, the recipient for outgoing
 * @param source           how it arrived
 * @param archiveId        the server archive's id for it (XEP-0313 result id), or null when not from the archive
 * @param replacesId       XEP-0308: the id of the message this one corrects, or null
 * @param retractsId       XEP-0424: the origin-id/stanza-id of the message this one retracts, or null
 * @param replyToId        XEP-0461: the id of the message this one answers, or null (the fallback quote is
 *                         already stripped from {@code body})
 * @param room             for groupchat messages ({@code kind} ROOM) and private messages through a room, what the
 *                         room added (occupant-id, moderation, join history); null otherwise
 * @param senderClock      the time on the sender's device when it was written, as its client stated it (see
 *                         {@link ChatMessage#senderClock()}); null when it did not say
 */
public record InboundMessage(
        AccountId account,
        Address from,
        String fromResource,
        ConversationKind kind,
        String body,
        ContentKind contentKind,
        String messageId,
        String originId,
        String stanzaId,
        String stanzaIdBy,
        Instant serverTime,
        boolean receiptRequested,
        Direction direction,
        Address peer,
        MessageSource source,
        String archiveId,
        String replacesId,
        String retractsId,
        String replyToId,
        RoomMessageInfo room,
        Instant senderClock) {

    public InboundMessage {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(contentKind, "contentKind");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(source, "source");
    }

    /** A message whose sender did not state when it was written. */
    public InboundMessage(AccountId account, Address from, String fromResource, ConversationKind kind, String body,
            ContentKind contentKind, String messageId, String originId, String stanzaId, String stanzaIdBy,
            Instant serverTime, boolean receiptRequested, Direction direction, Address peer, MessageSource source,
            String archiveId, String replacesId, String retractsId, String replyToId, RoomMessageInfo room) {
        this(account, from, fromResource, kind, body, contentKind, messageId, originId, stanzaId, stanzaIdBy,
                serverTime, receiptRequested, direction, peer, source, archiveId, replacesId, retractsId, replyToId,
                room, null);
    }

    /** A message that did not come through a room. */
    public InboundMessage(AccountId account, Address from, String fromResource, ConversationKind kind, String body,
            ContentKind contentKind, String messageId, String originId, String stanzaId, String stanzaIdBy,
            Instant serverTime, boolean receiptRequested, Direction direction, Address peer, MessageSource source,
            String archiveId, String replacesId, String retractsId, String replyToId) {
        this(account, from, fromResource, kind, body, contentKind, messageId, originId, stanzaId, stanzaIdBy,
                serverTime, receiptRequested, direction, peer, source, archiveId, replacesId, retractsId, replyToId,
                null, null);
    }

    /** A message someone sent the user, delivered live. */
    public InboundMessage(AccountId account, Address from, String fromResource, ConversationKind kind, String body,
            ContentKind contentKind, String messageId, String originId, String stanzaId, String stanzaIdBy,
            Instant serverTime, boolean receiptRequested) {
        this(account, from, fromResource, kind, body, contentKind, messageId, originId, stanzaId, stanzaIdBy,
                serverTime, receiptRequested, Direction.INCOMING, from, MessageSource.LIVE, null, null, null, null, null,
                null);
    }

    /** Whether it only changes another message (a correction or a retraction) rather than adding one. */
    public boolean changesAnother() {
        return replacesId != null || retractsId != null;
    }
}
