package im.natter.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.Availability;
import im.natter.domain.model.ConnectionFailedException;
import im.natter.domain.model.ConnectionProblem.Kind;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.OutboundMessage;
import im.natter.domain.model.PresenceStatus;
import im.natter.domain.model.ServerEndpoint;
import im.natter.domain.model.Subscription;
import im.natter.domain.model.SubscriptionRequest;
import im.natter.testsupport.prosody.ProsodyExtension;
import im.natter.testsupport.prosody.ProsodyServer;
import im.natter.testsupport.prosody.TestAccount;
import im.natter.xmpp.support.Recorder.Acked;
import im.natter.xmpp.support.Recorder.Answered;
import im.natter.xmpp.support.Recorder.Connected;
import im.natter.xmpp.support.Recorder.ContactChanged;
import im.natter.xmpp.support.Recorder.Loaded;
import im.natter.xmpp.support.Recorder.PresenceSeen;
import im.natter.xmpp.support.Recorder.Receipt;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The four adapters against a real Prosody on loopback (CA-signed certificate, SCRAM-SHA-256 passwords). */
class XmppAdaptersIT {

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.create();

    private final List<TestClient> clients = new java.util.ArrayList<>();

    private TestClient client() {
        TestClient c = TestClient.forServer(prosody.server());
        clients.add(c);
        return c;
    }

    @AfterEach
    void closeClients() {
        clients.forEach(TestClient::close);
    }

    private static Throwable failureOf(java.util.concurrent.CompletableFuture<Void> f) {
        Throwable t = catchThrowable(() -> f.get(20, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class);
        assertThat(t.getCause()).isInstanceOf(ConnectionFailedException.class);
        return t.getCause();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @Test
    void signsInWithScramSha256() throws Exception {
        TestClient c = client();
        AccountId alice = c.signIn(prosody.newAccount("alice"));
        assertThat(c.connection.isConnected(alice)).isTrue();
        assertThat(c.sessions.usedSaslMechanism(alice)).isEqualTo("SCRAM-SHA-256");
        assertThat(c.events.await(Connected.class).resumed()).isFalse();
        assertThat(c.events.await(Loaded.class).contacts()).isEmpty();
        c.connection.disconnect(alice).get(10, TimeUnit.SECONDS);
        assertThat(c.connection.isConnected(alice)).isFalse();
    }

    @Test
    void findsTheServerThroughTheSrvResolverWhenNoHostIsGiven() throws Exception {
        ProsodyServer server = prosody.server();
        TestAccount account = prosody.newAccount("srv");
        XmppConfig config = TestClient.configFor(server).withHostResolver(domain -> domain.equals(server.domain())
                ? Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.c2sPort()))
                : Optional.empty());
        TestClient c = new TestClient(config);
        clients.add(c);
        var settings = new AccountSettings(AccountId.of(account.jid()), null, null, false, List.of());
        c.connect(settings, account.password()).get(20, TimeUnit.SECONDS);
        assertThat(c.connection.isConnected(settings.id())).isTrue();
    }

    @Test
    void wrongPasswordIsReportedAsSuch() {
        TestAccount account = prosody.newAccount("bad");
        TestClient c = client();
        var failure = (ConnectionFailedException) failureOf(
                c.connect(TestClient.settings(account, "r"), account.password() + "x"));
        assertThat(failure.problem().kind()).isEqualTo(Kind.WRONG_CREDENTIALS);
        assertThat(c.events.drain()).noneMatch(Connected.class::isInstance);
    }

    @Test
    void aDomainWithoutServerIsReportedAsUnknown() {
        // .invalid never resolves (RFC 6761), so this exercises the real DNS SRV path without a network.
        var settings = new AccountSettings(AccountId.of("someone@no-such-server.invalid"), "r", null, false,
                List.of());
        var failure = (ConnectionFailedException) failureOf(client().connect(settings, "pw"));
        assertThat(failure.problem().kind()).as(failure.problem().message()).isEqualTo(Kind.UNKNOWN_DOMAIN);
    }

    @Test
    void refusedPortIsReportedAsSuch() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        TestAccount account = prosody.newAccount("refused");
        var settings = new AccountSettings(AccountId.of(account.jid()), "r",
                new ServerEndpoint("127.0.0.1", closedPort), false, List.of());
        var failure = (ConnectionFailedException) failureOf(client().connect(settings, account.password()));
        assertThat(failure.problem().kind()).isEqualTo(Kind.CONNECTION_REFUSED);
    }

    @Test
    void aWebServerIsNotMistakenForAnXmppServer() throws Exception {
        try (ServerSocket http = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread responder = Thread.ofVirtual().start(() -> answerHttp(http));
            TestAccount account = prosody.newAccount("web");
            var settings = new AccountSettings(AccountId.of(account.jid()), "r",
                    new ServerEndpoint("127.0.0.1", http.getLocalPort()), false, List.of());
            var failure = (ConnectionFailedException) failureOf(client().connect(settings, account.password()));
            assertThat(failure.problem().kind()).as(failure.problem().message()).isEqualTo(Kind.NOT_XMPP);
            responder.interrupt();
        }
    }

    @Test
    void aServerThatHangsUpMidLoginIsReportedAsDropped() throws Exception {
        try (ServerSocket xmpp = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread server = Thread.ofVirtual().start(() -> openStreamThenHangUp(xmpp));
            TestAccount account = prosody.newAccount("dropped");
            var settings = new AccountSettings(AccountId.of(account.jid()), "r",
                    new ServerEndpoint("127.0.0.1", xmpp.getLocalPort()), false, List.of());
            var failure = (ConnectionFailedException) failureOf(client().connect(settings, account.password()));
            assertThat(failure.problem().kind()).as(failure.problem().message()).isEqualTo(Kind.CONNECTION_DROPPED);
            server.interrupt();
        }
    }

    /** Behaves like an XMPP server up to the first request after its stream features, then closes the socket. */
    private static void openStreamThenHangUp(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                in.read(new byte[4096]);
                OutputStream out = s.getOutputStream();
                out.write(("<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                        + "xmlns:stream='http://etherx.jabber.org/streams' id='x1' from='localhost' version='1.0'>"
                        + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
                        + "</stream:features>").getBytes(StandardCharsets.UTF_8));
                out.flush();
                in.read(new byte[4096]); // the client's <starttls/>
            } catch (Exception e) {
                return;
            }
        }
    }

    private static void answerHttp(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                in.read(new byte[4096]);
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nContent-Length: 11\r\n"
                        + "Connection: close\r\n\r\nBad Request").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (Exception e) {
                return;
            }
        }
    }

    @Test
    void twoAccountsExchangeMessagesWithAcksAndReceipts() throws Exception {
        TestAccount aliceAccount = prosody.newAccount("alice");
        TestAccount bobAccount = prosody.newAccount("bob");
        TestClient a = client();
        TestClient b = client();
        AccountId alice = a.signIn(aliceAccount);
        AccountId bob = b.signIn(bobAccount);

        String first = id();
        a.chat.send(new OutboundMessage(alice, bob.address(), ConversationKind.CHAT, "Hi Bob", first));
        assertThat(a.events.await(Acked.class, e -> e.id().equals(first)).account()).isEqualTo(alice);
        InboundMessage got = b.events.await(InboundMessage.class);
        assertThat(got.body()).isEqualTo("Hi Bob");
        assertThat(got.from()).isEqualTo(alice.address());
        assertThat(got.fromResource()).isEqualTo("natter");
        assertThat(got.messageId()).isEqualTo(first);
        assertThat(got.originId()).isEqualTo(first);
        assertThat(got.contentKind()).isEqualTo(ContentKind.TEXT);
        assertThat(got.receiptRequested()).isTrue();
        assertThat(got.stanzaIdBy()).as("Prosody's mod_mam stamps a stanza-id by the receiver's bare JID")
                .isEqualTo(bob.address().value());
        assertThat(got.stanzaId()).isNotBlank();

        b.chat.sendReceipt(bob, got.from(), got.fromResource(), got.messageId());
        Receipt receipt = a.events.await(Receipt.class);
        assertThat(receipt.id()).isEqualTo(first);
        assertThat(receipt.from()).isEqualTo(bob.address());

        String reply = id();
        b.chat.send(new OutboundMessage(bob, alice.address(), ConversationKind.CHAT, "Hi Alice", reply));
        InboundMessage answer = a.events.await(InboundMessage.class);
        assertThat(answer.body()).isEqualTo("Hi Alice");
        assertThat(answer.serverTime()).as("sent as written: no delay").isNull();

        // a message sent late (from the outbox) says when it was written, to the millisecond
        java.time.Instant written = java.time.Instant.parse("2026-11-20T10:15:30.123Z");
        b.chat.send(new OutboundMessage(bob, alice.address(), ConversationKind.CHAT, "written earlier", id(),
                written));
        InboundMessage late = a.events.await(InboundMessage.class);
        assertThat(late.body()).isEqualTo("written earlier");
        assertThat(late.serverTime()).isEqualTo(written);
    }

    @Test
    void controlAndBidiCharactersDoNotBreakTheStream() throws Exception {
        TestClient a = client();
        TestClient b = client();
        AccountId alice = a.signIn(prosody.newAccount("alice"));
        AccountId bob = b.signIn(prosody.newAccount("bob"));
        String tricky = "bell\u0007 nul\u0000 rtl\u202Eevil\u202C lone\uD800 tab\tnewline\n end";
        a.chat.send(new OutboundMessage(alice, bob.address(), ConversationKind.CHAT, tricky, id()));
        InboundMessage got = b.events.await(InboundMessage.class);
        assertThat(got.body()).isEqualTo("bell\uFFFD nul\uFFFD rtl\u202Eevil\u202C lone\uFFFD tab\tnewline\n end");
        a.chat.send(new OutboundMessage(alice, bob.address(), ConversationKind.CHAT, "still here", id()));
        assertThat(b.events.await(InboundMessage.class).body()).isEqualTo("still here");
        assertThat(a.connection.isConnected(alice)).isTrue();
    }

    @Test
    void aStanzaSmackCannotReadIsSkippedAndTheConnectionStays() throws Exception {
        TestClient a = client();
        TestClient b = client();
        AccountId alice = a.signIn(prosody.newAccount("alice"));
        AccountId bob = b.signIn(prosody.newAccount("bob"));
        var badDelay = org.jivesoftware.smack.packet.StandardExtensionElement.builder("delay", "urn:xmpp:delay")
                .addAttribute("stamp", "not a date").build();
        var malformed = org.jivesoftware.smack.packet.StanzaBuilder.buildMessage("bad-1")
                .ofType(org.jivesoftware.smack.packet.Message.Type.chat)
                .to(org.jxmpp.jid.impl.JidCreate.from(bob.address().value()))
                .setBody("with a broken delay").addExtension(badDelay).build();
        a.sessions.get(alice).connection.sendStanza(malformed);
        a.chat.send(new OutboundMessage(alice, bob.address(), ConversationKind.CHAT, "after the bad one", id()));
        InboundMessage next = b.events.await(InboundMessage.class);
        assertThat(next.body()).isEqualTo("after the bad one");
        assertThat(b.connection.isConnected(bob)).isTrue();
    }

    @Test
    void messageToAnUnknownUserBouncesWithAReason() throws Exception {
        TestClient a = client();
        AccountId alice = a.signIn(prosody.newAccount("alice"));
        String msg = id();
        a.chat.send(new OutboundMessage(alice, Address.of("nobody-here@" + prosody.server().domain()),
                ConversationKind.CHAT, "hello?", msg));
        var failed = a.events.await(im.natter.xmpp.support.Recorder.Failed.class, f -> f.id().equals(msg));
        assertThat(failed.reason()).isNotBlank().doesNotContain("Exception");
    }

    @Test
    void subscriptionIsRequestedApprovedAndPresenceFlows() throws Exception {
        TestClient a = client();
        TestClient b = client();
        AccountId alice = a.signIn(prosody.newAccount("alice"));
        AccountId bob = b.signIn(prosody.newAccount("bob"));

        a.roster.addContact(alice, bob.address(), "Bobby").get(10, TimeUnit.SECONDS);
        ContactChanged added = a.events.await(ContactChanged.class, c -> c.contact().address().equals(bob.address()));
        assertThat(added.contact().name()).isEqualTo("Bobby");

        SubscriptionRequest request = b.events.await(SubscriptionRequest.class);
        assertThat(request.from()).isEqualTo(alice.address());
        b.roster.approveSubscription(bob, alice.address()).get(10, TimeUnit.SECONDS);

        assertThat(a.events.await(Answered.class).approved()).isTrue();
        a.events.await(ContactChanged.class, c -> c.contact().address().equals(bob.address())
                && c.contact().subscription().seesTheirPresence());
        // Bob asked back, as approving someone we do not see yet does.
        assertThat(a.events.await(SubscriptionRequest.class).from()).isEqualTo(bob.address());
        a.roster.approveSubscription(alice, bob.address()).get(10, TimeUnit.SECONDS);
        b.events.await(ContactChanged.class, c -> c.contact().address().equals(alice.address())
                && c.contact().subscription() == Subscription.BOTH);

        b.presence.setOwnPresence(bob, new PresenceStatus(Availability.DO_NOT_DISTURB, "in a meeting"));
        PresenceSeen seen = a.events.await(PresenceSeen.class, p -> p.from().equals(bob.address())
                && p.status().availability() == Availability.DO_NOT_DISTURB);
        assertThat(seen.status().message()).isEqualTo("in a meeting");
        assertThat(seen.resource()).isEqualTo("natter");

        b.connection.disconnect(bob).get(10, TimeUnit.SECONDS);
        a.events.await(PresenceSeen.class, p -> p.from().equals(bob.address())
                && p.status().availability() == Availability.OFFLINE);
    }

    @Test
    void subscriptionRequestSentWhileOfflineArrivesAtSignIn() throws Exception {
        TestClient a = client();
        AccountId alice = a.signIn(prosody.newAccount("alice"));
        TestAccount bobAccount = prosody.newAccount("bob");
        Address bob = Address.of(bobAccount.jid());

        a.roster.addContact(alice, bob, null).get(10, TimeUnit.SECONDS);
        a.events.await(ContactChanged.class, c -> c.contact().address().equals(bob) && c.contact().askPending());

        TestClient b = client();
        AccountId bobId = b.signIn(bobAccount);
        SubscriptionRequest request = b.events.await(SubscriptionRequest.class);
        assertThat(request.from()).isEqualTo(alice.address());
        b.roster.denySubscription(bobId, alice.address()).get(10, TimeUnit.SECONDS);
        assertThat(a.events.await(Answered.class).approved()).isFalse();
    }

    @Test
    void resumesTheStreamAfterTheTcpConnectionDrops() throws Exception {
        TestClient a = client();
        TestClient b = client();
        AccountId alice = a.signIn(prosody.newAccount("alice"));
        AccountId bob = b.signIn(prosody.newAccount("bob"));
        a.events.await(Connected.class);
        Session session = a.sessions.get(alice);
        var connectionBefore = session.connection;

        // Drop the socket without closing the stream: what a network outage looks like to both sides.
        session.connection.instantShutdown();
        assertThat(a.connection.isConnected(alice)).isFalse();

        b.chat.send(new OutboundMessage(bob, alice.address(), ConversationKind.CHAT, "while you were gone", id()));
        b.events.await(Acked.class);

        a.connection.reconnect(alice).get(20, TimeUnit.SECONDS);
        assertThat(a.events.await(Connected.class).resumed()).isTrue();
        assertThat(a.sessions.get(alice).connection).isSameAs(connectionBefore);
        assertThat(a.events.await(InboundMessage.class).body()).isEqualTo("while you were gone");
    }
}
