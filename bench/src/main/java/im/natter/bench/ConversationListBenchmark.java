package im.natter.bench;

import im.natter.domain.model.Conversation;
import im.natter.domain.port.ArchiveException;
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
 * The conversation list at start-up: an account with {@value #CONVERSATIONS} conversations of
 * {@value #MESSAGES_EACH} messages each, listed with last message and unread count, most recent first.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ConversationListBenchmark {

    static final int CONVERSATIONS = 500;
    static final int MESSAGES_EACH = 20;

    private TempArchive archive;

    @Setup(Level.Trial)
    public void fill() throws ArchiveException {
        archive = TempArchive.create();
        BenchMessages messages = BenchMessages.seeded();
        // interleaved, as real traffic is, so no conversation's rows sit together in the file
        long n = 0;
        for (int round = 0; round < MESSAGES_EACH; round++) {
            for (int c = 0; c < CONVERSATIONS; c++) {
                archive.messages.insert(messages.incoming(BenchMessages.chatWith(c), ++n)).orElseThrow();
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        archive.close();
    }

    @Benchmark
    public List<Conversation> listConversations() throws ArchiveException {
        List<Conversation> all = archive.conversations.conversations(BenchMessages.ACCOUNT);
        if (all.size() != CONVERSATIONS) {
            throw new IllegalStateException("expected " + CONVERSATIONS + " conversations, got " + all.size());
        }
        return all;
    }
}
