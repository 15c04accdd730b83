package im.natter.xmpp.chat;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Direction;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.MessageSource;
import java.util.Optional;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;

class CarbonCopiesTest {

    private static final AccountId ME = AccountId.of("me@example.org");

    private static Optional<InboundMessage> unwrap(String xml) {
        Message m = StanzaFixtures.parse(xml);
        assertThat(CarbonCopies.isCarbon(m)).isTrue();
        return CarbonCopies.unwrap(m, ME);
    }

    private static String received(String outerFrom) {
        return """
                <message xmlns='jabber:client' from='%s' to='me@example.org/natter' type='chat'>
                  <received xmlns='urn:xmpp:carbons:2'>
                    <forwarded xmlns='urn:xmpp:forward:0'>
                      <message xmlns='jabber:client' from='alice@example.net/phone' to='me@example.org/laptop'
                               type='chat' id='m1'>
                        <body>Hi from Alice</body>
                        <origin-id xmlns='urn:xmpp:sid:0' id='o1'/>
                        <stanza-id xmlns='urn:xmpp:sid:0' id='s1' by='me@example.org'/>
                        <request xmlns='urn:xmpp:receipts'/>
                      </message>
                    </forwarded>
                  </received>
                </message>""".formatted(outerFrom);
    }

    @Test
    void aReceivedCarbonIsAnIncomingMessageFromItsInnerSender() {
        InboundMessage m = unwrap(received("me@example.org")).orElseThrow();
        assertThat(m.source()).isEqualTo(MessageSource.CARBON);
        assertThat(m.direction()).isEqualTo(Direction.INCOMING);
        assertThat(m.from()).isEqualTo(Address.of("alice@example.net"));
        assertThat(m.fromResource()).isEqualTo("phone");
        assertThat(m.peer()).isEqualTo(Address.of("alice@example.net"));
        assertThat(m.body()).isEqualTo("Hi from Alice");
        assertThat(m.originId()).isEqualTo("o1");
        assertThat(m.stanzaId()).isEqualTo("s1");
        assertThat(m.messageId()).isEqualTo("m1");
        // The device the message went to answers the receipt request, not this copy.
        assertThat(m.receiptRequested()).isFalse();
        assertThat(m.archiveId()).isNull();
    }

    @Test
    void aSentCarbonIsTheUsersOwnMessageToTheInnerRecipient() {
        InboundMessage m = unwrap("""
                <message xmlns='jabber:client' from='me@example.org' to='me@example.org/natter' type='chat'>
                  <sent xmlns='urn:xmpp:carbons:2'>
                    <forwarded xmlns='urn:xmpp:forward:0'>
                      <message xmlns='jabber:client' from='me@example.org/phone' to='Bob@Example.net'
                               type='chat' id='m2'>
                        <body>Sent from my phone</body>
                        <origin-id xmlns='urn:xmpp:sid:0' id='o2'/>
                        <request xmlns='urn:xmpp:receipts'/>
                      </message>
                    </forwarded>
                  </sent>
                </message>""").orElseThrow();
        assertThat(m.source()).isEqualTo(MessageSource.CARBON);
        assertThat(m.direction()).isEqualTo(Direction.OUTGOING);
        assertThat(m.from()).isEqualTo(ME.address());
        assertThat(m.fromResource()).isEqualTo("phone");
        assertThat(m.peer()).isEqualTo(Address.of("bob@example.net"));
        assertThat(m.originId()).isEqualTo("o2");
        assertThat(m.body()).isEqualTo("Sent from my phone");
        assertThat(m.receiptRequested()).isFalse();
    }

    @Test
    void aCarbonFromAContactIsDropped() {
        // CVE-2017-5589: Mallory wraps a message "from Alice" in a carbon and sends it straight to the user.
        assertThat(unwrap(received("mallory@example.net/evil"))).isEmpty();
        assertThat(unwrap(received("alice@example.net"))).isEmpty();
    }

    @Test
    void aCarbonFromAnotherServerIsDropped() {
        assertThat(unwrap(received("example.net"))).isEmpty();
        assertThat(unwrap(received("me@example.net"))).isEmpty();
    }

    @Test
    void aCarbonFromOurOwnDomainOrOneOfOurResourcesIsDropped() {
        // Only the bare account address is the server speaking for the account.
        assertThat(unwrap(received("example.org"))).isEmpty();
        assertThat(unwrap(received("me@example.org/other-client"))).isEmpty();
    }

    @Test
    void aCarbonWithoutFromIsDropped() {
        Message m = StanzaFixtures.parse(received("me@example.org").replace("from='me@example.org' ", ""));
        assertThat((Object) m.getFrom()).isNull();
        assertThat(CarbonCopies.unwrap(m, ME)).isEmpty();
    }

    @Test
    void carbonsOfStanzasWithoutContentGiveNothing() {
        assertThat(unwrap("""
                <message xmlns='jabber:client' from='me@example.org' to='me@example.org/natter'>
                  <received xmlns='urn:xmpp:carbons:2'>
                    <forwarded xmlns='urn:xmpp:forward:0'>
                      <message xmlns='jabber:client' from='alice@example.net/phone' to='me@example.org/laptop'
                               type='chat'>
                        <composing xmlns='http://jabber.org/protocol/chatstates'/>
                      </message>
                    </forwarded>
                  </received>
                </message>"""))
                .isEmpty();
    }
}
