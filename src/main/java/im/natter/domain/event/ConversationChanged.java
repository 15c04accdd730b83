package im.natter.domain.event;

import im.natter.domain.model.Conversation;

/** A conversation's preview, time or unread count changed, or it is new. */
public record ConversationChanged(Conversation conversation) implements NatterEvent {

    @Override
    public Object coalesceKey() {
        return java.util.List.of("conversation", conversation.key());
    }
}
