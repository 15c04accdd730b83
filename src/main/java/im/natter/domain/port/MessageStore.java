package im.natter.domain.port;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.MessageChange;
import im.natter.domain.model.StoredMessages;
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
     * <p>A correction or retraction by the same sender stored before this message (it arrived first) is applied at
     * once: the message is returned already corrected or retracted.
     *
     * @return the stored message with its id, or empty when it is a repeat of one already stored (same
     *     stanza-id from the same assigner, or same origin-id from the same sender in the same conversation)
     */
    Optional<ChatMessage> insert(ChatMessage message) throws ArchiveException;

    /**
     * Stores a message that arrived, as {@link #insert} does, and says what else that changed: a message put
     * between two of its sender's stored in the same millisecond moves the later ones up one to make room, so what
     * shows them must place them anew.
     *
     * @return the message in {@code added} when it was new; the stored messages it moved in {@code changed}
     */
    StoredMessages store(ChatMessage message) throws ArchiveException;

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

    /**
     * The user's own one-to-one messages written since {@code since} that the server accepted but the recipient's
     * client has not confirmed (ON_SERVER, not DELIVERED), in conversations whose peer does confirm messages (one
     * of them is DELIVERED), oldest first.
     */
    List<ChatMessage> unconfirmedSince(AccountId account, java.time.Instant since) throws ArchiveException;

    /**
     * Stores a correction or retraction once and applies it to the message it names: the message of the same
     * conversation, from the same sender, whose origin-id (or, for a retraction, stanza-id) is
     * {@code change.targetId()}; a target that is itself a correction stands for the message it corrects.
     *
     * <ul>
     *   <li>A repeat (same stanza-id from the same assigner, or same origin-id from the same sender, as a change
     *       already stored) changes nothing.</li>
     *   <li>A correction replaces the shown text with that of the newest correction (by time), whatever order they
     *       came in, and sets {@link ChatMessage#editedAt()}; the message keeps its place and time.</li>
     *   <li>A retraction empties the text (the message's and its corrections') for good; later corrections do not
     *       bring it back.</li>
     *   <li>A target not stored yet: the change is kept and applied when the target is inserted.</li>
     *   <li>A target written by someone else: a correction is stored as a message of its own (in {@code added});
     *       a retraction is dropped.</li>
     * </ul>
     *
     * @return the target in {@code changed} when it changed now, or a correction stored as its own message in
     *     {@code added}; {@link StoredMessages#NOTHING} otherwise
     */
    StoredMessages applyChange(MessageChange change) throws ArchiveException;

    /**
     * The message of the conversation that {@code id} names (its origin-id, else its stanza-id), as replies
     * (XEP-0461) name it; a correction's id stands for the message it corrects.
     */
    Optional<ChatMessage> findReferenced(ConversationKey conversation, String id) throws ArchiveException;
}
