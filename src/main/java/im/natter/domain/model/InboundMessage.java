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
        boolean receiptRequested) {

    public InboundMessage {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(contentKind, "contentKind");
    }
}
