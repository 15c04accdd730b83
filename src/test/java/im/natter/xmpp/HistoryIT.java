package im.natter.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.Direction;
import im.natter.domain.model.HistoryPage;
import im.natter.domain.model.HistoryQuery;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.MessageSource;
import im.natter.domain.model.OutboundMessage;
import im.natter.testsupport.prosody.ProsodyExtension;
import im.natter.testsupport.prosody.TestAccount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.message_correct.element.MessageCorrectExtension;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** XEP-0313 through the HistoryAdapter against Prosody's SQL archive, plus offline storage and message references. */
class HistoryIT {

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.create(b -> b.sqlStorage());

    private static final int MESSAGES = 120;
    private static final int PAGE = 50;

    @Test
    void theWholeConversationComesBackOnceInOrderPagingEitherWay() throws Exception {
        TestAccount me = prosody.newAccount("me");
        TestAccount alice = prosody.newAccount("alice");
        try (TestClient natter = TestClient.forServer(prosody.server())) {
            AccountId account = natter.signIn(me);
            assertThat(natter.history.isSupported(account)).isTrue();
            XMPPTCPConnection aliceConn = prosody.connect(alice);
            BlockingQueue<String> atAlice = new LinkedBlockingQueue<>();
            aliceConn.addSyncStanzaListener(s -> {
                if (((Message) s).getBody() != null) {
                    atAlice.add(((Message) s).getBody());
                }
            }, StanzaTypeFilter.MESSAGE);

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                String body = "m%03d".formatted(i);
                expected.add(body);
                // One at a time, each delivered before the next, so the archive's order is this order.
                if (i % 2 == 0) {
                    aliceConn.sendStanza(StanzaBuilder.buildMessage().ofType(Message.Type.chat)
                            .to(JidCreate.from(me.jid())).setBody(body).build());
                    natter.events.await(InboundMessage.class, m -> m.body().equals(body));
                } else {
                    natter.chat.send(new OutboundMessage(account, Address.of(alice.jid()), ConversationKind.CHAT,
                            body, "o-" + body));
                    assertThat(atAlice.poll(20, TimeUnit.SECONDS)).isEqualTo(body);
                }
            }

            List<InboundMessage> forwards = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            String after = null;
            for (int guard = 0; guard < 10; guard++) {
                HistoryPage page = fetch(natter, HistoryQuery.after(account, after, PAGE));
                checkPageIds(page);
                forwards.addAll(page.messages());
                pageSizes.add(page.messages().size());
                after = page.lastArchiveId();
                if (page.complete()) {
                    break;
                }
            }
            assertThat(pageSizes).containsExactly(50, 50, 20);
            checkConversation(forwards, expected, account, alice);

            List<List<InboundMessage>> backwardPages = new ArrayList<>();
            HistoryPage page = fetch(natter, HistoryQuery.newestSince(account, Address.of(alice.jid()), null, PAGE));
            for (int guard = 0; guard < 10; guard++) {
                checkPageIds(page);
                backwardPages.addFirst(page.messages());
                if (page.complete()) {
                    break;
                }
                page = fetch(natter, HistoryQuery.before(account, Address.of(alice.jid()), page.firstArchiveId(),
                        PAGE));
            }
            List<InboundMessage> backwards = backwardPages.stream().flatMap(List::stream).toList();
            checkConversation(backwards, expected, account, alice);
            assertThat(backwards).isEqualTo(forwards);
        }
    }

    @Test
    void theWritersClockCrossesTheWireLiveAndComesBackFromTheArchive() throws Exception {
        TestAccount me = prosody.newAccount("me");
        TestAccount alice = prosody.newAccount("alice");
        java.time.Instant written = java.time.Instant.parse("2026-11-21T10:15:30.123Z");
        try (TestClient natter = TestClient.forServer(prosody.server());
                TestClient aliceNatter = TestClient.forServer(prosody.server())) {
            AccountId account = natter.signIn(me);
            AccountId aliceAccount = aliceNatter.signIn(alice);
            aliceNatter.chat.send(new OutboundMessage(aliceAccount, Address.of(me.jid()), ConversationKind.CHAT,
                    "clocked", "o-clocked", null, written));

            InboundMessage live = natter.events.await(InboundMessage.class, m -> m.body().equals("clocked"));
            assertThat(live.senderClock()).isEqualTo(written);
            HistoryPage page = fetch(natter, HistoryQuery.newestSince(account, Address.of(alice.jid()), null, PAGE));
            assertThat(page.messages()).singleElement()
                    .satisfies(m -> assertThat(m.senderClock()).isEqualTo(written));
        }
    }

    @Test
    void aMessageSentWhileOfflineArrivesAtSignInAndIsInTheArchiveUnderTheSameStanzaId() throws Exception {
        TestAccount me = prosody.newAccount("me");
        TestAccount bob = prosody.newAccount("bob");
        XMPPTCPConnection bobConn = prosody.connect(bob);
        bobConn.sendStanza(StanzaBuilder.buildMessage("bob-m1").ofType(Message.Type.chat)
                .to(JidCreate.from(me.jid())).setBody("while you were away")
                .addExtension(new OriginIdElement("bob-o1")).build());
        // The server handles one client's stanzas in order: once the ping is answered, the message is stored.
        assertThat(PingManager.getInstanceFor(bobConn).pingMyServer()).isTrue();

        try (TestClient natter = TestClient.forServer(prosody.server())) {
            AccountId account = natter.signIn(me);
            InboundMessage live = natter.events.await(InboundMessage.class,
                    m -> m.body().equals("while you were away"));
            assertThat(live.source()).isEqualTo(MessageSource.LIVE);
            assertThat(live.serverTime()).as("offline delivery carries a delay stamp").isNotNull();
            assertThat(live.originId()).isEqualTo("bob-o1");

            HistoryPage page = fetch(natter, HistoryQuery.newestSince(account, Address.of(bob.jid()), null, PAGE));
            assertThat(page.messages()).hasSize(1);
            InboundMessage archived = page.messages().getFirst();
            assertThat(archived.originId()).isEqualTo("bob-o1");
            assertThat(archived.archiveId()).isNotNull();
            assertThat(live.stanzaId()).as("stanza-id on the offline-delivered copy").isNotNull();
            assertThat(live.stanzaId()).isEqualTo(archived.archiveId());
            assertThat(live.stanzaIdBy()).isEqualTo(account.address().value());
        }
    }

    @Test
    void correctionsRetractionsAndRepliesFromAnotherClientMapLiveAndFromTheArchive() throws Exception {
        TestAccount me = prosody.newAccount("me");
        TestAccount alice = prosody.newAccount("alice");
        try (TestClient natter = TestClient.forServer(prosody.server())) {
            AccountId account = natter.signIn(me);
            XMPPTCPConnection aliceConn = prosody.connect(alice);
            var to = JidCreate.from(me.jid());
            aliceConn.sendStanza(StanzaBuilder.buildMessage("a-1").ofType(Message.Type.chat).to(to)
                    .setBody("We shuold bake a cake").addExtension(new OriginIdElement("a-1")).build());
            aliceConn.sendStanza(StanzaBuilder.buildMessage("a-2").ofType(Message.Type.chat).to(to)
                    .setBody("We should bake a cake").addExtension(new MessageCorrectExtension("a-1"))
                    .addExtension(new OriginIdElement("a-2")).build());
            String quote = "> We should bake a cake\n";
            aliceConn.sendStanza(StanzaBuilder.buildMessage("a-3").ofType(Message.Type.chat).to(to)
                    .setBody(quote + "With 🎂 candles!")
                    .addExtension(StandardExtensionElement.builder("reply", "urn:xmpp:reply:0")
                            .addAttribute("to", alice.jid() + "/test").addAttribute("id", "a-1").build())
                    .addExtension(fallback("urn:xmpp:reply:0", 0, quote.codePointCount(0, quote.length())))
                    .addExtension(new OriginIdElement("a-3")).build());
            aliceConn.sendStanza(StanzaBuilder.buildMessage("a-4").ofType(Message.Type.chat).to(to)
                    .setBody("This person attempted to retract a previous message, but it's unsupported by your "
                            + "client.")
                    .addExtension(StandardExtensionElement.builder("retract", "urn:xmpp:message-retract:1")
                            .addAttribute("id", "a-3").build())
                    .addExtension(StandardExtensionElement.builder("fallback", "urn:xmpp:fallback:0")
                            .addAttribute("for", "urn:xmpp:message-retract:1").build())
                    .addExtension(new OriginIdElement("a-4")).build());

            List<InboundMessage> live = new ArrayList<>();
            for (String id : List.of("a-1", "a-2", "a-3", "a-4")) {
                live.add(natter.events.await(InboundMessage.class, m -> id.equals(m.originId())));
            }
            checkReferences(live);

            HistoryPage page = fetch(natter, HistoryQuery.newestSince(account, Address.of(alice.jid()), null, PAGE));
            assertThat(page.messages()).extracting(InboundMessage::originId).containsExactly("a-1", "a-2", "a-3",
                    "a-4");
            checkReferences(page.messages());
            assertThat(page.messages()).allMatch(m -> m.source() == MessageSource.ARCHIVE);
        }
    }

    private static void checkReferences(List<InboundMessage> m) {
        assertThat(m.get(0).body()).isEqualTo("We shuold bake a cake");
        assertThat(m.get(0).changesAnother()).isFalse();
        assertThat(m.get(1).replacesId()).isEqualTo("a-1");
        assertThat(m.get(1).body()).isEqualTo("We should bake a cake");
        assertThat(m.get(2).replyToId()).isEqualTo("a-1");
        assertThat(m.get(2).body()).isEqualTo("With 🎂 candles!");
        assertThat(m.get(3).retractsId()).isEqualTo("a-3");
        assertThat(m.get(3).replacesId()).isNull();
    }

    private static StandardExtensionElement fallback(String feature, int start, int end) {
        return StandardExtensionElement.builder("fallback", "urn:xmpp:fallback:0").addAttribute("for", feature)
                .addElement(StandardExtensionElement.builder("body", "urn:xmpp:fallback:0")
                        .addAttribute("start", Integer.toString(start)).addAttribute("end", Integer.toString(end))
                        .build())
                .build();
    }

    private static HistoryPage fetch(TestClient natter, HistoryQuery query) throws Exception {
        return natter.history.fetch(query).get(30, TimeUnit.SECONDS);
    }

    private static void checkPageIds(HistoryPage page) {
        assertThat(page.messages()).isNotEmpty();
        assertThat(page.firstArchiveId()).isEqualTo(page.messages().getFirst().archiveId());
        assertThat(page.lastArchiveId()).isEqualTo(page.messages().getLast().archiveId());
    }

    private static void checkConversation(List<InboundMessage> got, List<String> expected, AccountId account,
            TestAccount alice) {
        assertThat(got).extracting(InboundMessage::body).containsExactlyElementsOf(expected);
        assertThat(new HashSet<>(got.stream().map(InboundMessage::archiveId).toList())).hasSize(expected.size());
        for (int i = 0; i < got.size(); i++) {
            InboundMessage m = got.get(i);
            assertThat(m.source()).isEqualTo(MessageSource.ARCHIVE);
            assertThat(m.archiveId()).isNotBlank();
            assertThat(m.stanzaId()).isEqualTo(m.archiveId());
            assertThat(m.serverTime()).isNotNull();
            assertThat(m.peer()).isEqualTo(Address.of(alice.jid()));
            if (i % 2 == 0) {
                assertThat(m.direction()).isEqualTo(Direction.INCOMING);
                assertThat(m.from()).isEqualTo(Address.of(alice.jid()));
            } else {
                assertThat(m.direction()).isEqualTo(Direction.OUTGOING);
                assertThat(m.from()).isEqualTo(account.address());
                assertThat(m.originId()).isEqualTo("o-" + m.body());
            }
        }
    }
}
