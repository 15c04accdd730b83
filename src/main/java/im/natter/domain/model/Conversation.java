package im.natter.domain.model;

import java.util.Objects;

/** A conversation as the list shows it. {@code lastMessage} is null for a conversation with no messages yet. */
public record Conversation(ConversationKey key, MessagePreview lastMessage, int unread) {

    public Conversation {
        Objects.requireNonNull(key, "key");
        if (unread < 0) {
            throw new IllegalArgumentException("unread < 0");
        }
    }
}
