package im.natter.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.testsupport.faults.FaultProxy;
import im.natter.testsupport.headless.HeadlessNatterProcess.StoredMessage;
import im.natter.testsupport.prosody.TestAccount;
import im.natter.testsupport.server.ServerKind;
import im.natter.testsupport.server.XmppServers;
import im.natter.testsupport.server.XmppTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Nothing lost, nothing twice (issue 3): the real Natter core in child JVMs, against Prosody (SQL storage) and
 * ejabberd, with hundreds of messages flowing both ways while the network, the server or Natter itself fails.
 * Every scenario counts at both ends, from the bodies ({@code SENDER NNNN}), what was lost, stored twice or stored
 * out of the sender's order, and checks each archive with SQLite's integrity check once its process has stopped.
 * The figures of all scenarios are printed as one table at the end (and written to
 * {@code target/reliability/results.md}); {@code docs/reliability.md} shows them for a recorded run.
 */
class ReliabilityIT {

    /** Messages each sender sends in one scenario. */
    static final int MESSAGES = 200;

    private static final Duration NORMAL_PING = Duration.ofSeconds(5);
    private static final Duration SHORT_PING = Duration.ofSeconds(2);
    private static final Duration SEND_LIMIT = Duration.ofSeconds(90);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);
    private static final Duration NOTICE_LIMIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final XmppServers servers = XmppServers.create();

    private static final ResultTable results = new ResultTable();

    @TempDir
    Path home;

    @AfterAll
    static void printResults() {
        String table = results.markdown();
        System.out.println("\nReliability results (" + MESSAGES + " messages per sender and scenario)\n" + table);
        results.writeTo(Path.of("target", "reliability", "results.md"),
                "Reliability results (" + MESSAGES + " messages per sender and scenario)");
    }

    /** Alice and bob each send MESSAGES to the other, at the same time. */
    private static void bothSend(Burst burst, NatterEnd a, TestAccount alice, NatterEnd b, TestAccount bob) {
        burst.start("alice", 0, MESSAGES, i -> a.send(bob.jid(), Tally.body("alice", i)));
        burst.start("bob", 0, MESSAGES, i -> b.send(alice.jid(), Tally.body("bob", i)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void connectionCutInTheMiddleOfABurst(ServerKind kind) {
        XmppTestServer server = servers.server(kind);
        TestAccount alice = servers.newAccount(kind, "alice");
        TestAccount bob = servers.newAccount(kind, "bob");
        try (FaultProxy proxy = FaultProxy.to(server.c2sPort());
                NatterEnd a = NatterEnd.start("alice", home, server, alice, proxy, NORMAL_PING);
                NatterEnd b = NatterEnd.start("bob", home, server, bob, null, NORMAL_PING)) {
            a.signIn();
            b.signIn();
            try (Burst burst = new Burst()) {
                bothSend(burst, a, alice, b, bob);
                burst.awaitSent("alice", MESSAGES / 2, SEND_LIMIT);
                long before = proxy.acceptedConnections();
                proxy.cut();
                burst.awaitDone(SEND_LIMIT);
                assertThat(Poll.until(NOTICE_LIMIT, () -> proxy.acceptedConnections() > before))
                        .as("alice reconnects after the cut").isTrue();
            }
            countBothEnds("1 connection cut", kind, a, MESSAGES, b, MESSAGES);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void serverRestartedInTheMiddleOfABurst(ServerKind kind) {
        XmppTestServer server = servers.server(kind);
        TestAccount alice = servers.newAccount(kind, "alice");
        TestAccount bob = servers.newAccount(kind, "bob");
        try (NatterEnd a = NatterEnd.start("alice", home, server, alice, null, NORMAL_PING);
                NatterEnd b = NatterEnd.start("bob", home, server, bob, null, NORMAL_PING)) {
            a.signIn();
            b.signIn();
            try (Burst burst = new Burst()) {
                bothSend(burst, a, alice, b, bob);
                burst.awaitSent("alice", MESSAGES / 2, SEND_LIMIT);
                server.stop();
                server.start(); // same ports, same data: Prosody's SQLite file, ejabberd's mnesia on disc
                burst.awaitDone(SEND_LIMIT);
            }
            countBothEnds("2 server restarted", kind, a, MESSAGES, b, MESSAGES);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void natterKilledWithMessagesInItsOutbox(ServerKind kind) {
        XmppTestServer server = servers.server(kind);
        TestAccount alice = servers.newAccount(kind, "alice");
        TestAccount bob = servers.newAccount(kind, "bob");
        try (FaultProxy proxy = FaultProxy.to(server.c2sPort());
                NatterEnd a = NatterEnd.start("alice", home, server, alice, proxy, NORMAL_PING);
                NatterEnd b = NatterEnd.start("bob", home, server, bob, null, NORMAL_PING)) {
            a.signIn();
            b.signIn();
            try (Burst burst = new Burst()) {
                bothSend(burst, a, alice, b, bob);
                burst.awaitSent("alice", MESSAGES / 2, SEND_LIMIT);
                // from here nothing reaches the server and no ack comes back: alice's later messages stay queued
                proxy.stall();
                burst.awaitDone(SEND_LIMIT);
            }
            long queued = a.queued(bob.jid());
            a.process().kill9();
            String afterKill = a.checkArchive();
            proxy.cut();
            proxy.resume();
            assertThat(queued).as("messages in alice's outbox when she was killed").isPositive();
            assertThat(afterKill).as("alice's archive right after kill -9").isEqualTo("ok");
            System.out.printf("%s: %d of alice's messages were queued when she was killed%n", kind, queued);

            a.process().restart();
            a.signIn();
            countBothEnds("3 Natter killed (kill -9), outbox " + queued, kind, a, MESSAGES, b, MESSAGES);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void aSecondDeviceOfTheSameAccountChatsMeanwhile(ServerKind kind) {
        XmppTestServer server = servers.server(kind);
        TestAccount alice = servers.newAccount(kind, "alice");
        TestAccount bob = servers.newAccount(kind, "bob");
        try (NatterEnd a = NatterEnd.start("alice", home, server, alice, null, NORMAL_PING);
                NatterEnd b = NatterEnd.start("bob", home, server, bob, null, NORMAL_PING)) {
            a.signIn();
            b.signIn();
            try (SecondDevice phone = SecondDevice.connect(server, alice, "phone", bob.jid());
                    Burst burst = new Burst()) {
                burst.start("alice", 0, MESSAGES, i -> a.send(bob.jid(), Tally.body("alice", i)));
                burst.start("phone", 0, MESSAGES, i -> phone.send(bob.jid(), Tally.body("phone", i)));
                burst.start("bob", 0, MESSAGES, i -> b.send(alice.jid(), Tally.body("bob", i)));
                burst.awaitDone(SEND_LIMIT);

                String scenario = "4 second device (carbons)";
                Poll.until(SETTLE_LIMIT, () -> Tally.count("", "bob", MESSAGES, phone.received()).lost() == 0);
                boolean settled = a.settle(bob.jid(), MESSAGES, 2 * MESSAGES, SETTLE_LIMIT)
                        & b.settle(alice.jid(), 2 * MESSAGES, MESSAGES, SETTLE_LIMIT);
                List<StoredMessage> atAlice = a.dump(bob.jid());
                List<StoredMessage> atBob = b.dump(alice.jid());
                Evidence.keep(scenario, kind, a, atAlice);
                Evidence.keep(scenario, kind, b, atBob);
                Evidence.keepServerLog(scenario, kind, servers.server(kind));
        Evidence.keepServerLog(scenario, kind, servers.server(kind));
                String aliceArchive = a.stopAndCheckArchive();
                String bobArchive = b.stopAndCheckArchive();
                List<Tally> tallies = new ArrayList<>();
                // the phone's messages are alice's own in her Natter: counted among the outgoing ones
                tallies.add(record(scenario, kind, Tally.count(a.label(), "alice", MESSAGES, NatterEnd.bodies(atAlice, true)), aliceArchive));
                tallies.add(record(scenario, kind, Tally.count(a.label(), "phone", MESSAGES, NatterEnd.bodies(atAlice, true)), aliceArchive));
                tallies.add(record(scenario, kind, Tally.count(a.label(), "bob", MESSAGES, NatterEnd.bodies(atAlice, false)), aliceArchive));
                tallies.add(record(scenario, kind, Tally.count(b.label(), "alice", MESSAGES, NatterEnd.bodies(atBob, false)), bobArchive));
                tallies.add(record(scenario, kind, Tally.count(b.label(), "phone", MESSAGES, NatterEnd.bodies(atBob, false)), bobArchive));
                tallies.add(record(scenario, kind, Tally.count(b.label(), "bob", MESSAGES, NatterEnd.bodies(atBob, true)), bobArchive));
                tallies.add(record(scenario, kind, Tally.count("alice (phone, Smack)", "bob", MESSAGES, phone.received()), "n/a"));
                assertClean(scenario, kind, settled, tallies, aliceArchive, bobArchive);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void messagesSentWhileNatterIsNotRunningArriveOnce(ServerKind kind) {
        XmppTestServer server = servers.server(kind);
        TestAccount alice = servers.newAccount(kind, "alice");
        TestAccount bob = servers.newAccount(kind, "bob");
        try (NatterEnd a = NatterEnd.start("alice", home, server, alice, null, NORMAL_PING);
                NatterEnd b = NatterEnd.start("bob", home, server, bob, null, NORMAL_PING)) {
            a.signIn(); // alice has used Natter before: she has an archive cursor on the server
            a.process().quit();
            b.signIn();
            try (Burst whileAway = new Burst()) {
                whileAway.start("bob", 0, MESSAGES, i -> b.send(alice.jid(), Tally.body("bob", i)));
                whileAway.awaitDone(SEND_LIMIT);
            }
            assertThat(Poll.until(SETTLE_LIMIT, () -> b.queued(alice.jid()) == 0))
                    .as("the server took all of bob's messages while alice was away").isTrue();

            a.process().restart();
            try (Burst burst = new Burst()) {
                // alice signs in (offline delivery and catch-up start) while bob goes on and alice writes back
                burst.start("alice", 0, MESSAGES, a::signIn, i -> a.send(bob.jid(), Tally.body("alice", i)));
                burst.start("bob", MESSAGES, 2 * MESSAGES, i -> b.send(alice.jid(), Tally.body("bob", i)));
                burst.awaitDone(SEND_LIMIT);
            }
            countBothEnds("5 offline + MAM", kind, a, MESSAGES, b, 2 * MESSAGES);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void networkStalledLongerThanThePingTimeout(ServerKind kind) {
        XmppTestServer server = servers.server(kind);
        TestAccount alice = servers.newAccount(kind, "alice");
        TestAccount bob = servers.newAccount(kind, "bob");
        try (FaultProxy proxy = FaultProxy.to(server.c2sPort());
                NatterEnd a = NatterEnd.start("alice", home, server, alice, proxy, SHORT_PING);
                NatterEnd b = NatterEnd.start("bob", home, server, bob, null, NORMAL_PING)) {
            a.signIn();
            b.signIn();
            try (Burst burst = new Burst()) {
                bothSend(burst, a, alice, b, bob);
                burst.awaitSent("alice", MESSAGES / 2, SEND_LIMIT);
                proxy.stall(); // nothing closes: only alice's keep-alive can tell
                String lost = a.process().awaitLine(l -> l.startsWith("lost "), NOTICE_LIMIT);
                System.out.printf("%s: alice noticed the stall: %s%n", kind, lost);
                proxy.resume();
                burst.awaitDone(SEND_LIMIT);
            }
            countBothEnds("6 network stalled > ping timeout", kind, a, MESSAGES, b, MESSAGES);
        }
    }

    /**
     * Waits for both ends to have everything, then counts alice's and bob's messages at both ends, checks both
     * archives after their processes stopped, records the figures and fails on any loss, repeat or reordering.
     */
    private void countBothEnds(String scenario, ServerKind kind, NatterEnd a, int fromAlice, NatterEnd b,
            int fromBob) {
        String aliceJid = a.account().jid();
        String bobJid = b.account().jid();
        boolean settled = a.settle(bobJid, fromBob, fromAlice, SETTLE_LIMIT)
                & b.settle(aliceJid, fromAlice, fromBob, SETTLE_LIMIT);
        List<StoredMessage> atAlice = a.dump(bobJid);
        List<StoredMessage> atBob = b.dump(aliceJid);
        if (!settled) {
            // what each end's threads were doing while it still waited (a stuck connection shows there)
            Evidence.keepThreads(scenario, kind, a);
            Evidence.keepThreads(scenario, kind, b);
        }
        Evidence.keep(scenario, kind, a, atAlice);
        Evidence.keep(scenario, kind, b, atBob);
        Evidence.keepServerLog(scenario, kind, servers.server(kind));
        String aliceArchive = a.stopAndCheckArchive();
        String bobArchive = b.stopAndCheckArchive();
        List<Tally> tallies = List.of(
                record(scenario, kind, Tally.count(a.label(), "alice", fromAlice, NatterEnd.bodies(atAlice, true)), aliceArchive),
                record(scenario, kind, Tally.count(a.label(), "bob", fromBob, NatterEnd.bodies(atAlice, false)), aliceArchive),
                record(scenario, kind, Tally.count(b.label(), "alice", fromAlice, NatterEnd.bodies(atBob, false)), bobArchive),
                record(scenario, kind, Tally.count(b.label(), "bob", fromBob, NatterEnd.bodies(atBob, true)), bobArchive));
        String whereabouts = ServerArchive.whereAre(servers, kind, a.account(), bobJid,
                missing("bob", fromBob, NatterEnd.bodies(atAlice, false)))
                + " " + ServerArchive.whereAre(servers, kind, b.account(), aliceJid,
                missing("alice", fromAlice, NatterEnd.bodies(atBob, false)));
        if (!whereabouts.isBlank()) {
            System.out.printf("%s on %s: %s%n", scenario, kind, whereabouts.strip());
        }
        assertThat(tallies).as("%s on %s: %s", scenario, kind, whereabouts.strip()).allMatch(t -> t.lost() == 0);
        assertClean(scenario, kind, settled, tallies, aliceArchive, bobArchive);
    }

    private static List<String> missing(String sender, int sent, List<String> stored) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < sent; i++) {
            if (!stored.contains(Tally.body(sender, i))) {
                missing.add(Tally.body(sender, i));
            }
        }
        return missing;
    }

    private static Tally record(String scenario, ServerKind kind, Tally tally, String integrity) {
        results.add(scenario, kind.name().toLowerCase(Locale.ROOT), tally, integrity);
        return tally;
    }

    private static void assertClean(String scenario, ServerKind kind, boolean settled, List<Tally> tallies,
            String... archives) {
        assertThat(tallies).as("%s on %s (settled in time: %s)", scenario, kind, settled).allMatch(Tally::clean);
        assertThat(archives).as("archive integrity, %s on %s", scenario, kind).containsOnly("ok");
        assertThat(settled).as("%s on %s: every message arrived and every outbox emptied", scenario, kind).isTrue();
    }
}
