package im.natter.bench;

import im.natter.domain.model.ChatMessage;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A search right after a catch-up stored 1,000 messages that the idle writer has not indexed yet (ADR 0014): the
 * search first indexes what waits, then searches. Each invocation stores ten pages of 100 beforehand (not timed) on
 * an archive that grows during the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 5)
@Measurement(iterations = 20)
public class SearchBacklogBenchmark {

    private static final int PAGES = 10;

    /** A thousand messages stored just now, none indexed yet (the writer is never idle for 0.5 s in between). */
    @Setup(Level.Invocation)
    public void storeThousand(CatchUpPages pages) throws ArchiveException {
        for (int p = 0; p < PAGES; p++) {
            pages.storeNext();
        }
    }

    @Benchmark
    public List<ChatMessage> searchRightAfterACatchUp(CatchUpPages pages) throws ArchiveException {
        return pages.archive.search.search(BenchMessages.ACCOUNT, BenchMessages.RARE_WORD, 50);
    }
}
