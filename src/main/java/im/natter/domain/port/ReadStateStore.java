package im.natter.domain.port;

import im.natter.domain.model.Conversation;
import im.natter.domain.model.ConversationKey;
import java.util.Optional;

/**
 * Moves a conversation's read point to a message named by another device. Implemented by the archive layer.
 * The read point only moves forward; the unread count becomes the incoming messages after it.
 */
public interface ReadStateStore {

    /**
     * Read up to the message with this stanza-id given by {@code stanzaIdBy}, or, when {@code stanzaId} is null,
     * up to the message with this origin-id (or stanza id attribute).
     *
     * @return the conversation as it is now when its read point or unread count changed; empty when the message
     *     is not (yet) in the archive or nothing changed
     */
    Optional<Conversation> markReadUpTo(ConversationKey key, String stanzaId, String stanzaIdBy, String originId)
            throws ArchiveException;
}
