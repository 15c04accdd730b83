package im.natter.ui.room;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.Address;
import im.natter.domain.model.Availability;
import im.natter.domain.model.Occupant;
import im.natter.domain.model.RoomAffiliation;
import im.natter.domain.model.RoomRole;
import org.junit.jupiter.api.Test;

class RoomPermissionsTest {

    static final Address ROOM = Address.of("tea@rooms.example.org");

    static Occupant occupant(String nick, RoomRole role, RoomAffiliation affiliation, boolean realAddressKnown) {
        return new Occupant(ROOM, nick, realAddressKnown ? Address.of(nick.toLowerCase() + "@example.org") : null,
                null, role, affiliation, Availability.AVAILABLE, null);
    }

    private static final Occupant OWNER = occupant("Olga", RoomRole.MODERATOR, RoomAffiliation.OWNER, true);
    private static final Occupant ADMIN = occupant("Adam", RoomRole.MODERATOR, RoomAffiliation.ADMIN, true);
    private static final Occupant MEMBER_MOD = occupant("Mo", RoomRole.MODERATOR, RoomAffiliation.MEMBER, true);
    private static final Occupant MEMBER = occupant("Mia", RoomRole.PARTICIPANT, RoomAffiliation.MEMBER, true);
    private static final Occupant GUEST = occupant("Gus", RoomRole.PARTICIPANT, RoomAffiliation.NONE, true);
    private static final Occupant ANON = occupant("Ann", RoomRole.PARTICIPANT, RoomAffiliation.NONE, false);
    private static final Occupant VISITOR = occupant("Vic", RoomRole.VISITOR, RoomAffiliation.NONE, true);

    @Test
    void aParticipantMayOnlyMessagePrivately() {
        assertThat(RoomPermissions.canMessagePrivately(GUEST, MEMBER)).isTrue();
        assertThat(RoomPermissions.canMessagePrivately(GUEST, GUEST)).isFalse();
        assertThat(RoomPermissions.canKick(GUEST, VISITOR)).isFalse();
        assertThat(RoomPermissions.canBan(GUEST, VISITOR)).isFalse();
        assertThat(RoomPermissions.canGrantVoice(GUEST, VISITOR)).isFalse();
        assertThat(RoomPermissions.canMakeMember(GUEST, VISITOR)).isFalse();
        assertThat(RoomPermissions.canConfigure(GUEST.affiliation())).isFalse();
        assertThat(RoomPermissions.canDestroy(GUEST.affiliation())).isFalse();
    }

    @Test
    void aModeratorKicksAndGivesVoiceBelowThemButNotAdminsOrEquals() {
        assertThat(RoomPermissions.canKick(MEMBER_MOD, GUEST)).isTrue();
        assertThat(RoomPermissions.canKick(MEMBER_MOD, VISITOR)).isTrue();
        assertThat(RoomPermissions.canKick(MEMBER_MOD, ADMIN)).isFalse();
        assertThat(RoomPermissions.canKick(MEMBER_MOD, MEMBER_MOD)).isFalse();
        assertThat(RoomPermissions.canGrantVoice(MEMBER_MOD, VISITOR)).isTrue();
        assertThat(RoomPermissions.canGrantVoice(MEMBER_MOD, GUEST)).isFalse();
        assertThat(RoomPermissions.canRevokeVoice(MEMBER_MOD, GUEST)).isTrue();
        // a member moderator cannot silence another member (§8.4: at or above their own affiliation)
        assertThat(RoomPermissions.canRevokeVoice(MEMBER_MOD, MEMBER)).isFalse();
        assertThat(RoomPermissions.canBan(MEMBER_MOD, GUEST)).isFalse();
        assertThat(RoomPermissions.canMakeModerator(MEMBER_MOD, GUEST)).isFalse();
    }

    @Test
    void anAdminBansAndPromotesThoseBelowButNeedsTheirRealAddressForAffiliations() {
        assertThat(RoomPermissions.canBan(ADMIN, MEMBER)).isTrue();
        assertThat(RoomPermissions.canBan(ADMIN, ANON)).isFalse();
        assertThat(RoomPermissions.canBan(ADMIN, OWNER)).isFalse();
        assertThat(RoomPermissions.canMakeMember(ADMIN, GUEST)).isTrue();
        assertThat(RoomPermissions.canMakeMember(ADMIN, MEMBER)).isFalse();
        assertThat(RoomPermissions.canMakeModerator(ADMIN, MEMBER)).isTrue();
        assertThat(RoomPermissions.canRevokeModerator(ADMIN, MEMBER_MOD)).isTrue();
        assertThat(RoomPermissions.canRevokeModerator(ADMIN, OWNER)).isFalse();
        assertThat(RoomPermissions.canMakeAdmin(ADMIN, MEMBER)).isFalse();
        assertThat(RoomPermissions.canKick(ADMIN, OWNER)).isFalse();
    }

    @Test
    void anOwnerMakesAdminsConfiguresAndDestroys() {
        assertThat(RoomPermissions.canMakeAdmin(OWNER, MEMBER)).isTrue();
        assertThat(RoomPermissions.canMakeAdmin(OWNER, ADMIN)).isFalse();
        assertThat(RoomPermissions.canBan(OWNER, ADMIN)).isTrue();
        assertThat(RoomPermissions.canConfigure(RoomAffiliation.OWNER)).isTrue();
        assertThat(RoomPermissions.canDestroy(RoomAffiliation.OWNER)).isTrue();
        assertThat(RoomPermissions.canConfigure(RoomAffiliation.ADMIN)).isFalse();
    }

    @Test
    void visitorsCannotWriteOrSetTheSubject() {
        assertThat(RoomPermissions.canSpeak(RoomRole.VISITOR)).isFalse();
        assertThat(RoomPermissions.canChangeSubject(RoomRole.VISITOR)).isFalse();
        assertThat(RoomPermissions.canChangeSubject(RoomRole.PARTICIPANT)).isTrue();
    }
}
