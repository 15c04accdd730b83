package im.natter.xmpp.chat;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Direction;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.MessageSource;
import java.time.Instant;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;

class ArchivedMessagesTest {

    private static final AccountId ME = AccountId.of("me@example.org");
    private static final String QUERY = "q-natter-1";

    private static String result(String carrierFrom, String queryId, String innerFrom, String innerTo) {
        String from = carrierFrom == null ? "" : "from='" + carrierFrom + "' ";
        return """
                <message xmlns='jabber:client' %sto='me@example.org/natter'>
                  <result xmlns='urn:xmpp:mam:2' queryid='%s' id='A-17'>
                    <forwarded xmlns='urn:xmpp:forward:0'>
                      <delay xmlns='urn:xmpp:delay' stamp='2026-01-02T03:04:05Z'/>
                      <message xmlns='jabber:client' from='%s' to='%s' type='chat' id='m1'>
                        <body>from the archive</body>
                        <origin-id xmlns='urn:xmpp:sid:0' id='o1'/>
                        <request xmlns='urn:xmpp:receipts'/>
                      </message>
                    </forwarded>
                  </result>
                </message>""".formatted(from, queryId, innerFrom, innerTo);
    }

    @Test
    void acceptsAResultOfOurQueryFromOurArchive() {
        Message carrier = StanzaFixtures.parse(result("me@example.org", QUERY, "alice@example.net/phone",
                "me@example.org/laptop"));
        assertThat(ArchivedMessages.isTrusted(carrier, QUERY, ME)).isTrue();
        InboundMessage m = ArchivedMessages.message(carrier, ME).orElseThrow();
        assertThat(m.source()).isEqualTo(MessageSource.ARCHIVE);
        assertThat(m.archiveId()).isEqualTo("A-17");
        assertThat(m.stanzaId()).isEqualTo("A-17");
        assertThat(m.stanzaIdBy()).isEqualTo("me@example.org");
        assertThat(m.serverTime()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(m.direction()).isEqualTo(Direction.INCOMING);
        assertThat(m.from()).isEqualTo(Address.of("alice@example.net"));
        assertThat(m.peer()).isEqualTo(Address.of("alice@example.net"));
        assertThat(m.originId()).isEqualTo("o1");
        assertThat(m.body()).isEqualTo("from the archive");
    }

    @Test
    void aResultWithoutFromIsFromTheAccountItself() {
        Message carrier = StanzaFixtures.parse(result(null, QUERY, "alice@example.net/phone", "me@example.org"));
        assertThat(ArchivedMessages.isTrusted(carrier, QUERY, ME)).isTrue();
    }

    @Test
    void theUsersOwnArchivedMessagesAreOutgoingToTheirRecipient() {
        Message carrier = StanzaFixtures.parse(result("me@example.org", QUERY, "me@example.org/phone",
                "alice@example.net"));
        InboundMessage m = ArchivedMessages.message(carrier, ME).orElseThrow();
        assertThat(m.direction()).isEqualTo(Direction.OUTGOING);
        assertThat(m.from()).isEqualTo(ME.address());
        assertThat(m.fromResource()).isEqualTo("phone");
        assertThat(m.peer()).isEqualTo(Address.of("alice@example.net"));
        assertThat(m.receiptRequested()).isFalse();
    }

    @Test
    void dropsAResultWithAnotherQueryId() {
        Message carrier = StanzaFixtures.parse(result("me@example.org", "someone-elses", "alice@example.net/phone",
                "me@example.org"));
        assertThat(ArchivedMessages.isTrusted(carrier, QUERY, ME)).isFalse();
    }

    @Test
    void dropsAResultWithoutQueryId() {
        Message carrier = StanzaFixtures.parse(result("me@example.org", QUERY, "alice@example.net/phone",
                "me@example.org").replace(" queryid='" + QUERY + "'", ""));
        assertThat(ArchivedMessages.isTrusted(carrier, QUERY, ME)).isFalse();
    }

    @Test
    void dropsAResultInjectedByAContactEvenWithTheRightQueryId() {
        // A contact who learnt (or guessed) the queryid sends "history" in which Alice said something.
        for (String injector : new String[] {"mallory@example.net/x", "mallory@example.net", "example.org",
                "me@example.org/other-device", "example.net"}) {
            Message carrier = StanzaFixtures.parse(result(injector, QUERY, "alice@example.net/phone",
                    "me@example.org"));
            assertThat(ArchivedMessages.isTrusted(carrier, QUERY, ME)).as(injector).isFalse();
        }
    }

    @Test
    void aMessageThatIsNotAResultIsNotTrusted() {
        Message plain = StanzaFixtures.parse("""
                <message xmlns='jabber:client' from='me@example.org' type='chat'><body>x</body></message>""");
        assertThat(ArchivedMessages.isTrusted(plain, QUERY, ME)).isFalse();
        assertThat(ArchivedMessages.message(plain, ME)).isEmpty();
    }
}
