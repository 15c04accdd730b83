package im.natter.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.Direction;
import im.natter.domain.model.HistoryQuery;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.MessageSource;
import im.natter.domain.model.OutboundMessage;
import im.natter.testsupport.prosody.ProsodyExtension;
import im.natter.testsupport.prosody.SmackClients;
import im.natter.testsupport.prosody.TestAccount;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.forward.packet.Forwarded;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** XEP-0280 between Natter and a second device (a plain Smack client) of the same account, on a real Prosody. */
class CarbonsIT {

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.create(b -> b.sqlStorage());

    @Test
    void messagesOfEitherDeviceAreCopiedToTheOther() throws Exception {
        TestAccount me = prosody.newAccount("me");
        TestAccount alice = prosody.newAccount("alice");
        XMPPTCPConnection phone = SmackClients.connect(SmackClients.configuration(prosody.server(), me, "phone")
                .build());
        try (TestClient natter = TestClient.forServer(prosody.server())) {
            AccountId account = natter.signIn(me);
            BlockingQueue<String> phoneCopies = new LinkedBlockingQueue<>();
            CarbonManager phoneCarbons = CarbonManager.getInstanceFor(phone);
            phoneCarbons.addCarbonCopyReceivedListener((direction, copy, wrapper) ->
                    phoneCopies.add(direction + ":" + copy.getBody()));
            phoneCarbons.enableCarbons();
            XMPPTCPConnection aliceConn = prosody.connect(alice);

            // Alice writes to the phone alone: Natter sees it as a received carbon.
            aliceConn.sendStanza(StanzaBuilder.buildMessage().ofType(Message.Type.chat)
                    .to(JidCreate.from(me.jid() + "/phone")).setBody("to the phone").build());
            InboundMessage received = natter.events.await(InboundMessage.class, m -> m.body().equals("to the phone"));
            assertThat(received.source()).isEqualTo(MessageSource.CARBON);
            assertThat(received.direction()).isEqualTo(Direction.INCOMING);
            assertThat(received.from()).isEqualTo(Address.of(alice.jid()));
            assertThat(received.peer()).isEqualTo(Address.of(alice.jid()));
            assertThat(received.fromResource()).isEqualTo("test");

            // The phone writes to Alice: Natter sees it as the user's own message, with the phone's origin-id.
            phone.sendStanza(StanzaBuilder.buildMessage("phone-m1").ofType(Message.Type.chat)
                    .to(JidCreate.from(alice.jid())).setBody("from the phone")
                    .addExtension(new OriginIdElement("phone-o1")).build());
            InboundMessage sent = natter.events.await(InboundMessage.class, m -> m.body().equals("from the phone"));
            assertThat(sent.source()).isEqualTo(MessageSource.CARBON);
            assertThat(sent.direction()).isEqualTo(Direction.OUTGOING);
            assertThat(sent.from()).isEqualTo(account.address());
            assertThat(sent.fromResource()).isEqualTo("phone");
            assertThat(sent.peer()).isEqualTo(Address.of(alice.jid()));
            assertThat(sent.originId()).isEqualTo("phone-o1");

            // And the other way: what Natter sends and what Alice sends to Natter alone reach the phone as copies.
            natter.chat.send(new OutboundMessage(account, Address.of(alice.jid()), ConversationKind.CHAT,
                    "from natter", "natter-o1"));
            assertThat(phoneCopies.poll(20, TimeUnit.SECONDS)).isEqualTo("sent:from natter");
            aliceConn.sendStanza(StanzaBuilder.buildMessage().ofType(Message.Type.chat)
                    .to(JidCreate.from(me.jid() + "/natter")).setBody("to natter").build());
            InboundMessage live = natter.events.await(InboundMessage.class, m -> m.body().equals("to natter"));
            assertThat(live.source()).isEqualTo(MessageSource.LIVE);
            assertThat(phoneCopies.poll(20, TimeUnit.SECONDS)).isEqualTo("received:to natter");

            // Prosody stamps its stanza-id on carbons of both kinds, and it is the archive id: the same message
            // fetched later from the archive is recognisably the same.
            var archived = natter.history.fetch(HistoryQuery.newestSince(account, Address.of(alice.jid()), null, 50))
                    .get(20, TimeUnit.SECONDS).messages().stream()
                    .collect(Collectors.toMap(InboundMessage::body, InboundMessage::archiveId));
            assertThat(received.stanzaId()).isNotNull().isEqualTo(archived.get("to the phone"));
            assertThat(sent.stanzaId()).isNotNull().isEqualTo(archived.get("from the phone"));
            assertThat(live.stanzaId()).isNotNull().isEqualTo(archived.get("to natter"));
        } finally {
            phone.disconnect();
        }
    }

    @Test
    void aCarbonForgedByAContactIsDropped() throws Exception {
        TestAccount me = prosody.newAccount("me");
        TestAccount mallory = prosody.newAccount("mallory");
        TestAccount bob = prosody.newAccount("bob");
        try (TestClient natter = TestClient.forServer(prosody.server())) {
            natter.signIn(me);
            XMPPTCPConnection malloryConn = prosody.connect(mallory);
            Message claim = StanzaBuilder.buildMessage().ofType(Message.Type.chat)
                    .from(JidCreate.from(bob.jid() + "/x")).to(JidCreate.from(me.jid() + "/natter"))
                    .setBody("forged: Bob says pay Mallory").build();
            malloryConn.sendStanza(StanzaBuilder.buildMessage().ofType(Message.Type.chat)
                    .to(JidCreate.from(me.jid() + "/natter"))
                    .addExtension(new CarbonExtension(CarbonExtension.Direction.received, new Forwarded<>(claim)))
                    .build());
            malloryConn.sendStanza(StanzaBuilder.buildMessage().ofType(Message.Type.chat)
                    .to(JidCreate.from(me.jid() + "/natter")).setBody("after the forgery").build());

            // Stanzas from one sender are handled in order, so the forgery has been seen (and dropped) by now.
            natter.events.await(InboundMessage.class, m -> m.body().equals("after the forgery"));
            assertThat(natter.events.drain()).noneMatch(e -> e instanceof InboundMessage m
                    && m.body().contains("forged"));
        }
    }
}
