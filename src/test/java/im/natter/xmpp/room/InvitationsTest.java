package im.natter.xmpp.room;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.RoomInvitation;
import im.natter.xmpp.chat.StanzaFixtures;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;

class InvitationsTest {

    private static final AccountId ME = AccountId.of("me@example.org");

    @Test
    void aMediatedInvitationWinsOverTheCompatibilityElementServersAdd() {
        Message m = StanzaFixtures.parse("""
                <message xmlns='jabber:client' from='tea@rooms.example.org' to='me@example.org'>
                  <x xmlns='http://jabber.org/protocol/muc#user'>
                    <invite from='alice@example.org/phone'><reason>join us</reason></invite>
                    <password>pw</password>
                  </x>
                  <x xmlns='jabber:x:conference' jid='tea@rooms.example.org'/>
                  <body>alice invited you</body>
                </message>""");
        assertThat(Invitations.isInvitation(m)).isTrue();
        RoomInvitation i = Invitations.received(m, ME).orElseThrow();
        assertThat(i.direct()).isFalse();
        assertThat(i.room()).isEqualTo(Address.of("tea@rooms.example.org"));
        assertThat(i.inviter()).isEqualTo(Address.of("alice@example.org"));
        assertThat(i.reason()).isEqualTo("join us");
        assertThat(i.password()).isEqualTo("pw");
    }

    @Test
    void aRoomThatHidesTheInviterNamesTheirNickname() {
        Message m = StanzaFixtures.parse("""
                <message xmlns='jabber:client' from='tea@rooms.example.org' to='me@example.org'>
                  <x xmlns='http://jabber.org/protocol/muc#user'><invite from='tea@rooms.example.org/alice'/></x>
                </message>""");
        assertThat(Invitations.received(m, ME).orElseThrow().inviter())
                .isEqualTo(Address.occupant(Address.of("tea@rooms.example.org"), "alice"));
    }

    @Test
    void aMediatedInvitationFromAnOccupantAddressIsNotBelieved() {
        Message m = StanzaFixtures.parse("""
                <message xmlns='jabber:client' from='tea@rooms.example.org/mallory' to='me@example.org'>
                  <x xmlns='http://jabber.org/protocol/muc#user'><invite from='alice@example.org'/></x>
                </message>""");
        assertThat(Invitations.received(m, ME)).isEmpty();
    }

    @Test
    void aDirectInvitationComesFromTheInviter() {
        Message m = StanzaFixtures.parse("""
                <message xmlns='jabber:client' from='alice@example.org/desk' to='me@example.org'>
                  <x xmlns='jabber:x:conference' jid='tea@rooms.example.org' reason='tea?' password='pw'/>
                </message>""");
        RoomInvitation i = Invitations.received(m, ME).orElseThrow();
        assertThat(i.direct()).isTrue();
        assertThat(i.inviter()).isEqualTo(Address.of("alice@example.org"));
        assertThat(i.reason()).isEqualTo("tea?");
        assertThat(i.password()).isEqualTo("pw");
    }

    @Test
    void aDeclineNamesTheInvitee() {
        Message m = StanzaFixtures.parse("""
                <message xmlns='jabber:client' from='tea@rooms.example.org' to='me@example.org'>
                  <x xmlns='http://jabber.org/protocol/muc#user'>
                    <decline from='bob@example.org'><reason>busy</reason></decline>
                  </x>
                </message>""");
        var d = Invitations.declined(m).orElseThrow();
        assertThat(d.invitee()).isEqualTo(Address.of("bob@example.org"));
        assertThat(d.reason()).isEqualTo("busy");
        assertThat(Invitations.received(m, ME)).isEmpty();
    }
}
