package im.natter.service;

import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import im.natter.domain.model.InboundMessage;
import java.time.Instant;

/**
 * Turns a message from the wire (live, a carbon or the server's archive) into what the archive stores, the same
 * way whichever road it came by, so the archive's unique keys recognise it when it comes again.
 */
final class InboundMessages {

    private InboundMessages() {
    }

    static ChatMessage toChatMessage(InboundMessage in, Instant now) {
        ConversationKind kind = in.kind() == ConversationKind.ROOM ? ConversationKind.ROOM : ConversationKind.CHAT;
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
        return new ChatMessage(0, conversation, in.direction(), own ? in.account().address() : in.from(),
                in.fromResource(), in.body(), in.contentKind(), originId, stanzaId, stanzaIdBy,
                in.serverTime(), now, own ? DeliveryState.ON_SERVER : DeliveryState.RECEIVED, null);
    }
}
