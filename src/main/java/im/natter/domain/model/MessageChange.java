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
        Instant localTime) {

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
    }

    /** Its time: the server's unless that lies in the future, like {@link ChatMessage#displayTime()}. */
    public Instant displayTime() {
        return serverTime == null || serverTime.isAfter(localTime) ? localTime : serverTime;
    }
}
