package im.natter.domain.port;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.DeliveryState;
import java.util.List;
import java.util.Optional;

/**
 * The message archive. Implemented by the archive layer on SQLite. All methods block until the data is durable
 * (writes) or read; never call them on the UI thread. Writes go through one writer thread.
 */
public interface MessageStore {

    /**
     * Stores a new message (its id must be 0) and creates its conversation if needed.
     *
     * <p>A repeat of the user's own message that now carries the server's stanza-id (seen again as a carbon or in
     * the server's archive) fills that stanza-id in on the stored message, so later archive pages match it too.
     *
     * @return the stored message with its id, or empty when it is a repeat of one already stored (same
     *     stanza-id from the same assigner, or same origin-id from the same sender in the same conversation)
     */
    Optional<ChatMessage> insert(ChatMessage message) throws ArchiveException;

    /**
     * Moves the delivery state of the user's own message {@code originId} forward (see
     * {@link DeliveryState#canMoveTo}).
     *
     * @return the updated message, or empty if there is no such message or the state would not move forward
     */
    Optional<ChatMessage> updateState(AccountId account, String originId, DeliveryState state, String error)
            throws ArchiveException;

    /**
     * Up to {@code limit} messages of the conversation older than message {@code beforeId} (0: the newest),
     * oldest first.
     */
    List<ChatMessage> page(ConversationKey conversation, long beforeId, int limit) throws ArchiveException;

    /** The account's outgoing messages still QUEUED, oldest first (the outbox). */
    List<ChatMessage> queued(AccountId account) throws ArchiveException;

    Optional<ChatMessage> findByOriginId(AccountId account, String originId) throws ArchiveException;
}
