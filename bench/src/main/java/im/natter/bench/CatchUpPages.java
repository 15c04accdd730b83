package im.natter.bench;

import im.natter.archive.SqliteSyncStateStore;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.StoredMessages;
import im.natter.domain.model.SyncState;
import im.natter.domain.port.ArchiveException;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Pages of a history catch-up stored into a real archive, as the catch-up stores them: 100 messages new to the
 * archive from 20 contacts, each with the server's stanza-id and the sender's origin-id, in one write transaction
 * that also moves the catch-up's cursor. A JMH state: a benchmark takes it as a parameter, on an archive made for
 * the trial and deleted after it.
 */
@State(Scope.Benchmark)
public class CatchUpPages {

    static final int PAGE = 100;
    private static final int CONTACTS = 20;

    TempArchive archive;
    private SqliteSyncStateStore sync;
    private final BenchMessages messages = BenchMessages.seeded();
    private long next;

    @Setup(Level.Trial)
    public void open() throws ArchiveException {
        archive = TempArchive.create();
        sync = new SqliteSyncStateStore(archive.database);
    }

    /** Stores the next page of new messages. */
    StoredMessages storeNext() throws ArchiveException {
        List<ChatMessage> page = new ArrayList<>(PAGE);
        for (int i = 0; i < PAGE; i++) {
            long n = next++;
            page.add(messages.incoming(BenchMessages.chatWith((int) (n % CONTACTS)), n, "o-" + n));
        }
        return sync.storePage(page, List.of(),
                new SyncState(BenchMessages.ACCOUNT, null, "sid-" + (next - 1), BenchMessages.T0));
    }

    @TearDown(Level.Trial)
    public void close() {
        archive.close();
    }
}
