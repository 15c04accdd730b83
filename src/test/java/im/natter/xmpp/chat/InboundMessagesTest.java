package im.natter.xmpp.chat;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.InboundMessage;
import java.time.Instant;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;

class InboundMessagesTest {

    private static final AccountId ME = AccountId.of("me@example.org");

    private static InboundMessage map(String xml) {
        Message m = StanzaFixtures.parse(xml);
        return InboundMessages.from(m, ME).orElse(null);
    }

    @Test
    void readsAChatMessageWithAllItsIds() {
        InboundMessage m = map("""
                <message xmlns='jabber:client' type='chat' id='m1' from='Alice@Example.org/phone' to='me@example.org/natter'>
                  <body>Hello &amp; welcome</body>
                  <origin-id xmlns='urn:xmpp:sid:0' id='o1'/>
                  <stanza-id xmlns='urn:xmpp:sid:0' id='s1' by='me@example.org'/>
                  <request xmlns='urn:xmpp:receipts'/>
                </message>""");
        assertThat(m).isNotNull();
        assertThat(m.account()).isEqualTo(ME);
        assertThat(m.from()).isEqualTo(Address.of("alice@example.org"));
        assertThat(m.fromResource()).isEqualTo("phone");
        assertThat(m.kind()).isEqualTo(ConversationKind.CHAT);
        assertThat(m.body()).isEqualTo("Hello & welcome");
        assertThat(m.contentKind()).isEqualTo(ContentKind.TEXT);
        assertThat(m.messageId()).isEqualTo("m1");
        assertThat(m.originId()).isEqualTo("o1");
        assertThat(m.stanzaId()).isEqualTo("s1");
        assertThat(m.stanzaIdBy()).isEqualTo("me@example.org");
        assertThat(m.serverTime()).isNull();
        assertThat(m.receiptRequested()).isTrue();
    }

    @Test
    void readsWhenTheWriterSaysItWroteTheMessageAndIgnoresAClockItCannotRead() {
        InboundMessage clocked = map("""
                <message xmlns='jabber:client' type='chat' from='alice@example.org/natter'>
                  <body>in order</body>
                  <clock xmlns='https://natter.im/ns/sender-clock:0' stamp='2026-11-21T10:15:30.123Z'/>
                </message>""");
        InboundMessage garbled = map("""
                <message xmlns='jabber:client' type='chat' from='alice@example.org/natter'>
                  <body>no clock</body>
                  <clock xmlns='https://natter.im/ns/sender-clock:0' stamp='yesterday-ish'/>
                </message>""");
        InboundMessage none = map("""
                <message xmlns='jabber:client' type='chat' from='alice@example.org/phone'><body>hi</body></message>""");

        assertThat(clocked.senderClock()).isEqualTo(Instant.parse("2026-11-21T10:15:30.123Z"));
        assertThat(garbled.senderClock()).isNull();
        assertThat(garbled.body()).isEqualTo("no clock");
        assertThat(none.senderClock()).isNull();
    }

    @Test
    void ignoresAStanzaIdTheSenderAddedInOurName() {
        InboundMessage m = map("""
                <message xmlns='jabber:client' type='chat' id='m2' from='mallory@evil.example/x'>
                  <body>trust me</body>
                  <stanza-id xmlns='urn:xmpp:sid:0' id='forged' by='mallory@evil.example'/>
                  <stanza-id xmlns='urn:xmpp:sid:0' id='forged2' by='me@example.org/natter'/>
                </message>""");
        assertThat(m.stanzaId()).isNull();
        assertThat(m.stanzaIdBy()).isNull();
    }

    @Test
    void picksOurServersStanzaIdAmongSeveral() {
        InboundMessage m = map("""
                <message xmlns='jabber:client' type='chat' from='alice@example.org/a'>
                  <body>hi</body>
                  <stanza-id xmlns='urn:xmpp:sid:0' id='theirs' by='alice@example.org'/>
                  <stanza-id xmlns='urn:xmpp:sid:0' id='ours' by='ME@example.org'/>
                </message>""");
        assertThat(m.stanzaId()).isEqualTo("ours");
        assertThat(m.receiptRequested()).isFalse();
    }

    @Test
    void readsTheDelayStampOfAnOfflineMessage() {
        InboundMessage m = map("""
                <message xmlns='jabber:client' from='alice@example.org/a'>
                  <body>while you were away</body>
                  <delay xmlns='urn:xmpp:delay' from='example.org' stamp='2026-03-04T05:06:07Z'/>
                </message>""");
        assertThat(m.serverTime()).isEqualTo(Instant.parse("2026-03-04T05:06:07Z"));
    }

    @Test
    void marksLegacyOmemoMessagesAndDropsTheirFallbackBody() {
        InboundMessage m = map("""
                <message xmlns='jabber:client' type='chat' id='e1' from='alice@example.org/a'>
                  <encrypted xmlns='eu.siacs.conversations.axolotl'>
                    <header sid='123'><key rid='456'>a2V5</key><iv>aXY=</iv></header>
                    <payload>cGF5bG9hZA==</payload>
                  </encrypted>
                  <body>I sent you an OMEMO encrypted message but your client doesn't seem to support that.</body>
                </message>""");
        assertThat(m.contentKind()).isEqualTo(ContentKind.OMEMO_ENCRYPTED);
        assertThat(m.body()).isEmpty();
    }

    @Test
    void marksOmemo2MessagesEvenWithoutABody() {
        InboundMessage m = map("""
                <message xmlns='jabber:client' type='chat' from='alice@example.org/a'>
                  <encrypted xmlns='urn:xmpp:omemo:2'><header sid='1'/><payload>cGF5bG9hZA==</payload></encrypted>
                </message>""");
        assertThat(m.contentKind()).isEqualTo(ContentKind.OMEMO_ENCRYPTED);
        assertThat(m.body()).isEmpty();
    }

    @Test
    void ignoresOmemoKeyTransportWithoutPayload() {
        assertThat(map("""
                <message xmlns='jabber:client' type='chat' from='alice@example.org/a'>
                  <encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='1'/></encrypted>
                </message>""")).isNull();
    }

    @Test
    void ignoresChatStatesReceiptsGroupchatAndErrors() {
        assertThat(map("""
                <message xmlns='jabber:client' type='chat' from='alice@example.org/a'>
                  <composing xmlns='http://jabber.org/protocol/chatstates'/>
                </message>""")).isNull();
        assertThat(map("""
                <message xmlns='jabber:client' type='chat' from='alice@example.org/a'>
                  <received xmlns='urn:xmpp:receipts' id='o1'/>
                </message>""")).isNull();
        assertThat(map("""
                <message xmlns='jabber:client' type='groupchat' from='room@muc.example.org/nick'><body>x</body></message>
                """)).isNull();
        assertThat(map("""
                <message xmlns='jabber:client' type='error' id='o1' from='bob@example.org'><body>x</body>
                  <error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>
                </message>""")).isNull();
    }

    @Test
    void describesBouncesInWordsWithTheServersText() {
        Message error = StanzaFixtures.parse("""
                <message xmlns='jabber:client' type='error' id='o1' from='nobody@example.org'>
                  <error type='cancel'>
                    <item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
                    <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>No such user</text>
                  </error>
                </message>""");
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
        assertThat(StanzaErrors.describe(error.getError()))
                .isEqualTo("That address does not exist or cannot be reached. The server said: No such user");
        assertThat(StanzaErrors.describe(null)).isNotBlank();
    }
}
