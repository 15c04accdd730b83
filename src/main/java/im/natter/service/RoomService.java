package im.natter.service;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.DataForm;
import im.natter.domain.model.NotificationLevel;
import im.natter.domain.model.RoomAffiliation;
import im.natter.domain.model.RoomInvitation;
import im.natter.domain.model.RoomJoined;
import im.natter.domain.model.RoomRole;
import im.natter.domain.model.RoomSnapshot;
import im.natter.domain.port.ConnectionPort;
import im.natter.domain.port.ConversationStore;
import im.natter.domain.port.MessageStore;
import im.natter.domain.port.RoomPort;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Group rooms (XEP-0045): joining and leaving, what each joined room looks like now ({@link RoomSnapshot}, published
 * as {@code RoomChanged}), moderation, invitations, private messages through a room, and staying in rooms across
 * reconnects and silent drops (self-ping, XEP-0410). Room messages are archived like chat messages, once each,
 * whichever road they came by (live, reflection, join history, the room's archive).
 *
 * <p>Futures fail with {@link im.natter.domain.model.RoomException} (its message is for the user) or
 * {@link im.natter.domain.port.ArchiveException}.
 */
public final class RoomService {

    /**
     * @param selfPingEvery    how often to ask each joined room whether the user is still in it
     * @param maxJoinHistory   at most this many messages of join history from a room without an archive
     */
    public record Settings(Duration selfPingEvery, int maxJoinHistory) {
        public static Settings standard() {
            return new Settings(Duration.ofMinutes(5), 100);
        }
    }

    public RoomService(RoomPort rooms, BookmarkService bookmarks, MessageStore messages,
            ConversationStore conversations, ConnectionPort connection, HistorySyncService history, EventBus bus,
            Executor worker, ScheduledExecutorService scheduler, Clock clock, Settings settings) {
        throw new UnsupportedOperationException("not yet");
    }

    public Optional<RoomSnapshot> room(AccountId account, Address room) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The account's rooms that are joined, joining or failed, in no particular order. */
    public List<RoomSnapshot> rooms(AccountId account) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Enters the room (creating it when it does not exist: see {@link RoomJoined#created}), creates its ROOM
     * conversation, saves its bookmark with autojoin, and catches up with its history.
     *
     * @param password the room's password, or null
     */
    public CompletableFuture<RoomJoined> join(AccountId account, Address room, String nick, String password) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Unlocks a room the user just created with the server's default configuration. */
    public CompletableFuture<Void> createInstant(ConversationKey room) {
        throw new UnsupportedOperationException("not yet");
    }

    public CompletableFuture<DataForm> configurationForm(ConversationKey room) {
        throw new UnsupportedOperationException("not yet");
    }

    public CompletableFuture<Void> submitConfiguration(ConversationKey room, DataForm answer) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Leaves the room and clears its bookmark's autojoin; its history stays. */
    public CompletableFuture<Void> leave(ConversationKey room) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Destroys the room (owners), pointing its people to {@code alternativeVenue} (or null). */
    public CompletableFuture<Void> destroy(ConversationKey room, String reason, Address alternativeVenue) {
        throw new UnsupportedOperationException("not yet");
    }

    public CompletableFuture<Void> changeNick(ConversationKey room, String newNick) {
        throw new UnsupportedOperationException("not yet");
    }

    public CompletableFuture<Void> changeSubject(ConversationKey room, String subject) {
        throw new UnsupportedOperationException("not yet");
    }

    public CompletableFuture<Void> kick(ConversationKey room, String nick, String reason) {
        throw new UnsupportedOperationException("not yet");
    }

    public CompletableFuture<Void> ban(ConversationKey room, Address user, String reason) {
        throw new UnsupportedOperationException("not yet");
    }

    public CompletableFuture<Void> setRole(ConversationKey room, String nick, RoomRole role, String reason) {
        throw new UnsupportedOperationException("not yet");
    }

    public CompletableFuture<Void> setAffiliation(ConversationKey room, Address user, RoomAffiliation affiliation,
            String reason) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Removes someone's message for everyone (XEP-0425; moderators of rooms that support it). */
    public CompletableFuture<Void> moderate(ChatMessage message, String reason) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Takes back the user's own room message for everyone (XEP-0424), here at once and in the room. */
    public CompletableFuture<Void> retractOwn(ChatMessage message) {
        throw new UnsupportedOperationException("not yet");
    }

    public CompletableFuture<Void> invite(ConversationKey room, Address invitee, String reason) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Joins the room of the invitation with {@code nick}. */
    public CompletableFuture<RoomJoined> accept(RoomInvitation invitation, String nick) {
        throw new UnsupportedOperationException("not yet");
    }

    public CompletableFuture<Void> decline(RoomInvitation invitation, String reason) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The private conversation with occupant {@code nick} of the room (kind ROOM_PRIVATE), created if new. */
    public ConversationKey openPrivate(ConversationKey room, String nick) {
        throw new UnsupportedOperationException("not yet");
    }

    public CompletableFuture<Void> setNotificationLevel(ConversationKey room, NotificationLevel level) {
        throw new UnsupportedOperationException("not yet");
    }

    /** A nickname to offer when {@code taken} is already used in a room. */
    public String suggestNick(String taken) {
        throw new UnsupportedOperationException("not yet");
    }
}
