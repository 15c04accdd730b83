package im.natter.app;

import static im.natter.app.RoomMember.done;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.event.MessageAdded;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.DataForm;
import im.natter.testsupport.Eventually;
import im.natter.testsupport.fakes.InMemorySecretStore;
import im.natter.testsupport.faults.FaultProxy;
import im.natter.testsupport.prosody.TestAccount;
import im.natter.testsupport.server.ServerKind;
import im.natter.testsupport.server.XmppServers;
import im.natter.testsupport.server.XmppTestServer;
import im.natter.xmpp.XmppConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A returning user's room catch-up against real Prosody and ejabberd, with Natter's whole core on SQLite: more
 * than a page of messages was written while the user was away, in a burst the server stamps within the same few
 * seconds. The newest page comes first, then the gap from the stored cursor; the fill is cut off midway (the
 * connection cut, or Natter closed) and goes on later. In the end every message is stored exactly once, in the
 * order of the room's archive.
 */
class RoomCatchUpIT {

    @RegisterExtension
    static final XmppServers servers = XmppServers.create();

    /** More than two pages of the product's size (100; Prosody answers at most 50 a page). */
    private static final int WRITTEN = 250;

    @TempDir
    Path home;

    private FaultProxy proxy;
    private AppContext natter;
    private XMPPTCPConnection carol;

    @AfterEach
    void close() {
        if (natter != null) {
            natter.close();
        }
        if (carol != null) {
            carol.disconnect();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void aFillCutOffByALostConnectionGoesOnAndStoresEveryMessageOnceInTheArchivesOrder(ServerKind kind)
            throws Exception {
        Setup at = awayWhileTheRoomTalks(kind);
        CountDownLatch cut = new CountDownLatch(1);
        AtomicInteger storedAtTheCut = new AtomicInteger();
        cutOffMidway(at, () -> {
            storedAtTheCut.set(storedMessages(at));
            proxy.cut();
            proxy.slow(Duration.ZERO);
            cut.countDown();
        });

        done(natter.rooms.join(at.account, at.room, "alice", null));

        assertThat(cut.await(30, TimeUnit.SECONDS)).as("the fill was cut off").isTrue();
        awaitAll(at);
        assertThat(storedAtTheCut.get()).as("messages stored when the connection was cut").isLessThan(WRITTEN);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void aFillCutOffByClosingNatterGoesOnAtTheNextStartAndStoresEveryMessageOnceInTheArchivesOrder(
            ServerKind kind) throws Exception {
        Setup at = awayWhileTheRoomTalks(kind);
        CountDownLatch midway = new CountDownLatch(1);
        cutOffMidway(at, () -> {
            // the network holds still, so nothing more arrives while Natter closes
            proxy.stall();
            midway.countDown();
        });

        done(natter.rooms.join(at.account, at.room, "alice", null));
        assertThat(midway.await(30, TimeUnit.SECONDS)).as("the fill got midway").isTrue();
        natter.close();
        natter = null;
        int stored = storedMessages(at.dataDir, at);
        assertThat(stored).as("messages stored when Natter was closed").isLessThan(WRITTEN);

        // the next start: the room's bookmark joins it again, and the catch-up goes on from the stored cursor
        proxy.cut();
        proxy.slow(Duration.ZERO);
        proxy.resume();
        natter = start(at.server, at.dataDir);
        done(natter.accounts.signIn(at.settings, at.password));
        awaitAll(at);
    }

    /** What the test set up: Natter signed in behind the proxy, out of a room where 250 were said meanwhile. */
    private record Setup(XmppTestServer server, Path dataDir, AccountSettings settings, char[] password,
            AccountId account, Address room, ConversationKey key) {
    }

    /**
     * Alice's Natter (through a proxy the test can cut) makes a room that stays; carol is in it. Alice leaves, carol
     * says "m0", alice comes back (her cursor is now that message's archive id) and leaves again; carol says
     * m1..m250 as fast as the server takes them.
     */
    private Setup awayWhileTheRoomTalks(ServerKind kind) throws Exception {
        XmppTestServer server = servers.server(kind);
        proxy = FaultProxy.to(server.c2sPort());
        TestAccount alice = servers.newAccount(kind, "alice");
        Path dataDir = home.resolve("alice");
        natter = start(server, dataDir);
        AccountSettings settings = new AccountSettings(AccountId.of(alice.jid()), "laptop", null, false, List.of());
        done(natter.accounts.signIn(settings, alice.password().toCharArray()));
        Address room = Address.of("catchup-" + UUID.randomUUID().toString().substring(0, 8) + "@"
                + server.mucDomain());
        ConversationKey key = new ConversationKey(settings.id(), room, ConversationKind.ROOM);
        Setup at = new Setup(server, dataDir, settings, alice.password().toCharArray(), settings.id(), room, key);

        assertThat(done(natter.rooms.join(at.account, room, "alice", null)).created()).isTrue();
        DataForm form = done(natter.rooms.configurationForm(key))
                .withValues("muc#roomconfig_persistentroom", List.of("1"));
        done(natter.rooms.submitConfiguration(key, form));
        carol = servers.connect(kind, servers.newAccount(kind, "carol"));
        MultiUserChat carolIn = MultiUserChatManager.getInstanceFor(carol)
                .getMultiUserChat(JidCreate.entityBareFrom(room.value()));
        AtomicInteger heard = new AtomicInteger();
        carolIn.addMessageListener(m -> {
            if (m.getBody() != null && m.getBody().matches("m\\d+")) {
                heard.incrementAndGet();
            }
        });
        carolIn.join(Resourcepart.from("carol"));

        done(natter.rooms.leave(key));
        carolIn.sendMessage("m0");
        Eventually.until("the room reflects m0", () -> heard.get() == 1);
        done(natter.rooms.join(at.account, room, "alice", null));
        Eventually.until("alice's catch-up stores m0", () -> bodies(at).contains("m0"));
        done(natter.rooms.leave(key));

        for (int i = 1; i <= WRITTEN; i++) {
            carolIn.sendMessage("m" + i);
        }
        Eventually.until("the room reflects all " + WRITTEN, () -> heard.get() == WRITTEN + 1);
        return at;
    }

    /**
     * Runs {@code then} once the newest page is stored and the first page of the gap behind it too: from the
     * newest page on, the proxy passes each kilobyte slowly, so the next page is still on its way then.
     */
    private void cutOffMidway(Setup at, Runnable then) {
        AtomicInteger step = new AtomicInteger();
        natter.events().subscribe(e -> {
            if (e instanceof MessageAdded a && a.message().conversation().equals(at.key)) {
                String body = a.message().body();
                if (body.equals("m" + WRITTEN) && step.compareAndSet(0, 1)) {
                    proxy.slow(Duration.ofMillis(20));
                } else if (body.equals("m1") && step.compareAndSet(1, 2)) {
                    then.run();
                }
            }
        });
    }

    private void awaitAll(Setup at) {
        List<String> expected = IntStream.rangeClosed(0, WRITTEN).mapToObj(i -> "m" + i).toList();
        Eventually.until("alice has all " + (WRITTEN + 1) + " messages", () -> bodies(at).containsAll(expected));
        assertThat(bodies(at)).as("the room as stored: each once, in the archive's order")
                .containsExactlyElementsOf(expected);
    }

    private List<String> bodies(Setup at) {
        return done(natter.chats.history(at.key, 0, 2000)).stream().map(ChatMessage::body)
                .filter(b -> b.matches("m\\d+")).toList();
    }

    private int storedMessages(Setup at) {
        return bodies(at).size();
    }

    /** What a closed Natter left in its data folder, read by a Natter that stays offline. */
    private int storedMessages(Path dataDir, Setup at) throws Exception {
        try (AppContext reader = start(at.server, dataDir)) {
            return (int) done(reader.chats.history(at.key, 0, 2000)).stream()
                    .filter(m -> m.body().matches("m\\d+")).count();
        }
    }

    /** The product's core, as the tests' options have it, but reaching the server through the proxy. */
    private AppContext start(XmppTestServer server, Path dataDir) throws Exception {
        AppContext.Options test = TestAppOptions.against(server, dataDir, new InMemorySecretStore(true));
        XmppConfig throughProxy = test.xmpp().withHostResolver(domain -> domain.equals(server.domain())
                ? Optional.of(new InetSocketAddress(proxy.host(), proxy.port()))
                : Optional.empty());
        return AppContext.start(new AppContext.Options(test.dataDirectory(), throughProxy, test.secrets(),
                test.reconnect(), test.clock()));
    }
}
