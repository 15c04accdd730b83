package im.natter.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

class ReadSyncRequestsTest {

    @Test
    void thePublishNamesTheChatAndOurStanzaIdAndKeepsTheNodePrivate() throws Exception {
        String xml = ReadSyncRequests.publish(JidCreate.entityBareFrom("me@example.org"), "alice@example.net",
                "sid-1").toXML().toString();
        assertThat(xml).contains("<publish node='urn:xmpp:mds:displayed:0'>")
                .contains("<item id='alice@example.net'>")
                .contains("<stanza-id xmlns='urn:xmpp:sid:0' by='me@example.org' id='sid-1'/>")
                .contains("var='pubsub#access_model'><value>whitelist</value>")
                .contains("var='pubsub#max_items'><value>max</value>")
                .contains("var='pubsub#send_last_published_item'><value>never</value>")
                .contains("var='pubsub#persist_items'><value>true</value>");
    }

    @Test
    void aStanzaIdIsEscaped() throws Exception {
        String xml = ReadSyncRequests.publish(JidCreate.entityBareFrom("me@example.org"), "alice@example.net",
                "a'<b").toXML().toString();
        assertThat(xml).doesNotContain("a'<b").contains("a&apos;&lt;b");
    }
}
