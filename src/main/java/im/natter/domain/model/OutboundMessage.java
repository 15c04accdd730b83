package im.natter.domain.model;

import java.util.Objects;

/** What the xmpp layer needs to put a message on the wire. {@code originId} doubles as the stanza id. */
public record OutboundMessage(AccountId account, Address to, ConversationKind kind, String body, String originId) {

    public OutboundMessage {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(originId, "originId");
    }
}
