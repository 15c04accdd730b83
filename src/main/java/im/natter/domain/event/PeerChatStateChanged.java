package im.natter.domain.event;

import im.natter.domain.model.ChatState;
import im.natter.domain.model.ConversationKey;

/** The contact of a conversation is now in {@code state} (XEP-0085); COMPOSING shows as "typing…". */
public record PeerChatStateChanged(ConversationKey conversation, ChatState state) implements NatterEvent {

    @Override
    public Object coalesceKey() {
        return java.util.List.of("chat-state", conversation);
    }
}
