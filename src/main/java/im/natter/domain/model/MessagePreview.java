package im.natter.domain.model;

import java.time.Instant;

/** The last message of a conversation as the conversation list shows it. */
public record MessagePreview(String text, Direction direction, ContentKind contentKind, Instant time) {
}
