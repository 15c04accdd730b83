package im.natter.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A message that changes another one instead of adding to the conversation: a correction (XEP-0308) or a
 * retraction (XEP-0424). It is stored once by its own keys, like a message, and linked to the message it names.
 *
 * @param conversation the conversation both messages belong to
 * @param kind         what it does
 * @param sender       who sent it, as {@link ChatMessage#sender()} would say (the account for the user's own)
 * @param targetId     the id it names: the corrected message's stanza id / origin-id, or the retracted one's
 *                     origin-id or stanza-id
 * @param body         the corrected text (a correction), or empty (a retraction: its fallback body is dropped)
 * @param originId     its own origin-id (or stanza id), its key against repeats; may be null
 * @param stanzaId     the stanza-id our server (or its archive) gave it; may be null
 * @param serverTime   XEP-0203 delay or the archive's stamp, or null
 * @param localTime    when this client received it
 * @param senderNick   in a room, the nickname it came from (only that occupant's messages may be changed), or null
 * @param occupantId   in a room, its XEP-0421 occupant-id, which outranks the nickname when both sides have one
 * @param moderatedBy  a moderator's retraction (XEP-0425): who; it may name anyone's message by the room's
 *                     stanza-id. Null otherwise
 * @param moderationReason the moderator's reason, or null
 */
public record MessageChange(
        ConversationKey conversation,
        Kind kind,
        Address sender,
        String targetId,
        String body,
        ContentKind contentKind,
        String originId,
        String stanzaId,
        String stanzaIdBy,
        Instant serverTime,
        Instant localTime,
        String senderNick,
        String occupantId,
        String moderatedBy,
        String moderationReason) {

    public enum Kind {
        CORRECTION,
        RETRACTION
    }

    public MessageChange {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(contentKind, "contentKind");
        Objects.requireNonNull(localTime, "localTime");
        body = kind == Kind.RETRACTION || body == null ? "" : body;
        if (moderatedBy != null && kind != Kind.RETRACTION) {
            throw new IllegalArgumentException("only a retraction is moderated");
        }
    }

    /** A change outside rooms. */
    public MessageChange(ConversationKey conversation, Kind kind, Address sender, String targetId, String body,
            ContentKind contentKind, String originId, String stanzaId, String stanzaIdBy, Instant serverTime,
            Instant localTime) {
        this(conversation, kind, sender, targetId, body, contentKind, originId, stanzaId, stanzaIdBy, serverTime,
                localTime, null, null, null, null);
    }

    public boolean isModeration() {
        return moderatedBy != null;
    }

    /** Its time: the server's unless that lies in the future, like {@link ChatMessage#displayTime()}. */
    public Instant displayTime() {
        return serverTime == null || serverTime.isAfter(localTime) ? localTime : serverTime;
    }
}
