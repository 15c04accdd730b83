package im.natter.bench;

import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.port.ArchiveException;
import java.util.Optional;
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
 * Storing incoming messages as they arrive live: each insert is its own write transaction on the archive's
 * writer thread, and the caller waits for the commit (what {@code ChatService.receive} does before it sends a
 * receipt). The archive starts empty and grows during the run (to some tens of thousands of rows).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ArchiveWriteBenchmark {

    private TempArchive archive;
    private BenchMessages messages;
    private ConversationKey conversation;
    private ChatMessage alreadyStored;
    private long next;

    @Setup(Level.Trial)
    public void open() throws ArchiveException {
        archive = TempArchive.create();
        messages = BenchMessages.seeded();
        conversation = BenchMessages.chatWith(1);
        alreadyStored = messages.incoming(conversation, 0);
        if (archive.messages.insert(alreadyStored).isEmpty()) {
            throw new IllegalStateException("the first insert must store the message");
        }
        next = 1;
    }

    @TearDown(Level.Trial)
    public void close() {
        archive.close();
    }

    /** A new message: row, search index (trigger), unread count, then the stored row read back. */
    @Benchmark
    public Optional<ChatMessage> insertIncoming() throws ArchiveException {
        Optional<ChatMessage> stored = archive.messages.insert(messages.incoming(conversation, next++));
        if (stored.isEmpty()) {
            throw new IllegalStateException("a new message was taken for a repeat");
        }
        return stored;
    }

    /** The same stanza again (carbon, MAM catch-up overlap): the unique index turns it into a no-op. */
    @Benchmark
    public Optional<ChatMessage> insertDuplicate() throws ArchiveException {
        Optional<ChatMessage> stored = archive.messages.insert(alreadyStored);
        if (stored.isPresent()) {
            throw new IllegalStateException("a repeat was stored twice");
        }
        return stored;
    }
}
