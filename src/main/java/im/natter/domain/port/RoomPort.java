package im.natter.domain.port;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.DataForm;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.Occupant;
import im.natter.domain.model.OutboundMessage;
import im.natter.domain.model.RoomAffiliation;
import im.natter.domain.model.RoomExit;
import im.natter.domain.model.RoomFeatures;
import im.natter.domain.model.RoomInvitation;
import im.natter.domain.model.RoomJoinRequest;
import im.natter.domain.model.RoomJoined;
import im.natter.domain.model.RoomRole;
import im.natter.domain.model.SelfPingResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Multi-user chat (XEP-0045) on the wire, with what modern rooms add: occupant-id (XEP-0421), moderation
 * (XEP-0425), self-ping (XEP-0410), direct invitations (XEP-0249). Implemented by the xmpp layer.
 *
 * <p>Every future fails with a {@link im.natter.domain.model.RoomException} saying in words what went wrong
 * (wrong password, banned, nickname taken, not connected, no answer, ...). Listener callbacks arrive on the xmpp
 * library's threads, already translated and checked (only the room itself may speak for the room); listeners
 * must hand work off quickly.
 */
public interface RoomPort {

    /** What the room says about itself (disco#info), without joining. */
    CompletableFuture<RoomFeatures> features(AccountId account, Address room);

    /**
     * Enters the room, creating it when it does not exist. A room created this way stays locked until
     * {@link #createInstant} or {@link #submitConfiguration} (the caller decides, see {@link RoomJoined#created}).
     */
    CompletableFuture<RoomJoined> join(RoomJoinRequest request);

    /** Unlocks a just-created room with the server's default configuration (XEP-0045 §10.1.2). */
    CompletableFuture<Void> createInstant(AccountId account, Address room);

    /** The room's configuration form (owners only). */
    CompletableFuture<DataForm> configurationForm(AccountId account, Address room);

    /** Sends the filled-in configuration form back; also unlocks a just-created, reserved room. */
    CompletableFuture<Void> submitConfiguration(AccountId account, Address room, DataForm answer);

    /** Sends a groupchat message; the room's reflection of it arrives through the listener like any message. */
    void send(OutboundMessage message) throws ChatPort.NotConnectedException;

    /** Sends a private message to the occupant {@code nick} of {@code message.to()} (a room). */
    void sendPrivate(OutboundMessage message, String nick) throws ChatPort.NotConnectedException;

    /**
     * Tells the occupant {@code nick} of {@code room} that their private message {@code messageId} arrived (a
     * XEP-0184 receipt, through the room). Quietly nothing when not connected: the sender's client keeps the message
     * undelivered.
     */
    void sendPrivateReceipt(AccountId account, Address room, String nick, String messageId);

    /**
     * Takes back the user's own groupchat message for everyone (XEP-0424 in a room): a groupchat message with
     * {@code <retract id=targetId/>}, a fallback body and its own {@code originId}. {@code targetId} is the
     * room's stanza-id of the message (what XEP-0424 asks for in rooms), or its origin-id when the room gave none.
     */
    void retract(AccountId account, Address room, String targetId, String originId)
            throws ChatPort.NotConnectedException;

    CompletableFuture<Void> changeNick(AccountId account, Address room, String newNick);

    CompletableFuture<Void> changeSubject(AccountId account, Address room, String subject);

    /** Leaves the room; completes when the room confirmed or after a short wait. */
    CompletableFuture<Void> leave(AccountId account, Address room);

    /** Destroys the room (owners), pointing its people to {@code alternativeVenue} when given. */
    CompletableFuture<Void> destroy(AccountId account, Address room, String reason, Address alternativeVenue);

    /** Sets an occupant's role: NONE kicks, VISITOR revokes voice, PARTICIPANT grants it, MODERATOR promotes. */
    CompletableFuture<Void> setRole(AccountId account, Address room, String nick, RoomRole role, String reason);

    /** Sets a user's affiliation: OUTCAST bans, MEMBER/ADMIN/OWNER grant, NONE takes it away. */
    CompletableFuture<Void> setAffiliation(AccountId account, Address room, Address user, RoomAffiliation affiliation,
            String reason);

    /** Asks the room to retract someone's message for everyone (XEP-0425); {@code stanzaId} is the room's id. */
    CompletableFuture<Void> moderate(AccountId account, Address room, String stanzaId, String reason);

    /** Invites {@code invitee}: directly (XEP-0249) when {@code direct}, else through the room (mediated). */
    void invite(AccountId account, Address room, Address invitee, String reason, boolean direct)
            throws ChatPort.NotConnectedException;

    /** Declines a mediated invitation (a direct one needs no answer). */
    void decline(RoomInvitation invitation, String reason) throws ChatPort.NotConnectedException;

    /** XEP-0410: asks whether the user is still in the room. */
    CompletableFuture<SelfPingResult> selfPing(AccountId account, Address room);

    /** The rooms the account is in right now. */
    List<Address> joinedRooms(AccountId account);

    void addListener(Listener listener);

    interface Listener {

        /** A groupchat message, or a private message from an occupant ({@code kind} ROOM_PRIVATE). */
        void messageReceived(InboundMessage message);

        /** Someone entered the room or changed presence, role or affiliation. Joins during the user's own join
         *  arrive only in {@link RoomJoined#occupants}. */
        void occupantChanged(AccountId account, Occupant occupant);

        /** {@code occupant} left; {@code kind} says how (LEFT, KICKED, BANNED, ...) and {@code reason} why. */
        void occupantLeft(AccountId account, Occupant occupant, RoomExit.Kind kind, String reason);

        /** {@code oldNick} is now {@code occupant.nick()}. */
        void occupantRenamed(AccountId account, String oldNick, Occupant occupant);

        /** The room's subject changed ({@code by} is a nickname, or null). */
        void subjectChanged(AccountId account, Address room, String subject, String by);

        /** The user's own role or affiliation changed while in the room. */
        void selfChanged(AccountId account, Occupant self);

        /** The user is out of the room (left, kicked, banned, destroyed, dropped). */
        void exited(RoomExit exit);

        void invitationReceived(RoomInvitation invitation);

        /** Someone declined the user's mediated invitation. */
        void invitationDeclined(AccountId account, Address room, Address invitee, String reason);

        /** The server acknowledged (XEP-0198) a message sent with {@link #send} or {@link #sendPrivate}. */
        default void serverAcknowledged(AccountId account, String originId) {
        }

        /**
         * The room or server bounced a message sent with {@link #send} or {@link #sendPrivate} (e.g. a visitor may
         * not speak, not in the room); {@code reason} is for the user.
         */
        default void sendFailed(AccountId account, String originId, String reason) {
        }
    }
}
