package im.natter.domain.event;

import im.natter.domain.model.ChatMessage;

/** A message entered the archive (sent by the user or received). */
public record MessageAdded(ChatMessage message) implements NatterEvent {
}
