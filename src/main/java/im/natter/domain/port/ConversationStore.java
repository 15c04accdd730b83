package im.natter.domain.port;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Conversation;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.NotificationLevel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Conversations with their last message and unread count. Implemented by the archive layer. */
public interface ConversationStore {

    /** The account's conversations, most recent activity first. */
    List<Conversation> conversations(AccountId account) throws ArchiveException;

    Optional<Conversation> conversation(ConversationKey key) throws ArchiveException;

    /** Those of {@code keys} that exist, in the order given, read together (a page of history touches many). */
    default List<Conversation> conversations(Collection<ConversationKey> keys) throws ArchiveException {
        List<Conversation> found = new ArrayList<>();
        for (ConversationKey key : keys) {
            conversation(key).ifPresent(found::add);
        }
        return found;
    }

    /** Makes sure the conversation exists (e.g. the user opened a chat with no messages yet). */
    Conversation open(ConversationKey key) throws ArchiveException;

    /** Sets which of the conversation's messages ask for attention (rooms); returns it as it is now. */
    Conversation setNotificationLevel(ConversationKey key, NotificationLevel level) throws ArchiveException;

    /** Marks every message of the conversation read; returns the conversation as it is now. */
    Conversation markRead(ConversationKey key) throws ArchiveException;
}
