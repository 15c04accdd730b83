package im.natter.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatState;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.OutboundMessage;
import im.natter.domain.port.ChatStatePort;
import im.natter.domain.port.MarkersPort;
import im.natter.testsupport.prosody.ProsodyExtension;
import im.natter.testsupport.prosody.TestAccount;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** Displayed markers, read-state sync and chat states between real clients on a real Prosody. */
class ReadStateIT {

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.create(b -> b.sqlStorage());

    /** A Natter client with the read-state and chat-state adapters, recording what they report. */
    private static final class Device implements AutoCloseable {
        final TestClient client;
        final MarkersAdapter markers;
        final ChatStateAdapter chatStates;
        final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

        Device() {
            client = TestClient.forServer(prosody.server());
            markers = new MarkersAdapter(client.sessions);
            chatStates = new ChatStateAdapter(client.sessions);
            markers.addListener(new MarkersPort.Listener() {
                @Override
                public void displayedByPeer(AccountId account, Address from, String messageId) {
                    seen.add("displayed " + from + " " + messageId);
                }

                @Override
                public void readElsewhere(AccountId account, Address peer, String stanzaId, String messageId) {
                    seen.add("read " + peer + " " + (stanzaId != null ? "sid:" + stanzaId : "id:" + messageId));
                }
            });
            chatStates.addListener((ChatStatePort.Listener) (account, from, state) ->
                    seen.add("state " + from + " " + state));
        }

        AccountId signIn(TestAccount account, String resource) throws Exception {
            AccountSettings s = TestClient.settings(account, resource);
            client.connect(s, account.password()).get(20, TimeUnit.SECONDS);
            return s.id();
        }

        String await(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                String e = seen.poll(1, TimeUnit.SECONDS);
                if (e != null && e.startsWith(prefix)) {
                    return e;
                }
            }
            throw new AssertionError("nothing starting with '" + prefix + "'");
        }

        @Override
        public void close() {
            client.close();
        }
    }

    @Test
    void aMarkerGoesBackToTheSenderAndChatStatesArrive() throws Exception {
        TestAccount me = prosody.newAccount("me");
        TestAccount bob = prosody.newAccount("bob");
        try (Device mine = new Device(); Device bobs = new Device()) {
            AccountId myAccount = mine.signIn(me, "natter");
            AccountId bobAccount = bobs.signIn(bob, "natter");
            Address myAddress = myAccount.address();
            Address bobAddress = bobAccount.address();

            mine.client.chat.send(new OutboundMessage(myAccount, bobAddress, ConversationKind.CHAT, "hi bob", "o-1"));
            InboundMessage got = bobs.client.events.await(InboundMessage.class, m -> m.body().equals("hi bob"));
            // every message says <active/>, so Bob's client learns that Natter speaks chat states
            assertThat(bobs.await("state ")).isEqualTo("state " + myAddress + " ACTIVE");

            assertThat(bobs.markers.sendDisplayed(bobAccount, myAddress, got.originId())).isTrue();
            assertThat(mine.await("displayed")).isEqualTo("displayed " + bobAddress + " o-1");

            bobs.chatStates.sendChatState(bobAccount, myAddress, ChatState.COMPOSING);
            assertThat(mine.await("state")).isEqualTo("state " + bobAddress + " COMPOSING");
            bobs.chatStates.sendChatState(bobAccount, myAddress, ChatState.PAUSED);
            assertThat(mine.await("state")).isEqualTo("state " + bobAddress + " PAUSED");
        }
    }

    @Test
    void noMarkerForAMessageThatDidNotAskForOne() throws Exception {
        TestAccount me = prosody.newAccount("me");
        TestAccount bob = prosody.newAccount("bob");
        try (Device mine = new Device()) {
            AccountId myAccount = mine.signIn(me, "natter");
            XMPPTCPConnection bobConn = prosody.connect(bob);
            bobConn.sendStanza(StanzaBuilder.buildMessage("plain-1").ofType(Message.Type.chat)
                    .to(JidCreate.from(me.jid())).setBody("no markers please").build());
            mine.client.events.await(InboundMessage.class, m -> m.body().equals("no markers please"));
            assertThat(mine.markers.sendDisplayed(myAccount, Address.of(bob.jid()), "plain-1")).isFalse();
        }
    }

    @Test
    void aReadPointPublishedOnOneDeviceReachesTheOthersLiveAndAtSignIn() throws Exception {
        TestAccount me = prosody.newAccount("me");
        Address alice = Address.of("alice@example.net");
        try (Device laptop = new Device(); Device desktop = new Device()) {
            AccountId account = laptop.signIn(me, "laptop");
            desktop.signIn(me, "desktop");

            assertThat(publishUntilHeard(laptop, account, alice, "sid-7", desktop))
                    .isEqualTo("read " + alice + " sid:sid-7");

            try (Device phone = new Device()) {
                phone.signIn(me, "phone");
                assertThat(phone.await("read " + alice)).isEqualTo("read " + alice + " sid:sid-7");
            }
        }
    }

    @Test
    void aForgedReadPointFromAContactIsDropped() throws Exception {
        TestAccount me = prosody.newAccount("me");
        TestAccount mallory = prosody.newAccount("mallory");
        try (Device mine = new Device()) {
            mine.signIn(me, "natter");
            XMPPTCPConnection malloryConn = prosody.connect(mallory);
            var displayed = StandardExtensionElement.builder("displayed", "urn:xmpp:mds:displayed:0")
                    .addElement(StandardExtensionElement.builder("stanza-id", "urn:xmpp:sid:0")
                            .addAttribute("by", me.jid()).addAttribute("id", "forged").build())
                    .build();
            var item = StandardExtensionElement.builder("item", "http://jabber.org/protocol/pubsub#event")
                    .addAttribute("id", "bob@example.net").addElement(displayed).build();
            var items = StandardExtensionElement.builder("items", "http://jabber.org/protocol/pubsub#event")
                    .addAttribute("node", "urn:xmpp:mds:displayed:0").addElement(item).build();
            var event = StandardExtensionElement.builder("event", "http://jabber.org/protocol/pubsub#event")
                    .addElement(items).build();
            malloryConn.sendStanza(StanzaBuilder.buildMessage().ofType(Message.Type.headline)
                    .to(JidCreate.from(me.jid() + "/natter")).addExtension(event).build());
            malloryConn.sendStanza(StanzaBuilder.buildMessage().ofType(Message.Type.chat)
                    .to(JidCreate.from(me.jid() + "/natter")).setBody("after the forgery").build());
            mine.client.events.await(InboundMessage.class, m -> m.body().equals("after the forgery"));
            assertThat(mine.seen).noneMatch(e -> e.startsWith("read"));
        }
    }

    /**
     * Publishes a read point on {@code from} until {@code to} hears of it live, and returns what {@code to} heard.
     * Prosody pushes a PEP item only to the resources whose notification interests it knows, which it learns from a
     * caps query it asks after each presence, in its own time (again whenever a presence carries a new caps hash); an
     * item published in such a window is never pushed, whatever the client does. A ping round trip (tried first) did
     * not order it, nor did waiting for one probe item to arrive (this test failed in 2026-11 runs either way). So the
     * same read point is published again after a second without it, and the listening device says its presence again
     * (once more failed in a full run after 30 s of publishing: Prosody never learned that device's interests, and
     * only a presence makes it look again).
     */
    private static String publishUntilHeard(Device from, AccountId account, Address peer, String stanzaId, Device to) {
        String[] heard = new String[1];
        int[] tries = new int[1];
        im.natter.testsupport.Eventually.until("a read point published on one device reaching the other", () -> {
            if (tries[0]++ > 0) {
                to.client.sayPresenceAgain(account, tries[0]);
            }
            from.markers.publishReadUpTo(account, peer, stanzaId);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (System.nanoTime() < deadline) {
                    String e = to.seen.poll(50, TimeUnit.MILLISECONDS);
                    if (e != null && e.startsWith("read " + peer)) {
                        heard[0] = e;
                        return true;
                    }
                }
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        return heard[0];
    }
}
