package im.natter.xmpp.room;

import im.natter.domain.model.Address;
import im.natter.domain.model.Availability;
import im.natter.domain.model.Occupant;
import im.natter.domain.model.RoomAffiliation;
import im.natter.domain.model.RoomExit;
import im.natter.domain.model.RoomRole;
import im.natter.xmpp.chat.PresenceModes;
import java.util.Set;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.XmlElement;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.muc.packet.MUCItem;
import org.jivesoftware.smackx.muc.packet.MUCUser;

/** Occupant presences (XEP-0045 §7.2) and their status codes, read into domain records. */
public final class Occupants {

    public static final MUCUser.Status SELF_110 = MUCUser.Status.PRESENCE_TO_SELF_110;
    public static final MUCUser.Status CREATED_201 = MUCUser.Status.ROOM_CREATED_201;
    public static final MUCUser.Status NICK_CHANGED_303 = MUCUser.Status.NEW_NICKNAME_303;
    static final MUCUser.Status BANNED_301 = MUCUser.Status.BANNED_301;
    static final MUCUser.Status KICKED_307 = MUCUser.Status.KICKED_307;
    static final MUCUser.Status AFFILIATION_321 = MUCUser.Status.REMOVED_AFFIL_CHANGE_321;
    static final MUCUser.Status MEMBERS_ONLY_322 = MUCUser.Status.create(322);
    static final MUCUser.Status SHUTDOWN_332 = MUCUser.Status.create(332);
    static final MUCUser.Status TECHNICAL_333 = MUCUser.Status.REMOVED_FOR_TECHNICAL_REASONS_333;

    private Occupants() {
    }

    /** The occupant an available presence from {@code room/nick} describes. */
    public static Occupant occupant(Presence presence, Address room, String nick, boolean trustOccupantId) {
        MUCUser x = MUCUser.from(presence);
        MUCItem item = x == null ? null : x.getItem();
        Address real = item == null || item.getJid() == null ? null
                : Address.parse(item.getJid().asBareJid().toString()).orElse(null);
        RoomRole role = item == null ? RoomRole.PARTICIPANT : role(item.getRole());
        RoomAffiliation affiliation = item == null ? RoomAffiliation.NONE : affiliation(item.getAffiliation());
        String occupantId = trustOccupantId ? occupantId(presence) : null;
        Availability availability = presence.getType() == Presence.Type.available
                ? PresenceModes.availability(presence.getMode())
                : Availability.AVAILABLE;
        return new Occupant(room, nick, real, occupantId, role, affiliation, availability, presence.getStatus());
    }

    public static boolean has(Presence presence, MUCUser.Status status) {
        MUCUser x = MUCUser.from(presence);
        return x != null && x.getStatus().contains(status);
    }

    /** The new nickname a 303 unavailable presence announces, or null. */
    public static String newNick(Presence presence) {
        MUCUser x = MUCUser.from(presence);
        if (x == null || !x.getStatus().contains(NICK_CHANGED_303) || x.getItem() == null
                || x.getItem().getNick() == null) {
            return null;
        }
        return x.getItem().getNick().toString();
    }

    /** How an unavailable presence says the occupant went. */
    public static RoomExit.Kind exitKind(Presence presence) {
        MUCUser x = MUCUser.from(presence);
        if (x == null) {
            return RoomExit.Kind.LEFT;
        }
        if (x.getDestroy() != null) {
            return RoomExit.Kind.DESTROYED;
        }
        Set<MUCUser.Status> codes = x.getStatus();
        if (codes.contains(BANNED_301)) {
            return RoomExit.Kind.BANNED;
        }
        if (codes.contains(KICKED_307)) {
            return RoomExit.Kind.KICKED;
        }
        if (codes.contains(AFFILIATION_321) || codes.contains(MEMBERS_ONLY_322)) {
            return RoomExit.Kind.MEMBERSHIP_LOST;
        }
        if (codes.contains(SHUTDOWN_332)) {
            return RoomExit.Kind.SHUTDOWN;
        }
        if (codes.contains(TECHNICAL_333)) {
            return RoomExit.Kind.DROPPED;
        }
        return RoomExit.Kind.LEFT;
    }

    /** The reason an unavailable presence gives (a destroyed room's, a kick's or ban's), or null. */
    public static String reason(Presence presence) {
        MUCUser x = MUCUser.from(presence);
        if (x == null) {
            return null;
        }
        if (x.getDestroy() != null) {
            return blankToNull(x.getDestroy().getReason());
        }
        return x.getItem() == null ? null : blankToNull(x.getItem().getReason());
    }

    /** Who kicked or banned, as their nickname (or address when the room gives only that), or null. */
    public static String actor(Presence presence) {
        MUCUser x = MUCUser.from(presence);
        MUCItem item = x == null ? null : x.getItem();
        if (item == null) {
            return null;
        }
        if (item.getActorNick() != null) {
            return item.getActorNick().toString();
        }
        return item.getActor() == null ? null : item.getActor().toString();
    }

    /** Where a destroyed room's people are asked to go, or null. */
    public static Address alternativeVenue(Presence presence) {
        MUCUser x = MUCUser.from(presence);
        if (x == null || x.getDestroy() == null || x.getDestroy().getJid() == null) {
            return null;
        }
        return Address.parse(x.getDestroy().getJid().toString()).orElse(null);
    }

    /** The XEP-0421 occupant-id on a stanza, or null; callers trust it only when the room advertises it. */
    public static String occupantId(org.jivesoftware.smack.packet.Stanza stanza) {
        XmlElement e = stanza.getExtensionElement("occupant-id", RoomDisco.OCCUPANT_ID_NS);
        return e instanceof StandardExtensionElement s ? blankToNull(s.getAttributeValue("id")) : null;
    }

    public static RoomRole role(MUCRole role) {
        if (role == null) {
            return RoomRole.NONE;
        }
        return switch (role) {
            case moderator -> RoomRole.MODERATOR;
            case participant -> RoomRole.PARTICIPANT;
            case visitor -> RoomRole.VISITOR;
            case none -> RoomRole.NONE;
        };
    }

    public static MUCRole role(RoomRole role) {
        return switch (role) {
            case MODERATOR -> MUCRole.moderator;
            case PARTICIPANT -> MUCRole.participant;
            case VISITOR -> MUCRole.visitor;
            case NONE -> MUCRole.none;
        };
    }

    public static RoomAffiliation affiliation(MUCAffiliation affiliation) {
        if (affiliation == null) {
            return RoomAffiliation.NONE;
        }
        return switch (affiliation) {
            case owner -> RoomAffiliation.OWNER;
            case admin -> RoomAffiliation.ADMIN;
            case member -> RoomAffiliation.MEMBER;
            case outcast -> RoomAffiliation.OUTCAST;
            case none -> RoomAffiliation.NONE;
        };
    }

    public static MUCAffiliation affiliation(RoomAffiliation affiliation) {
        return switch (affiliation) {
            case OWNER -> MUCAffiliation.owner;
            case ADMIN -> MUCAffiliation.admin;
            case MEMBER -> MUCAffiliation.member;
            case OUTCAST -> MUCAffiliation.outcast;
            case NONE -> MUCAffiliation.none;
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
