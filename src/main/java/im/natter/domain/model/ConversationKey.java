package im.natter.domain.model;

import java.util.Objects;

/** The natural key of a conversation: whose account, with whom, and of which kind. */
public record ConversationKey(AccountId account, Address peer, ConversationKind kind) {

    public ConversationKey {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(kind, "kind");
    }

    public static ConversationKey chat(AccountId account, Address peer) {
        return new ConversationKey(account, peer, ConversationKind.CHAT);
    }
}
