package im.natter.xmpp;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Occupant;
import im.natter.domain.model.RoomFeatures;
import im.natter.domain.model.RoomJoined;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jxmpp.jid.EntityBareJid;

/**
 * One room an account is in or entering, as its presences and messages say. Changed only on the connection's
 * stanza thread (presences and messages arrive there in order) and by the requests that start a join, a nickname
 * change or a leave; maps are concurrent so a 1,000-occupant room is a map of 1,000 entries and nothing more.
 */
final class JoinedRoom {

    enum Phase {
        /** Presence sent; other occupants' presences are collected, not reported. */
        JOINING,
        /** The room accepted the user; what arrives before the subject is discussion history. */
        HISTORY,
        LIVE
    }

    final AccountId account;
    final Address room;
    final EntityBareJid jid;
    final String password;
    final CompletableFuture<RoomJoined> joined = new CompletableFuture<>();
    final Map<String, Occupant> occupants = new ConcurrentHashMap<>();
    /** New nickname to old one, between an occupant's 303 unavailable presence and their new presence. */
    final Map<String, String> renamedFrom = new ConcurrentHashMap<>();

    volatile Phase phase = Phase.JOINING;
    volatile String nick;
    volatile RoomFeatures features;
    volatile Occupant self;
    volatile String subject;
    volatile boolean created;
    volatile boolean subjectSeen;
    /** A nickname change the user asked for and its answer. */
    volatile String requestedNick;
    volatile CompletableFuture<Void> nickChange;
    volatile CompletableFuture<Void> leaving;

    JoinedRoom(AccountId account, Address room, EntityBareJid jid, String nick, String password,
            RoomFeatures features) {
        this.account = account;
        this.room = room;
        this.jid = jid;
        this.nick = nick;
        this.password = password;
        this.features = features;
    }

    RoomJoined snapshot() {
        String s = subject;
        return new RoomJoined(account, room, nick, self, List.copyOf(occupants.values()),
                s == null || s.isEmpty() ? null : s, features, created);
    }

    boolean trustsOccupantIds() {
        RoomFeatures f = features;
        return f != null && f.occupantIds();
    }
}
