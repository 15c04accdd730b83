package im.natter.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What the xmpp layer needs to put a message on the wire. {@code originId} doubles as the stanza id.
 *
 * @param writtenAt for a message that goes out well after the user wrote it (the outbox after a reconnect, a
 *                  resend), when that was, so the recipient shows and orders it by that time (XEP-0203 delay);
 *                  null for a message sent as it is written
 * @param senderClock when the user wrote it, by this device's clock, stated on every one-to-one message so that the
 *                  recipient's Natter can keep this sender's order where the server delivers out of order (see
 *                  {@link ChatMessage#senderClock()}); null to state nothing (rooms order everyone's messages)
 */
public record OutboundMessage(AccountId account, Address to, ConversationKind kind, String body, String originId,
        Instant writtenAt, Instant senderClock) {

    public OutboundMessage {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(originId, "originId");
    }

    /** A message that does not state when it was written. */
    public OutboundMessage(AccountId account, Address to, ConversationKind kind, String body, String originId,
            Instant writtenAt) {
        this(account, to, kind, body, originId, writtenAt, null);
    }

    /** A message sent as it is written, stating nothing about when. */
    public OutboundMessage(AccountId account, Address to, ConversationKind kind, String body, String originId) {
        this(account, to, kind, body, originId, null, null);
    }
}
