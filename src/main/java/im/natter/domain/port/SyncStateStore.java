package im.natter.domain.port;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.MessageChange;
import im.natter.domain.model.PagePosition;
import im.natter.domain.model.StoredMessages;
import im.natter.domain.model.SyncState;
import java.util.List;
import java.util.Optional;

/** How far each server archive has been read, kept with the messages. Implemented by the archive layer. */
public interface SyncStateStore {

    /** The state of the account's own archive ({@code with} null) or of a room's. */
    Optional<SyncState> syncState(AccountId account, Address with) throws ArchiveException;

    /**
     * Stores one archive page and moves the cursor in ONE transaction, so a crash never leaves a cursor ahead of
     * the messages or messages without their cursor. Repeats (by stanza-id or origin-id) are skipped.
     *
     * @return the messages that were new, in the order given
     */
    List<ChatMessage> storePage(List<ChatMessage> messages, SyncState cursor) throws ArchiveException;

    /**
     * {@link #storePage(List, SyncState)} for a page that also holds corrections and retractions: the messages
     * and the changes are stored (each as {@link MessageStore#applyChange} would) with the cursor in ONE
     * transaction. The result does not depend on the order within the page: a change that names a message of
     * the same page is applied to it.
     *
     * @return the messages that were new (in the order given, then corrections stored as messages of their own)
     *     and the earlier messages the page changed
     */
    StoredMessages storePage(List<ChatMessage> messages, List<MessageChange> changes, SyncState cursor)
            throws ArchiveException;

    /**
     * {@link #storePage(List, List, SyncState)} for a page whose place among the stored messages is known:
     * its new messages that tie on their stamp with stored ones the archive puts after the page are placed before
     * those.
     *
     * @param position {@link PagePosition#AFTER_CURSOR} needs a cursor of a room's archive
     */
    StoredMessages storePage(List<ChatMessage> messages, List<MessageChange> changes, SyncState cursor,
            PagePosition position) throws ArchiveException;
}
