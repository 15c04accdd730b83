package im.natter.bench;

import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
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
 * Reading one conversation of {@value #MESSAGES} messages: a history page of 50 (the chat view's page size) at
 * the newest end and deep in the past, and full-text search over the same archive. The archive is filled through
 * the real {@code MessageStore.insert}, one message at a time, before the measurements start.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LongConversationBenchmark {

    static final int MESSAGES = 100_000;
    static final int PAGE = 50;

    private TempArchive archive;
    private ConversationKey conversation;
    /** The id of the message with 90,000 newer ones above it. */
    private long deepId;

    @Setup(Level.Trial)
    public void fill() throws ArchiveException {
        archive = TempArchive.create();
        conversation = BenchMessages.chatWith(1);
        BenchMessages messages = BenchMessages.seeded();
        for (int n = 1; n <= MESSAGES; n++) {
            long id = archive.messages.insert(messages.incoming(conversation, n)).orElseThrow().id();
            if (n == MESSAGES - 90_000) {
                deepId = id;
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        archive.close();
    }

    @Benchmark
    public List<ChatMessage> newestPage() throws ArchiveException {
        return expect(PAGE, archive.messages.page(conversation, 0, PAGE));
    }

    @Benchmark
    public List<ChatMessage> deepPage() throws ArchiveException {
        return expect(PAGE, archive.messages.page(conversation, deepId, PAGE));
    }

    /** A word in about 1 of 1,000 messages; the 50 newest hits. */
    @Benchmark
    public List<ChatMessage> searchRareWord() throws ArchiveException {
        return expect(PAGE, archive.search.search(BenchMessages.ACCOUNT, BenchMessages.RARE_WORD, PAGE));
    }

    /** A word in about 1 of 8 messages; the 50 newest hits. */
    @Benchmark
    public List<ChatMessage> searchCommonWord() throws ArchiveException {
        return expect(PAGE, archive.search.search(BenchMessages.ACCOUNT, BenchMessages.COMMON_WORD, PAGE));
    }

    /** Two common words that must both appear. */
    @Benchmark
    public List<ChatMessage> searchTwoCommonWords() throws ArchiveException {
        return expect(PAGE, archive.search.search(BenchMessages.ACCOUNT, BenchMessages.COMMON_WORD + " people",
                PAGE));
    }

    private static List<ChatMessage> expect(int size, List<ChatMessage> result) {
        if (result.size() != size) {
            throw new IllegalStateException("expected " + size + " messages, got " + result.size());
        }
        return result;
    }
}
