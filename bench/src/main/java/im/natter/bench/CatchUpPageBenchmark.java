package im.natter.bench;

import im.natter.archive.SqliteSyncStateStore;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.StoredMessages;
import im.natter.domain.model.SyncState;
import im.natter.domain.port.ArchiveException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Storing one page of a history catch-up: 100 messages new to the archive, from 20 contacts, each with the
 * server's stanza-id and the sender's origin-id (as a modern client sends them), in one write transaction that
 * also moves the catch-up's cursor. This is the archive writer's share of {@code HistoryCatchUpBench}: the
 * catch-up cannot go faster than the writer stores pages.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CatchUpPageBenchmark {

    private static final int PAGE = 100;
    private static final int CONTACTS = 20;

    private TempArchive archive;
    private SqliteSyncStateStore sync;
    private BenchMessages messages;
    private long next;

    @Setup(Level.Trial)
    public void open() throws ArchiveException {
        archive = TempArchive.create();
        sync = new SqliteSyncStateStore(archive.database);
        messages = BenchMessages.seeded();
        next = 0;
    }

    @TearDown(Level.Trial)
    public void close() {
        archive.close();
    }

    @Benchmark
    public StoredMessages storePage() throws ArchiveException {
        List<ChatMessage> page = new ArrayList<>(PAGE);
        for (int i = 0; i < PAGE; i++) {
            long n = next++;
            page.add(messages.incoming(BenchMessages.chatWith((int) (n % CONTACTS)), n, "o-" + n));
        }
        StoredMessages stored = sync.storePage(page, List.of(),
                new SyncState(BenchMessages.ACCOUNT, null, "sid-" + (next - 1), BenchMessages.T0));
        if (stored.added().size() != PAGE) {
            throw new IllegalStateException("a page of new messages stored " + stored.added().size());
        }
        return stored;
    }
}
