package im.natter.domain.model;

import java.util.List;

/**
 * What one write to the archive did to what the user sees.
 *
 * @param added   messages that are new, as stored (with their ids)
 * @param changed messages stored before that were corrected or retracted by this write, as they are now
 */
public record StoredMessages(List<ChatMessage> added, List<ChatMessage> changed) {

    public static final StoredMessages NOTHING = new StoredMessages(List.of(), List.of());

    public StoredMessages {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty();
    }
}
