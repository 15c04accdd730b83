package im.natter.bench;

import im.natter.domain.model.StoredMessages;
import im.natter.domain.port.ArchiveException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
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

    @Benchmark
    public StoredMessages storePage(CatchUpPages pages) throws ArchiveException {
        StoredMessages stored = pages.storeNext();
        if (stored.added().size() != CatchUpPages.PAGE) {
            throw new IllegalStateException("a page of new messages stored " + stored.added().size());
        }
        return stored;
    }
}
