package im.natter.xmpp.chat;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.InboundMessage;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Corrections (XEP-0308), retractions (XEP-0424) and replies (XEP-0461 with XEP-0428 fallback) on the wire. */
class MessageReferencesTest {

    private static final AccountId ME = AccountId.of("me@example.org");

    private static InboundMessage map(String xml) {
        Message m = StanzaFixtures.parse(xml);
        return InboundMessages.from(m, ME).orElse(null);
    }

    @Test
    void aCorrectionNamesTheMessageItReplaces() {
        InboundMessage m = map("""
                <message xmlns='jabber:client' type='chat' id='m2' from='alice@example.org/a'>
                  <body>Hello, fixed</body>
                  <replace id='m1' xmlns='urn:xmpp:message-correct:0'/>
                </message>""");
        assertThat(m.replacesId()).isEqualTo("m1");
        assertThat(m.body()).isEqualTo("Hello, fixed");
        assertThat(m.changesAnother()).isTrue();
        assertThat(m.retractsId()).isNull();
        assertThat(m.replyToId()).isNull();
    }

    @Test
    void aRetractionIsDeliveredWithItsFallbackBodyAndTheIdItRetracts() {
        InboundMessage m = map("""
                <message xmlns='jabber:client' type='chat' id='r1' from='alice@example.org/a'>
                  <retract id='origin-1' xmlns='urn:xmpp:message-retract:1'/>
                  <fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:message-retract:1'/>
                  <body>This person attempted to retract a previous message, but it's unsupported by your client.</body>
                  <store xmlns='urn:xmpp:hints'/>
                </message>""");
        assertThat(m).isNotNull();
        assertThat(m.retractsId()).isEqualTo("origin-1");
        assertThat(m.changesAnother()).isTrue();
        assertThat(m.body()).startsWith("This person attempted");
    }

    @Test
    void aRetractionWithoutBodyIsStillDelivered() {
        InboundMessage m = map("""
                <message xmlns='jabber:client' type='chat' from='alice@example.org/a'>
                  <retract id='origin-1' xmlns='urn:xmpp:message-retract:1'/>
                </message>""");
        assertThat(m.retractsId()).isEqualTo("origin-1");
        assertThat(m.body()).isEmpty();
    }

    @Test
    void theOlderRetractionFormInAFasteningIsUnderstood() {
        InboundMessage m = map("""
                <message xmlns='jabber:client' type='chat' from='alice@example.org/a'>
                  <apply-to id='origin-0' xmlns='urn:xmpp:fasten:0'>
                    <retract xmlns='urn:xmpp:message-retract:0'/>
                  </apply-to>
                  <body>This person attempted to retract a previous message, but it's unsupported by your client.</body>
                </message>""");
        assertThat(m.retractsId()).isEqualTo("origin-0");
    }

    @Test
    void aFasteningThatIsNotARetractionRetractsNothing() {
        InboundMessage m = map("""
                <message xmlns='jabber:client' type='chat' from='alice@example.org/a'>
                  <apply-to id='origin-0' xmlns='urn:xmpp:fasten:0'>
                    <something xmlns='urn:example:other'/>
                  </apply-to>
                  <body>hi</body>
                </message>""");
        assertThat(m.retractsId()).isNull();
    }

    @Test
    void aRetractElementWithoutIdRetractsNothing() {
        InboundMessage m = map("""
                <message xmlns='jabber:client' type='chat' from='alice@example.org/a'>
                  <retract xmlns='urn:xmpp:message-retract:1'/>
                  <body>hi</body>
                </message>""");
        assertThat(m.retractsId()).isNull();
    }

    @Test
    void aReplyHasItsQuoteStripped() {
        InboundMessage m = map("""
                <message xmlns='jabber:client' type='chat' id='m3' from='alice@example.org/a'>
                  <body>&gt; Anna wrote:
                &gt; We should bake a cake
                Great idea!</body>
                  <reply to='anna@example.org/laptop' id='message-id1' xmlns='urn:xmpp:reply:0'/>
                  <fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'>
                    <body start='0' end='38'/>
                  </fallback>
                </message>""");
        assertThat(m.replyToId()).isEqualTo("message-id1");
        assertThat(m.body()).isEqualTo("Great idea!");
        assertThat(m.changesAnother()).isFalse();
    }

    @Test
    void fallbackOffsetsCountCodePointsNotUtf16Units() {
        // "> 🎂🎂\n" is 5 code points but 7 UTF-16 units; counting units would cut into the answer.
        InboundMessage m = map("""
                <message xmlns='jabber:client' type='chat' from='alice@example.org/a'>
                  <body>&gt; 🎂🎂
                Yes 🎂!</body>
                  <reply id='cake' xmlns='urn:xmpp:reply:0'/>
                  <fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='5'/></fallback>
                </message>""");
        assertThat(m.body()).isEqualTo("Yes 🎂!");
    }

    @Test
    void aFallbackForAnotherFeatureIsLeftInTheBody() {
        InboundMessage m = map("""
                <message xmlns='jabber:client' type='chat' from='alice@example.org/a'>
                  <body>&gt; quoted
                answer</body>
                  <reply id='x' xmlns='urn:xmpp:reply:0'/>
                  <fallback xmlns='urn:xmpp:fallback:0' for='urn:example:other'><body start='0' end='9'/></fallback>
                </message>""");
        assertThat(m.body()).isEqualTo("> quoted\nanswer");
    }

    @Test
    void withoutAReplyElementAFallbackIsNotStripped() {
        InboundMessage m = map("""
                <message xmlns='jabber:client' type='chat' from='alice@example.org/a'>
                  <body>&gt; quoted
                answer</body>
                  <fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='9'/></fallback>
                </message>""");
        assertThat(m.replyToId()).isNull();
        assertThat(m.body()).isEqualTo("> quoted\nanswer");
    }

    @ParameterizedTest(name = "start={0} end={1}")
    @CsvSource({"-1, 5", "0, 99", "5, 2", "abc, 3", "3, ", ", 3", "'', ''", "2147483647, 2147483647",
            "0, 99999999999999"})
    void malformedFallbackRangesAreIgnoredWithoutFailing(String start, String end) {
        String attrs = (start == null ? "" : " start='" + start + "'") + (end == null ? "" : " end='" + end + "'");
        InboundMessage m = map("""
                <message xmlns='jabber:client' type='chat' from='alice@example.org/a'>
                  <body>short body</body>
                  <reply id='x' xmlns='urn:xmpp:reply:0'/>
                  <fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body%s/></fallback>
                </message>""".formatted(attrs));
        assertThat(m.replyToId()).isEqualTo("x");
        assertThat(m.body()).isEqualTo("short body");
    }

    @Test
    void aRangeCoveringTheWholeBodyLeavesAnEmptyText() {
        InboundMessage m = map("""
                <message xmlns='jabber:client' type='chat' from='alice@example.org/a'>
                  <body>all quote</body>
                  <reply id='x' xmlns='urn:xmpp:reply:0'/>
                  <fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='9'/></fallback>
                </message>""");
        assertThat(m.body()).isEmpty();
    }

    @Test
    void overlappingRangesAreStrippedOnce() {
        InboundMessage m = map("""
                <message xmlns='jabber:client' type='chat' from='alice@example.org/a'>
                  <body>0123456789</body>
                  <reply id='x' xmlns='urn:xmpp:reply:0'/>
                  <fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'>
                    <body start='2' end='5'/><body start='0' end='3'/><body start='8' end='9'/>
                  </fallback>
                </message>""");
        assertThat(m.body()).isEqualTo("5679");
    }
}
