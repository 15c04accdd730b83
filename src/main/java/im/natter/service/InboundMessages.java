package im.natter.service;

import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.MessageChange;
import java.time.Instant;

/**
 * Turns a message from the wire (live, a carbon or the server's archive) into what the archive stores, the same
 * way whichever road it came by, so the archive's unique keys recognise it when it comes again.
 */
final class InboundMessages {

    private InboundMessages() {
    }

    /** A message that adds to its conversation ({@link InboundMessage#changesAnother()} is false). */
    static ChatMessage toChatMessage(InboundMessage in, Instant now) {
        Keys keys = Keys.of(in);
        return new ChatMessage(0, keys.conversation(), in.direction(), keys.sender(), in.fromResource(), in.body(),
                in.contentKind(), keys.originId(), keys.stanzaId(), keys.stanzaIdBy(), in.serverTime(), now,
                in.direction() == Direction.OUTGOING ? DeliveryState.ON_SERVER : DeliveryState.RECEIVED, null, null,
                false, in.replyToId());
    }

    /**
     * A correction or retraction ({@link InboundMessage#changesAnother()} is true). A message that claims to be
     * both is taken as the retraction: taking a message back is the stronger wish.
     */
    static MessageChange toChange(InboundMessage in, Instant now) {
        Keys keys = Keys.of(in);
        boolean retraction = in.retractsId() != null;
        return new MessageChange(keys.conversation(),
                retraction ? MessageChange.Kind.RETRACTION : MessageChange.Kind.CORRECTION, keys.sender(),
                retraction ? in.retractsId() : in.replacesId(), in.body(), in.contentKind(), keys.originId(),
                keys.stanzaId(), keys.stanzaIdBy(), in.serverTime(), now);
    }

    /** The keys the archive knows a message by, the same whichever road it came by. */
    private record Keys(ConversationKey conversation, Address sender, String originId, String stanzaId,
            String stanzaIdBy) {

        static Keys of(InboundMessage in) {
            ConversationKind kind = in.kind() == ConversationKind.ROOM ? ConversationKind.ROOM
                    : ConversationKind.CHAT;
            ConversationKey conversation = new ConversationKey(in.account(), in.peer(), kind);
            // senders that set no origin-id are recognised by their stanza id, as Dino and Conversations do
            String originId = in.originId() != null ? in.originId() : in.messageId();
            boolean own = in.direction() == Direction.OUTGOING;
            String stanzaId = in.stanzaId();
            String stanzaIdBy = in.stanzaIdBy();
            if (in.archiveId() != null && stanzaId == null) {
                // the user's archive names each message by the stanza-id it gave it on the way in (XEP-0359/0313)
                stanzaId = in.archiveId();
                stanzaIdBy = in.account().address().value();
            }
            return new Keys(conversation, own ? in.account().address() : in.from(), originId, stanzaId, stanzaIdBy);
        }
    }
}
