package im.natter.service;

import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.MessageChange;
import im.natter.domain.model.RoomMessageInfo;
import java.time.Instant;

/**
 * Turns a message from the wire (live, a carbon, the server's or a room's archive, a room's join history) into what
 * the archive stores, the same way whichever road it came by, so the archive's unique keys recognise it when it
 * comes again.
 */
final class InboundMessages {

    private InboundMessages() {
    }

    /** A message that adds to its conversation ({@link InboundMessage#changesAnother()} is false). */
    static ChatMessage toChatMessage(InboundMessage in, Instant now) {
        return toChatMessage(in, now, false, false);
    }

    /**
     * @param own        the user's own message in a room, recognised by the service (the room reflects it like
     *                   anyone's); stored as OUTGOING from the account, so it meets the copy stored when it was sent
     * @param mentionsMe it names the user's nickname
     */
    static ChatMessage toChatMessage(InboundMessage in, Instant now, boolean own, boolean mentionsMe) {
        Keys keys = Keys.of(in, own);
        boolean outgoing = keys.outgoing();
        RoomMessageInfo room = in.room();
        return new ChatMessage(0, keys.conversation(), outgoing ? Direction.OUTGOING : Direction.INCOMING,
                keys.sender(), in.fromResource(), in.body(), in.contentKind(), keys.originId(), keys.stanzaId(),
                keys.stanzaIdBy(), in.serverTime(), now, outgoing ? DeliveryState.ON_SERVER : DeliveryState.RECEIVED,
                null, null, false, in.replyToId(), room == null ? null : room.occupantId(), null, null,
                mentionsMe && !outgoing, null, in.kind() == ConversationKind.CHAT ? in.senderClock() : null);
    }

    /**
     * A correction or retraction ({@link InboundMessage#changesAnother()} is true). A message that claims to be
     * both is taken as the retraction: taking a message back is the stronger wish.
     */
    static MessageChange toChange(InboundMessage in, Instant now) {
        return toChange(in, now, false);
    }

    static MessageChange toChange(InboundMessage in, Instant now, boolean own) {
        Keys keys = Keys.of(in, own);
        boolean retraction = in.retractsId() != null;
        RoomMessageInfo room = in.room();
        // only the room speaks for a moderator (the xmpp layer checks that), and only in the room
        boolean moderation = retraction && room != null && room.isModeration() && in.kind() == ConversationKind.ROOM;
        return new MessageChange(keys.conversation(),
                retraction ? MessageChange.Kind.RETRACTION : MessageChange.Kind.CORRECTION, keys.sender(),
                retraction ? in.retractsId() : in.replacesId(), in.body(), in.contentKind(), keys.originId(),
                keys.stanzaId(), keys.stanzaIdBy(), in.serverTime(), now, in.fromResource(),
                room == null ? null : room.occupantId(), moderation ? room.moderatedBy() : null,
                moderation ? room.moderationReason() : null);
    }

    /** The conversation a message belongs to, whichever road it came by. */
    static ConversationKey conversation(InboundMessage in) {
        return Keys.conversationOf(in);
    }

    /** The keys the archive knows a message by, the same whichever road it came by. */
    private record Keys(ConversationKey conversation, Address sender, String originId, String stanzaId,
            String stanzaIdBy, boolean outgoing) {

        static Keys of(InboundMessage in, boolean own) {
            ConversationKey conversation = conversationOf(in);
            // senders that set no origin-id are recognised by their stanza id, as Dino and Conversations do
            String originId = in.originId() != null ? in.originId() : in.messageId();
            boolean outgoing = own || in.direction() == Direction.OUTGOING;
            String stanzaId = in.stanzaId();
            String stanzaIdBy = in.stanzaIdBy();
            if (in.archiveId() != null && stanzaId == null) {
                // an archive names each message by the stanza-id it gave it on the way in (XEP-0359/0313): the
                // account's server for its own archive, the room for a room's
                stanzaId = in.archiveId();
                stanzaIdBy = conversation.kind() == ConversationKind.ROOM ? conversation.peer().value()
                        : in.account().address().value();
            }
            // in a room everyone else's messages come from the room; who wrote them is the nickname and occupant-id
            Address sender = outgoing ? in.account().address()
                    : conversation.kind() == ConversationKind.CHAT ? in.from() : in.from().bare();
            return new Keys(conversation, sender, originId, stanzaId, stanzaIdBy, outgoing);
        }

        static ConversationKey conversationOf(InboundMessage in) {
            return switch (in.kind()) {
                case ROOM -> new ConversationKey(in.account(), in.from().bare(), ConversationKind.ROOM);
                case ROOM_PRIVATE -> new ConversationKey(in.account(), privatePeer(in), ConversationKind.ROOM_PRIVATE);
                case CHAT -> new ConversationKey(in.account(), in.peer(), ConversationKind.CHAT);
            };
        }

        /** The occupant a private message through a room is with: room/nick. */
        private static Address privatePeer(InboundMessage in) {
            if (in.peer().isOccupant()) {
                return in.peer();
            }
            if (in.direction() == Direction.INCOMING && in.fromResource() != null) {
                return Address.occupant(in.from().bare(), in.fromResource());
            }
            return in.peer();
        }
    }
}
