package im.natter.domain.model;

import java.util.Objects;

/**
 * A conversation as the list shows it. {@code lastMessage} is null for a conversation with no messages yet.
 *
 * @param unread        incoming messages since the user was last here
 * @param mentions      of those, how many name the user's nickname (rooms; 0 elsewhere)
 * @param notifications which of its messages ask for attention (rooms; ALL elsewhere)
 */
public record Conversation(ConversationKey key, MessagePreview lastMessage, int unread, int mentions,
        NotificationLevel notifications) {

    public Conversation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(notifications, "notifications");
        if (unread < 0) {
            throw new IllegalArgumentException("unread < 0");
        }
        if (mentions < 0) {
            throw new IllegalArgumentException("mentions < 0");
        }
    }

    /** A conversation whose every message asks for attention, with no mentions counted. */
    public Conversation(ConversationKey key, MessagePreview lastMessage, int unread) {
        this(key, lastMessage, unread, 0, NotificationLevel.ALL);
    }

    /** How many unread messages ask for the user's attention under its notification level. */
    public int attention() {
        return switch (notifications) {
            case ALL -> unread;
            case MENTIONS -> mentions;
            case NONE -> 0;
        };
    }
}
