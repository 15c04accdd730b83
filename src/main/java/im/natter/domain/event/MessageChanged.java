package im.natter.domain.event;

import im.natter.domain.model.ChatMessage;

/** A stored message changed (delivery state, for now). Carries the message as it is now. */
public record MessageChanged(ChatMessage message) implements NatterEvent {

    @Override
    public Object coalesceKey() {
        return java.util.List.of("message", message.id());
    }
}
