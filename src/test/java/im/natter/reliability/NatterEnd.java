package im.natter.reliability;

import im.natter.archive.Database;
import im.natter.domain.port.ArchiveException;
import im.natter.testsupport.faults.FaultProxy;
import im.natter.testsupport.headless.HeadlessNatterProcess;
import im.natter.testsupport.headless.HeadlessNatterProcess.StoredMessage;
import im.natter.testsupport.prosody.TestAccount;
import im.natter.testsupport.server.XmppTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One user's Natter in a child JVM (optionally behind a {@link FaultProxy}), with what the suite asks of it. */
final class NatterEnd implements AutoCloseable {

    private final String name;
    private final TestAccount account;
    private final HeadlessNatterProcess process;

    private NatterEnd(String name, TestAccount account, HeadlessNatterProcess process) {
        this.name = name;
        this.account = account;
        this.process = process;
    }

    /** Starts {@code name}'s Natter in {@code home/name}; through {@code proxy} if not null; ping every {@code ping}. */
    static NatterEnd start(String name, Path home, XmppTestServer server, TestAccount account, FaultProxy proxy,
            Duration ping) {
        var builder = HeadlessNatterProcess.builder(home.resolve(name), server).ping(ping);
        if (proxy != null) {
            builder.endpoint(proxy.host(), proxy.port());
        }
        return new NatterEnd(name, account, builder.start());
    }

    String name() {
        return name;
    }

    /** How this end is named in the result table. */
    String label() {
        return name + " (Natter)";
    }

    TestAccount account() {
        return account;
    }

    HeadlessNatterProcess process() {
        return process;
    }

    void signIn() {
        process.signIn(account);
    }

    String send(String peer, String text) {
        return process.send(peer, text);
    }

    /**
     * Waits (bounded) until this end has stored at least {@code incoming} messages from and {@code outgoing} to
     * {@code peer} and none of its own is still queued; true if it got there. What arrived is counted either way.
     */
    boolean settle(String peer, int incoming, int outgoing, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        boolean counted = Poll.until(limit, () -> {
            Map<String, Long> count = process.count(peer);
            return count.get("in") >= incoming && count.get("out") >= outgoing;
        });
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        return counted && Poll.until(left, () -> queued(peer) == 0);
    }

    /** Own messages to {@code peer} still waiting in the outbox. */
    long queued(String peer) {
        return process.dump(peer).stream().filter(m -> m.outgoing() && m.state().equals("QUEUED")).count();
    }

    List<StoredMessage> dump(String peer) {
        return process.dump(peer);
    }

    /** Ends the process politely (or kills it if it hangs) and checks its archive with SQLite's integrity check. */
    String stopAndCheckArchive() {
        process.quit();
        return checkArchive();
    }

    /** SQLite's verdict on the archive file; only while the process is not running. */
    String checkArchive() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + "'s Natter still runs");
        }
        try (Database archive = Database.open(process.archive())) {
            return archive.integrityCheck() ? "ok" : String.join("; ", archive.integrityProblems());
        } catch (ArchiveException e) {
            return "cannot open: " + e.getMessage();
        }
    }

    /** Own ({@code out}) or received ({@code in}) bodies of the conversation with {@code peer}, in archive order. */
    static List<String> bodies(List<StoredMessage> conversation, boolean outgoing) {
        return conversation.stream().filter(m -> m.outgoing() == outgoing).map(StoredMessage::body).toList();
    }

    @Override
    public void close() {
        process.close();
    }
}
