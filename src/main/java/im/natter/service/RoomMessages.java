package im.natter.service;

import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.Direction;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.port.ArchiveException;
import im.natter.domain.port.MessageStore;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What a room message means to the user: whether it is their own (a room reflects the user's messages and keeps
 * them in its archive like anyone's) and whether it mentions them. Shared by the live road ({@link RoomService})
 * and the archive road ({@link HistorySyncService}), so both store a message the same way.
 */
final class RoomMessages {

    /**
     * Who the user is in a room right now.
     *
     * @param occupantId the user's XEP-0421 occupant-id in the room, or null when the room gives none
     */
    record Self(String nick, String occupantId) {
    }

    private RoomMessages() {
    }

    /**
     * The user's own message: sent from this device (its origin-id is one of ours in this room), or from the user's
     * occupant-id, or, in rooms without occupant-ids, from the user's nickname.
     */
    static boolean isOwn(InboundMessage in, Self self, MessageStore messages) throws ArchiveException {
        if (in.direction() == Direction.OUTGOING) {
            return true;
        }
        if (in.kind() != ConversationKind.ROOM) {
            return false;
        }
        String originId = in.originId() != null ? in.originId() : in.messageId();
        if (originId != null && messages != null) {
            Optional<ChatMessage> sent = messages.findByOriginId(in.account(), originId);
            if (sent.isPresent() && sent.get().isOutgoing()
                    && sent.get().conversation().equals(InboundMessages.conversation(in))) {
                return true;
            }
        }
        if (self == null || in.fromResource() == null) {
            return false;
        }
        String occupantId = in.room() == null ? null : in.room().occupantId();
        if (self.occupantId() != null && occupantId != null) {
            return self.occupantId().equals(occupantId);
        }
        return self.nick().equals(in.fromResource());
    }

    /** Whether {@code body} names {@code nick} as a word of its own (any case), as people address each other. */
    static boolean mentions(String body, String nick) {
        if (nick == null || nick.isBlank() || body == null) {
            return false;
        }
        String text = body.toLowerCase(Locale.ROOT);
        String name = nick.toLowerCase(Locale.ROOT);
        for (int at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
            int end = at + name.length();
            if ((at == 0 || !isNamePart(text.codePointBefore(at)))
                    && (end == text.length() || !isNamePart(text.codePointAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNamePart(int c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    /** The stored form of a room message (or private message through a room) read off the wire. */
    static ChatMessage toChatMessage(InboundMessage in, Instant now, Self self, MessageStore messages)
            throws ArchiveException {
        boolean own = isOwn(in, self, messages);
        boolean mentioned = !own && in.kind() == ConversationKind.ROOM && self != null
                && mentions(in.body(), self.nick());
        return InboundMessages.toChatMessage(in, now, own, mentioned);
    }
}
