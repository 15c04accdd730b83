package im.natter.domain.port;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
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
}
