package im.natter.xmpp.support;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ConnectionProblem;
import im.natter.domain.model.Contact;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.PresenceStatus;
import im.natter.domain.model.SubscriptionRequest;
import im.natter.domain.model.Bookmark;
import im.natter.domain.model.Occupant;
import im.natter.domain.model.RoomExit;
import im.natter.domain.model.RoomInvitation;
import im.natter.domain.port.BookmarkPort;
import im.natter.domain.port.ChatPort;
import im.natter.domain.port.ConnectionPort;
import im.natter.domain.port.PresencePort;
import im.natter.domain.port.RoomPort;
import im.natter.domain.port.RosterPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Collects every callback of the ports as records, so a test can wait for the one it expects. */
public final class Recorder implements ConnectionPort.Listener, ChatPort.Listener, RosterPort.Listener,
        PresencePort.Listener, RoomPort.Listener, BookmarkPort.Listener {

    /** Only a guard against hanging: tests wait for events, never for time. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    public record Connected(AccountId account, boolean resumed) { }
    public record Lost(AccountId account, ConnectionProblem problem) { }
    public record Receipt(AccountId account, Address from, String id) { }
    public record Acked(AccountId account, String id) { }
    public record Failed(AccountId account, String id, String reason) { }
    public record Loaded(AccountId account, List<Contact> contacts) { }
    public record ContactChanged(AccountId account, Contact contact) { }
    public record ContactRemoved(AccountId account, Address address) { }
    public record Answered(AccountId account, Address from, boolean approved) { }
    public record PresenceSeen(AccountId account, Address from, String resource, PresenceStatus status) { }
    public record OccupantChanged(AccountId account, Occupant occupant) { }
    public record OccupantLeft(AccountId account, Occupant occupant, RoomExit.Kind kind, String reason) { }
    public record OccupantRenamed(AccountId account, String oldNick, Occupant occupant) { }
    public record SubjectChanged(AccountId account, Address room, String subject, String by) { }
    public record SelfChanged(AccountId account, Occupant self) { }
    public record Declined(AccountId account, Address room, Address invitee, String reason) { }
    public record BookmarksChanged(AccountId account, List<Bookmark> bookmarks) { }

    private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final List<Object> seen = new ArrayList<>();

    /** Waits for the next event of this type matching {@code test}; skipped events stay available. */
    public synchronized <T> T await(Class<T> type, Predicate<T> test) {
        for (Object e : seen) {
            if (type.isInstance(e) && test.test(type.cast(e))) {
                seen.remove(e);
                return type.cast(e);
            }
        }
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Object e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
                if (e == null) {
                    throw new AssertionError("no " + type.getSimpleName() + " as expected; got meanwhile: " + seen);
                }
                if (type.isInstance(e) && test.test(type.cast(e))) {
                    return type.cast(e);
                }
                seen.add(e);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }

    public <T> T await(Class<T> type) {
        return await(type, e -> true);
    }

    /** Everything that arrived so far and was not taken by {@link #await}. */
    public synchronized List<Object> drain() {
        events.drainTo(seen);
        return List.copyOf(seen);
    }

    @Override public void connected(AccountId account, boolean resumed) { events.add(new Connected(account, resumed)); }
    @Override public void connectionLost(AccountId account, ConnectionProblem problem) { events.add(new Lost(account, problem)); }
    @Override public void messageReceived(InboundMessage message) { events.add(message); }
    @Override public void receiptReceived(AccountId account, Address from, String originId) { events.add(new Receipt(account, from, originId)); }
    @Override public void serverAcknowledged(AccountId account, String originId) { events.add(new Acked(account, originId)); }
    @Override public void sendFailed(AccountId account, String originId, String reason) { events.add(new Failed(account, originId, reason)); }
    @Override public void rosterLoaded(AccountId account, List<Contact> contacts) { events.add(new Loaded(account, contacts)); }
    @Override public void contactChanged(AccountId account, Contact contact) { events.add(new ContactChanged(account, contact)); }
    @Override public void contactRemoved(AccountId account, Address address) { events.add(new ContactRemoved(account, address)); }
    @Override public void subscriptionRequested(SubscriptionRequest request) { events.add(request); }
    @Override public void subscriptionAnswered(AccountId account, Address from, boolean approved) { events.add(new Answered(account, from, approved)); }
    @Override public void presenceReceived(AccountId account, Address from, String resource, PresenceStatus status) {
        events.add(new PresenceSeen(account, from, resource, status));
    }
    @Override public void occupantChanged(AccountId account, Occupant occupant) { events.add(new OccupantChanged(account, occupant)); }
    @Override public void occupantLeft(AccountId account, Occupant occupant, RoomExit.Kind kind, String reason) {
        events.add(new OccupantLeft(account, occupant, kind, reason));
    }
    @Override public void occupantRenamed(AccountId account, String oldNick, Occupant occupant) {
        events.add(new OccupantRenamed(account, oldNick, occupant));
    }
    @Override public void subjectChanged(AccountId account, Address room, String subject, String by) {
        events.add(new SubjectChanged(account, room, subject, by));
    }
    @Override public void selfChanged(AccountId account, Occupant self) { events.add(new SelfChanged(account, self)); }
    @Override public void exited(RoomExit exit) { events.add(exit); }
    @Override public void invitationReceived(RoomInvitation invitation) { events.add(invitation); }
    @Override public void invitationDeclined(AccountId account, Address room, Address invitee, String reason) {
        events.add(new Declined(account, room, invitee, reason));
    }
    @Override public void bookmarksChanged(AccountId account, List<Bookmark> bookmarks) {
        events.add(new BookmarksChanged(account, bookmarks));
    }
}
