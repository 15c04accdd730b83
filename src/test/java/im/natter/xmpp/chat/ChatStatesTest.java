package im.natter.xmpp.chat;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatState;
import org.junit.jupiter.api.Test;

class ChatStatesTest {

    private static final AccountId ME = AccountId.of("me@example.org");

    @Test
    void aContactTyping() {
        var r = ChatStates.from(StanzaFixtures.parse("""
                <message xmlns='jabber:client' from='alice@example.net/phone' to='me@example.org' type='chat'>
                  <composing xmlns='http://jabber.org/protocol/chatstates'/>
                </message>"""), ME).orElseThrow();
        assertThat(r.from()).isEqualTo(Address.of("alice@example.net"));
        assertThat(r.state()).isEqualTo(ChatState.COMPOSING);
    }

    @Test
    void everyStateIsRead() {
        for (String name : new String[] {"active", "paused", "inactive", "gone"}) {
            var r = ChatStates.from(StanzaFixtures.parse("""
                    <message xmlns='jabber:client' from='alice@example.net/phone' to='me@example.org' type='chat'>
                      <body>x</body><%s xmlns='http://jabber.org/protocol/chatstates'/>
                    </message>""".formatted(name)), ME).orElseThrow();
            assertThat(r.state().name()).isEqualToIgnoringCase(name);
        }
    }

    @Test
    void ourOwnDevicesCopiesAndMessagesWithoutAStateDoNotCount() {
        assertThat(ChatStates.from(StanzaFixtures.parse("""
                <message xmlns='jabber:client' from='me@example.org/phone' to='me@example.org' type='chat'>
                  <composing xmlns='http://jabber.org/protocol/chatstates'/>
                </message>"""), ME)).isEmpty();
        assertThat(ChatStates.from(StanzaFixtures.parse("""
                <message xmlns='jabber:client' from='me@example.org' to='me@example.org/natter' type='chat'>
                  <received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>
                    <message xmlns='jabber:client' from='alice@example.net/phone' to='me@example.org/phone'
                             type='chat'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>
                  </forwarded></received>
                </message>"""), ME)).isEmpty();
        assertThat(ChatStates.from(StanzaFixtures.parse("""
                <message xmlns='jabber:client' from='alice@example.net/phone' to='me@example.org' type='chat'>
                  <body>no state</body>
                </message>"""), ME)).isEmpty();
    }
}
