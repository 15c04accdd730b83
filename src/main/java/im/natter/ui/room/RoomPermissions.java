package im.natter.ui.room;

import im.natter.domain.model.Occupant;
import im.natter.domain.model.RoomAffiliation;
import im.natter.domain.model.RoomRole;

/**
 * What the user may do in a room, by their own role and affiliation (XEP-0045 §5, the privilege tables, and the
 * "equal or above" rules of §8 and §9). The menus offer only these; the room still has the last word.
 */
public final class RoomPermissions {

    private RoomPermissions() {
    }

    /** Strictly stronger: OWNER above ADMIN above MEMBER above NONE above OUTCAST. */
    static boolean above(RoomAffiliation a, RoomAffiliation b) {
        return a.ordinal() < b.ordinal();
    }

    public static boolean canConfigure(RoomAffiliation self) {
        return self == RoomAffiliation.OWNER;
    }

    public static boolean canDestroy(RoomAffiliation self) {
        return self == RoomAffiliation.OWNER;
    }

    /** Visitors have no voice; everyone else may try (many rooms let participants set the subject). */
    public static boolean canChangeSubject(RoomRole self) {
        return self == RoomRole.MODERATOR || self == RoomRole.PARTICIPANT;
    }

    public static boolean canSpeak(RoomRole self) {
        return self == RoomRole.MODERATOR || self == RoomRole.PARTICIPANT;
    }

    public static boolean canInvite(RoomRole self) {
        return self != RoomRole.NONE;
    }

    public static boolean canModerate(RoomRole self) {
        return self == RoomRole.MODERATOR;
    }

    /** A private message to anyone else in the room. */
    public static boolean canMessagePrivately(Occupant self, Occupant target) {
        return !self.nick().equals(target.nick());
    }

    /** Moderators kick those below admin whose affiliation is not above their own (§8.2). */
    public static boolean canKick(Occupant self, Occupant target) {
        return isOther(self, target) && self.role() == RoomRole.MODERATOR
                && above(RoomAffiliation.ADMIN, target.affiliation()) && !above(target.affiliation(), self.affiliation());
    }

    /** Admins and owners ban users whose affiliation is below their own; a ban needs the real address. */
    public static boolean canBan(Occupant self, Occupant target) {
        return isOther(self, target) && target.realAddress() != null && atLeastAdmin(self)
                && above(self.affiliation(), target.affiliation());
    }

    public static boolean canGrantVoice(Occupant self, Occupant target) {
        return isOther(self, target) && self.role() == RoomRole.MODERATOR && target.role() == RoomRole.VISITOR;
    }

    /** Not from anyone whose affiliation is at or above the moderator's own (§8.4). */
    public static boolean canRevokeVoice(Occupant self, Occupant target) {
        return isOther(self, target) && self.role() == RoomRole.MODERATOR && target.role() == RoomRole.PARTICIPANT
                && above(self.affiliation(), target.affiliation());
    }

    public static boolean canMakeMember(Occupant self, Occupant target) {
        return isOther(self, target) && target.realAddress() != null && atLeastAdmin(self)
                && target.affiliation() == RoomAffiliation.NONE;
    }

    /** Admins and owners hand out the moderator role (§9.6). */
    public static boolean canMakeModerator(Occupant self, Occupant target) {
        return isOther(self, target) && atLeastAdmin(self) && target.role() != RoomRole.MODERATOR;
    }

    /** Admins and owners are moderators by their affiliation; that role cannot be taken from them alone. */
    public static boolean canRevokeModerator(Occupant self, Occupant target) {
        return isOther(self, target) && atLeastAdmin(self) && target.role() == RoomRole.MODERATOR
                && above(RoomAffiliation.ADMIN, target.affiliation());
    }

    /** Only owners make admins (§10.8). */
    public static boolean canMakeAdmin(Occupant self, Occupant target) {
        return isOther(self, target) && target.realAddress() != null && self.affiliation() == RoomAffiliation.OWNER
                && above(RoomAffiliation.ADMIN, target.affiliation());
    }

    private static boolean atLeastAdmin(Occupant o) {
        return o.affiliation() == RoomAffiliation.OWNER || o.affiliation() == RoomAffiliation.ADMIN;
    }

    private static boolean isOther(Occupant self, Occupant target) {
        return !self.nick().equals(target.nick());
    }
}
