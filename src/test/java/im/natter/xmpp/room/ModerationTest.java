package im.natter.xmpp.room;

import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smack.packet.IQ;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

class ModerationTest {

    @Test
    void theRequestSpeaksTheVersionTheRoomAdvertises() throws Exception {
        var room = JidCreate.entityBareFrom("tea@rooms.example.org");
        IQ v0 = Moderation.request(room, "s1", "spam", RoomDisco.MODERATE_0_NS);
        assertThat(v0.getType()).isEqualTo(IQ.Type.set);
        assertThat(v0.toXML().toString())
                .contains("<apply-to xmlns='urn:xmpp:fasten:0' id='s1'>")
                .contains("<moderate xmlns='urn:xmpp:message-moderate:0'>")
                .contains("<retract xmlns='urn:xmpp:message-retract:0'/>")
                .contains("<reason>spam</reason>");
        String v1 = Moderation.request(room, "s1", null, RoomDisco.MODERATE_1_NS).toXML().toString();
        assertThat(v1).contains("<moderate xmlns='urn:xmpp:message-moderate:1' id='s1'>")
                .contains("<retract xmlns='urn:xmpp:message-retract:1'/>").doesNotContain("reason");
    }

    @Test
    void theModeratorIsNamedByNickname() {
        assertThat(Moderation.moderatorName("tea@rooms.example.org/alice")).isEqualTo("alice");
        assertThat(Moderation.moderatorName("alice@example.org")).isEqualTo("alice@example.org");
        assertThat(Moderation.moderatorName(null)).isNull();
    }
}
