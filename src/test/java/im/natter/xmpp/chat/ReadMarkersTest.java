package im.natter.xmpp.chat;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;

class ReadMarkersTest {

    private static final AccountId ME = AccountId.of("me@example.org");
    private static final Address ALICE = Address.of("alice@example.net");

    static {
        ReadMarkers.install();
    }

    private static Message parse(String xml) {
        return StanzaFixtures.parse(xml);
    }

    private static String carbon(String outerFrom, String direction, String inner) {
        return """
                <message xmlns='jabber:client' from='%s' to='me@example.org/natter' type='chat'>
                  <%s xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>%s</forwarded></%s>
                </message>""".formatted(outerFrom, direction, inner, direction);
    }

    private static String mds(String from, String by) {
        return """
                <message xmlns='jabber:client' from='%s' to='me@example.org/natter' type='headline'>
                  <event xmlns='http://jabber.org/protocol/pubsub#event'>
                    <items node='urn:xmpp:mds:displayed:0'>
                      <item id='alice@example.net'>
                        <displayed xmlns='urn:xmpp:mds:displayed:0'>
                          <stanza-id xmlns='urn:xmpp:sid:0' by='%s' id='sid-42'/>
                        </displayed>
                      </item>
                    </items>
                  </event>
                </message>""".formatted(from, by);
    }

    private static final String DISPLAYED_FROM_ALICE = """
            <message xmlns='jabber:client' from='alice@example.net/phone' to='me@example.org' type='chat'>
              <displayed xmlns='urn:xmpp:chat-markers:0' id='o1'/>
            </message>""";

    @Test
    void aContactsDisplayedMarkerNamesTheMessage() {
        var d = ReadMarkers.peerDisplayed(parse(DISPLAYED_FROM_ALICE), ME).orElseThrow();
        assertThat(d.from()).isEqualTo(ALICE);
        assertThat(d.messageId()).isEqualTo("o1");
        assertThat(ReadMarkers.sentElsewhere(parse(DISPLAYED_FROM_ALICE), ME)).isEmpty();
    }

    @Test
    void aMarkerSeenAsAReceivedCarbonCountsOnlyFromOurOwnServer() {
        String inner = """
                <message xmlns='jabber:client' from='alice@example.net/phone' to='me@example.org/laptop' type='chat'>
                  <displayed xmlns='urn:xmpp:chat-markers:0' id='o2'/>
                </message>""";
        assertThat(ReadMarkers.peerDisplayed(parse(carbon("me@example.org", "received", inner)), ME))
                .hasValueSatisfying(d -> assertThat(d.messageId()).isEqualTo("o2"));
        assertThat(ReadMarkers.peerDisplayed(parse(carbon("mallory@example.net", "received", inner)), ME)).isEmpty();
    }

    @Test
    void aMarkerOurOtherDeviceSentMeansReadThere() {
        String inner = """
                <message xmlns='jabber:client' from='me@example.org/phone' to='alice@example.net' type='chat'>
                  <displayed xmlns='urn:xmpp:chat-markers:0' id='a7'/>
                </message>""";
        var r = ReadMarkers.sentElsewhere(parse(carbon("me@example.org", "sent", inner)), ME).orElseThrow();
        assertThat(r.peer()).isEqualTo(ALICE);
        assertThat(r.messageId()).isEqualTo("a7");
        assertThat(r.stanzaId()).isNull();
        assertThat(ReadMarkers.peerDisplayed(parse(carbon("me@example.org", "sent", inner)), ME)).isEmpty();
        assertThat(ReadMarkers.sentElsewhere(parse(carbon("alice@example.net", "sent", inner)), ME)).isEmpty();
    }

    @Test
    void aReadPointFromOurOwnAccountIsBelieved() {
        var points = ReadMarkers.notification(parse(mds("me@example.org", "me@example.org")), ME);
        assertThat(points).containsExactly(new ReadMarkers.ReadUpTo(ALICE, "sid-42", null));
    }

    @Test
    void aReadPointFromAnyoneElseIsDropped() {
        assertThat(ReadMarkers.notification(parse(mds("alice@example.net", "me@example.org")), ME)).isEmpty();
        assertThat(ReadMarkers.notification(parse(mds("me@example.org/phone", "me@example.org")), ME)).isEmpty();
        assertThat(ReadMarkers.notification(parse(mds("example.org", "me@example.org")), ME)).isEmpty();
    }

    @Test
    void aStanzaIdSomeoneElseGaveIsIgnored() {
        assertThat(ReadMarkers.notification(parse(mds("me@example.org", "alice@example.net")), ME)).isEmpty();
    }

    @Test
    void onlyMessagesThatAskForMarkersAreRemembered() {
        Message markable = parse("""
                <message xmlns='jabber:client' from='alice@example.net/phone' to='me@example.org' type='chat' id='m1'>
                  <body>hi</body><markable xmlns='urn:xmpp:chat-markers:0'/>
                  <origin-id xmlns='urn:xmpp:sid:0' id='o1'/>
                </message>""");
        var m = ReadMarkers.markable(markable, ME).orElseThrow();
        assertThat(m.peer()).isEqualTo(ALICE);
        assertThat(m.key()).isEqualTo("o1");
        assertThat(m.messageId()).isEqualTo("m1");
        Message plain = parse("""
                <message xmlns='jabber:client' from='alice@example.net/phone' to='me@example.org' type='chat' id='m2'>
                  <body>hi</body>
                </message>""");
        assertThat(ReadMarkers.markable(plain, ME)).isEmpty();
    }

    @Test
    void archiveResultsAreRememberedOnlyFromOurOwnArchive() {
        String result = """
                <message xmlns='jabber:client' from='%s' to='me@example.org/natter'>
                  <result xmlns='urn:xmpp:mam:2' queryid='q1' id='arch-1'>
                    <forwarded xmlns='urn:xmpp:forward:0'>
                      <delay xmlns='urn:xmpp:delay' stamp='2026-01-01T10:00:00Z'/>
                      <message xmlns='jabber:client' from='alice@example.net/phone' to='me@example.org' type='chat'
                               id='m3'><body>old</body><markable xmlns='urn:xmpp:chat-markers:0'/></message>
                    </forwarded>
                  </result>
                </message>""";
        assertThat(ReadMarkers.markable(parse(result.formatted("me@example.org")), ME))
                .hasValueSatisfying(m -> assertThat(m.key()).isEqualTo("m3"));
        assertThat(ReadMarkers.markable(parse(result.formatted("alice@example.net")), ME)).isEmpty();
    }
}
