package im.natter.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One message in a conversation.
 *
 * @param id          the archive's row id, or 0 before the message is stored
 * @param sender      the bare address of who wrote it (the account itself for outgoing messages; for rooms, the room)
 * @param senderNick  the room nickname or the sender's resource, when known; may be null
 * @param originId    XEP-0359 origin-id (set by the sender); we use it as the stanza id of our outgoing messages
 * @param stanzaId    XEP-0359 stanza-id assigned by {@code stanzaIdBy} (our server or the room); may be null
 * @param serverTime  when the server says it was sent (XEP-0203 delay), may be null
 * @param localTime   when this client stored it; messages are ordered by it
 * @param error       the server's reason when the state is FAILED, else null
 * @param editedAt    when the sender last corrected it (XEP-0308; the correction's time), or null; {@code body} is
 *                    then the corrected text
 * @param retracted   the sender took it back (XEP-0424); its text is gone ({@code body} is empty)
 * @param replyToId   XEP-0461: the origin-id or stanza-id of the message this one answers, or null
 * @param occupantId  in a room, the XEP-0421 occupant-id the room stamped on it (ties a person across nickname
 *                    changes), or null
 * @param moderatedBy a moderator removed it for everyone (XEP-0425): the moderator's nickname or address ({@code
 *                    retracted} is then true), else null
 * @param moderationReason the reason the moderator gave, or null
 * @param mentionsMe  in a room, it names the user's nickname (for highlight and the MENTIONS notification level)
 * @param sortTime    where the archive places it in its conversation (ordered by it, then by id); null before it
 *                    is stored. Usually {@link #displayTime()}, moved by at most a little so that messages keep the
 *                    order the server delivered or archived them in when servers stamp whole seconds.
 * @param senderClock the time on the writer's device when it was written, as the sender's client stated it
 *                    (Natter states it on every one-to-one message); trusted only to order one sender's messages
 *                    among themselves, never shown; null when the sender did not say
 */
public record ChatMessage(
        long id,
        ConversationKey conversation,
        Direction direction,
        Address sender,
        String senderNick,
        String body,
        ContentKind contentKind,
        String originId,
        String stanzaId,
        String stanzaIdBy,
        Instant serverTime,
        Instant localTime,
        DeliveryState state,
        String error,
        Instant editedAt,
        boolean retracted,
        String replyToId,
        String occupantId,
        String moderatedBy,
        String moderationReason,
        boolean mentionsMe,
        Instant sortTime,
        Instant senderClock) {

    public ChatMessage {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(contentKind, "contentKind");
        Objects.requireNonNull(localTime, "localTime");
        Objects.requireNonNull(state, "state");
    }

    /** A message whose sender did not state when it was written. */
    public ChatMessage(long id, ConversationKey conversation, Direction direction, Address sender, String senderNick,
            String body, ContentKind contentKind, String originId, String stanzaId, String stanzaIdBy,
            Instant serverTime, Instant localTime, DeliveryState state, String error, Instant editedAt,
            boolean retracted, String replyToId, String occupantId, String moderatedBy, String moderationReason,
            boolean mentionsMe, Instant sortTime) {
        this(id, conversation, direction, sender, senderNick, body, contentKind, originId, stanzaId, stanzaIdBy,
                serverTime, localTime, state, error, editedAt, retracted, replyToId, occupantId, moderatedBy,
                moderationReason, mentionsMe, sortTime, null);
    }

    /** A message not stored yet (its place in the conversation is decided when it is). */
    public ChatMessage(long id, ConversationKey conversation, Direction direction, Address sender, String senderNick,
            String body, ContentKind contentKind, String originId, String stanzaId, String stanzaIdBy,
            Instant serverTime, Instant localTime, DeliveryState state, String error, Instant editedAt,
            boolean retracted, String replyToId, String occupantId, String moderatedBy, String moderationReason,
            boolean mentionsMe) {
        this(id, conversation, direction, sender, senderNick, body, contentKind, originId, stanzaId, stanzaIdBy,
                serverTime, localTime, state, error, editedAt, retracted, replyToId, occupantId, moderatedBy,
                moderationReason, mentionsMe, null, null);
    }

    /** A message that did not come through a room. */
    public ChatMessage(long id, ConversationKey conversation, Direction direction, Address sender, String senderNick,
            String body, ContentKind contentKind, String originId, String stanzaId, String stanzaIdBy,
            Instant serverTime, Instant localTime, DeliveryState state, String error, Instant editedAt,
            boolean retracted, String replyToId) {
        this(id, conversation, direction, sender, senderNick, body, contentKind, originId, stanzaId, stanzaIdBy,
                serverTime, localTime, state, error, editedAt, retracted, replyToId, null, null, null, false, null, null);
    }

    /** A message that was neither corrected nor retracted and answers none. */
    public ChatMessage(long id, ConversationKey conversation, Direction direction, Address sender, String senderNick,
            String body, ContentKind contentKind, String originId, String stanzaId, String stanzaIdBy,
            Instant serverTime, Instant localTime, DeliveryState state, String error) {
        this(id, conversation, direction, sender, senderNick, body, contentKind, originId, stanzaId, stanzaIdBy,
                serverTime, localTime, state, error, null, false, null);
    }

    /** A moderator removed it for everyone; its text is gone. */
    public boolean isModerated() {
        return moderatedBy != null;
    }

    public boolean isEdited() {
        return editedAt != null;
    }

    /** The time to show: the server's time unless it lies in the future, then the time it arrived. */
    public Instant displayTime() {
        if (serverTime == null || serverTime.isAfter(localTime)) {
            return localTime;
        }
        return serverTime;
    }

    public boolean isOutgoing() {
        return direction == Direction.OUTGOING;
    }

    /** Where it sits in its conversation: {@link #sortTime()} once stored, else {@link #displayTime()}. */
    public Instant orderTime() {
        return sortTime != null ? sortTime : displayTime();
    }

    public ChatMessage withSortTime(Instant newSortTime) {
        return new ChatMessage(id, conversation, direction, sender, senderNick, body, contentKind, originId,
                stanzaId, stanzaIdBy, serverTime, localTime, state, error, editedAt, retracted, replyToId,
                occupantId, moderatedBy, moderationReason, mentionsMe, newSortTime, senderClock);
    }

    public ChatMessage withSenderClock(Instant clock) {
        return new ChatMessage(id, conversation, direction, sender, senderNick, body, contentKind, originId,
                stanzaId, stanzaIdBy, serverTime, localTime, state, error, editedAt, retracted, replyToId,
                occupantId, moderatedBy, moderationReason, mentionsMe, sortTime, clock);
    }

    public ChatMessage withId(long newId) {
        return new ChatMessage(newId, conversation, direction, sender, senderNick, body, contentKind, originId,
                stanzaId, stanzaIdBy, serverTime, localTime, state, error, editedAt, retracted, replyToId,
                occupantId, moderatedBy, moderationReason, mentionsMe, sortTime, senderClock);
    }

    public ChatMessage withReplyTo(String newReplyToId) {
        return new ChatMessage(id, conversation, direction, sender, senderNick, body, contentKind, originId,
                stanzaId, stanzaIdBy, serverTime, localTime, state, error, editedAt, retracted,
                newReplyToId, occupantId, moderatedBy, moderationReason, mentionsMe, sortTime, senderClock);
    }

    public ChatMessage withState(DeliveryState newState, String newError) {
        return new ChatMessage(id, conversation, direction, sender, senderNick, body, contentKind, originId,
                stanzaId, stanzaIdBy, serverTime, localTime, newState, newError, editedAt, retracted, replyToId,
                occupantId, moderatedBy, moderationReason, mentionsMe, sortTime, senderClock);
    }
}
