package im.natter.xmpp.room;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.Address;
import im.natter.domain.model.Occupant;
import im.natter.domain.model.RoomAffiliation;
import im.natter.domain.model.RoomExit;
import im.natter.domain.model.RoomRole;
import im.natter.xmpp.chat.StanzaFixtures;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.Test;

class OccupantsTest {

    private static final Address ROOM = Address.of("tea@rooms.example.org");

    private static Presence presence(String inner, String type) {
        return StanzaFixtures.parse("<presence xmlns='jabber:client' from='tea@rooms.example.org/bob'"
                + (type == null ? "" : " type='" + type + "'") + ">" + inner + "</presence>");
    }

    @Test
    void anOccupantsPresenceSaysRoleAffiliationAndRealAddress() {
        Presence p = presence("""
                <show>away</show><status>brb</status>
                <x xmlns='http://jabber.org/protocol/muc#user'>
                  <item affiliation='member' role='participant' jid='bob@example.org/phone'/>
                </x>
                <occupant-id xmlns='urn:xmpp:occupant-id:0' id='occ-bob'/>""", null);
        Occupant o = Occupants.occupant(p, ROOM, "bob", true);
        assertThat(o.role()).isEqualTo(RoomRole.PARTICIPANT);
        assertThat(o.affiliation()).isEqualTo(RoomAffiliation.MEMBER);
        assertThat(o.realAddress()).isEqualTo(Address.of("bob@example.org"));
        assertThat(o.occupantId()).isEqualTo("occ-bob");
        assertThat(o.statusText()).isEqualTo("brb");
        assertThat(Occupants.occupant(p, ROOM, "bob", false).occupantId()).isNull();
    }

    private static RoomExit.Kind exit(String codes) {
        return Occupants.exitKind(presence("<x xmlns='http://jabber.org/protocol/muc#user'>"
                + "<item affiliation='none' role='none'><reason>why</reason></item>" + codes + "</x>",
                "unavailable"));
    }

    @Test
    void statusCodesSayHowSomeoneLeft() {
        assertThat(exit("")).isEqualTo(RoomExit.Kind.LEFT);
        assertThat(exit("<status code='307'/>")).isEqualTo(RoomExit.Kind.KICKED);
        assertThat(exit("<status code='301'/>")).isEqualTo(RoomExit.Kind.BANNED);
        assertThat(exit("<status code='321'/>")).isEqualTo(RoomExit.Kind.MEMBERSHIP_LOST);
        assertThat(exit("<status code='322'/>")).isEqualTo(RoomExit.Kind.MEMBERSHIP_LOST);
        assertThat(exit("<status code='332'/>")).isEqualTo(RoomExit.Kind.SHUTDOWN);
        assertThat(exit("<status code='110'/><status code='307'/>")).isEqualTo(RoomExit.Kind.KICKED);
    }

    @Test
    void aDestroyedRoomGivesItsReasonAndWhereToGo() {
        Presence p = presence("""
                <x xmlns='http://jabber.org/protocol/muc#user'>
                  <item affiliation='none' role='none'/>
                  <destroy jid='coffee@rooms.example.org'><reason>moving</reason></destroy>
                </x>""", "unavailable");
        assertThat(Occupants.exitKind(p)).isEqualTo(RoomExit.Kind.DESTROYED);
        assertThat(Occupants.reason(p)).isEqualTo("moving");
        assertThat(Occupants.alternativeVenue(p)).isEqualTo(Address.of("coffee@rooms.example.org"));
    }

    @Test
    void aNicknameChangeNamesTheNewNickname() {
        Presence p = presence("""
                <x xmlns='http://jabber.org/protocol/muc#user'>
                  <item affiliation='none' role='participant' nick='robert'/><status code='303'/>
                </x>""", "unavailable");
        assertThat(Occupants.newNick(p)).isEqualTo("robert");
        assertThat(Occupants.newNick(presence("", "unavailable"))).isNull();
    }

    @Test
    void theKickersNicknameIsTheActor() {
        Presence p = presence("""
                <x xmlns='http://jabber.org/protocol/muc#user'>
                  <item affiliation='none' role='none'><actor nick='alice'/><reason>loud</reason></item>
                  <status code='307'/>
                </x>""", "unavailable");
        assertThat(Occupants.actor(p)).isEqualTo("alice");
        assertThat(Occupants.reason(p)).isEqualTo("loud");
    }
}
