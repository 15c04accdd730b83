package im.natter.xmpp.room;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.Direction;
import im.natter.domain.model.InboundMessage;
import im.natter.xmpp.chat.StanzaFixtures;
import java.util.Optional;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;

/** Room messages read from hand-made stanzas: what is believed and what is dropped. */
class RoomMessagesTest {

    private static final AccountId ME = AccountId.of("me@example.org");
    private static final Address ROOM = Address.of("tea@rooms.example.org");

    private static RoomMessages.Context context(boolean occupantIds) {
        return new RoomMessages.Context(ME, ROOM, "me", occupantIds, false);
    }

    private static Optional<InboundMessage> live(String xml, boolean occupantIds) {
        Message m = StanzaFixtures.parse(xml);
        return RoomMessages.live(m, context(occupantIds));
    }

    private static final String FROM_BOB = """
            <message xmlns='jabber:client' type='groupchat' from='tea@rooms.example.org/bob' to='me@example.org/r' id='m1'>
              <body>hello</body>
              <origin-id xmlns='urn:xmpp:sid:0' id='o1'/>
              <stanza-id xmlns='urn:xmpp:sid:0' id='forged' by='bob@example.org'/>
              <stanza-id xmlns='urn:xmpp:sid:0' id='s1' by='tea@rooms.example.org'/>
              <occupant-id xmlns='urn:xmpp:occupant-id:0' id='occ-bob'/>
            </message>""";

    @Test
    void aGroupchatMessageKeepsOnlyTheRoomsStanzaId() {
        InboundMessage m = live(FROM_BOB, true).orElseThrow();
        assertThat(m.kind()).isEqualTo(ConversationKind.ROOM);
        assertThat(m.from()).isEqualTo(ROOM);
        assertThat(m.fromResource()).isEqualTo("bob");
        assertThat(m.peer()).isEqualTo(ROOM);
        assertThat(m.direction()).isEqualTo(Direction.INCOMING);
        assertThat(m.originId()).isEqualTo("o1");
        assertThat(m.stanzaId()).isEqualTo("s1");
        assertThat(m.stanzaIdBy()).isEqualTo(ROOM.value());
        assertThat(m.receiptRequested()).isFalse();
    }

    @Test
    void occupantIdIsKeptOnlyWhenTheRoomAdvertisesIt() {
        assertThat(live(FROM_BOB, true).orElseThrow().room().occupantId()).isEqualTo("occ-bob");
        assertThat(live(FROM_BOB, false).orElseThrow().room().occupantId()).isNull();
    }

    @Test
    void theUsersOwnNicknameMakesItOutgoing() {
        InboundMessage m = live(FROM_BOB.replace("/bob'", "/me'"), false).orElseThrow();
        assertThat(m.direction()).isEqualTo(Direction.OUTGOING);
    }

    @Test
    void joinHistoryIsFlagged() {
        Message m = StanzaFixtures.parse(FROM_BOB.replace("<body>", "<delay xmlns='urn:xmpp:delay' "
                + "stamp='2024-01-02T03:04:05Z' from='tea@rooms.example.org'/><body>"));
        InboundMessage in = RoomMessages.live(m, new RoomMessages.Context(ME, ROOM, "me", false, true)).orElseThrow();
        assertThat(in.room().joinHistory()).isTrue();
        assertThat(in.serverTime()).hasToString("2024-01-02T03:04:05Z");
    }

    @Test
    void aMessageFromAnotherAddressIsNotTheRooms() {
        assertThat(live(FROM_BOB.replace("from='tea@rooms.example.org/bob'", "from='tea@evil.example.org/bob'"),
                true)).isEmpty();
    }

    @Test
    void aSubjectWithoutBodyIsASubjectChange() {
        Message m = StanzaFixtures.parse("""
                <message xmlns='jabber:client' type='groupchat' from='tea@rooms.example.org/bob'>
                  <subject>Tea at five</subject></message>""");
        assertThat(RoomMessages.isSubjectChange(m)).isTrue();
        assertThat(RoomMessages.subject(m)).isEqualTo("Tea at five");
        Message cleared = StanzaFixtures.parse("""
                <message xmlns='jabber:client' type='groupchat' from='tea@rooms.example.org'><subject/></message>""");
        assertThat(RoomMessages.isSubjectChange(cleared)).isTrue();
        assertThat(RoomMessages.subject(cleared)).isEmpty();
        assertThat(RoomMessages.isSubjectChange(StanzaFixtures.parse(FROM_BOB))).isFalse();
    }

    private static final String MODERATION_0 = """
            <message xmlns='jabber:client' type='groupchat' from='FROM' id='x'>
              <apply-to xmlns='urn:xmpp:fasten:0' id='s1'>
                <moderated xmlns='urn:xmpp:message-moderate:0' by='tea@rooms.example.org/alice'>
                  <retract xmlns='urn:xmpp:message-retract:0'/>
                  <reason>spam</reason>
                </moderated>
              </apply-to>
              <stanza-id xmlns='urn:xmpp:sid:0' id='s2' by='tea@rooms.example.org'/>
            </message>""";

    private static final String MODERATION_1 = """
            <message xmlns='jabber:client' type='groupchat' from='FROM' id='x'>
              <retract id='s1' xmlns='urn:xmpp:message-retract:1'>
                <moderated by='tea@rooms.example.org/alice' xmlns='urn:xmpp:message-moderate:1'>
                  <occupant-id xmlns='urn:xmpp:occupant-id:0' id='occ-alice'/>
                </moderated>
                <reason>spam</reason>
              </retract>
              <fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:message-retract:1'/>
              <body>This message has been retracted.</body>
            </message>""";

    @Test
    void prosodysModerationFromTheRoomRetractsForEveryone() {
        InboundMessage m = live(MODERATION_0.replace("FROM", ROOM.value()), true).orElseThrow();
        assertThat(m.retractsId()).isEqualTo("s1");
        assertThat(m.body()).isEmpty();
        assertThat(m.room().isModeration()).isTrue();
        assertThat(m.room().moderatedBy()).isEqualTo("alice");
        assertThat(m.room().moderationReason()).isEqualTo("spam");
        assertThat(m.stanzaId()).isEqualTo("s2");
    }

    @Test
    void currentModerationFromTheRoomRetractsForEveryone() {
        InboundMessage m = live(MODERATION_1.replace("FROM", ROOM.value()), true).orElseThrow();
        assertThat(m.retractsId()).isEqualTo("s1");
        assertThat(m.body()).isEmpty();
        assertThat(m.room().moderatedBy()).isEqualTo("alice");
        assertThat(m.room().moderationReason()).isEqualTo("spam");
    }

    @Test
    void aModerationClaimedByAnOccupantIsDropped() {
        assertThat(live(MODERATION_0.replace("FROM", ROOM.value() + "/mallory"), true)).isEmpty();
        assertThat(live(MODERATION_1.replace("FROM", ROOM.value() + "/mallory"), true)).isEmpty();
    }

    @Test
    void aPrivateMessageFromAnOccupantIsAddressedToThem() {
        Message m = StanzaFixtures.parse("""
                <message xmlns='jabber:client' type='chat' from='tea@rooms.example.org/bob' id='p1'>
                  <body>psst</body><x xmlns='http://jabber.org/protocol/muc#user'/>
                  <request xmlns='urn:xmpp:receipts'/>
                </message>""");
        InboundMessage in = RoomMessages.privateMessage(m, context(false), "bob", false,
                im.natter.domain.model.MessageSource.LIVE).orElseThrow();
        assertThat(in.kind()).isEqualTo(ConversationKind.ROOM_PRIVATE);
        assertThat(in.peer()).isEqualTo(Address.occupant(ROOM, "bob"));
        assertThat(in.from()).isEqualTo(ROOM);
        assertThat(in.fromResource()).isEqualTo("bob");
        assertThat(in.receiptRequested()).isTrue();
        assertThat(RoomMessages.privateMessage(StanzaFixtures.parse(MODERATION_1.replace("FROM",
                ROOM.value() + "/bob").replace("groupchat", "chat")), context(false), "bob", false,
                im.natter.domain.model.MessageSource.LIVE)).isEmpty();
    }
}
