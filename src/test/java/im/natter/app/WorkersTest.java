package im.natter.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkersTest {

    @Test
    void aWorkerRunsWorkOnItsNamedThreadAndDropsWhatArrivesAfterItWasShutDown() throws Exception {
        ExecutorService worker = Workers.named("natter-test", 1);
        CompletableFuture<String> ran = new CompletableFuture<>();
        worker.execute(() -> ran.complete(Thread.currentThread().getName()));
        assertThat(ran.get(10, TimeUnit.SECONDS)).isEqualTo("natter-test-0");

        worker.shutdown();

        // a network callback arriving after close must not throw into the library's thread
        assertThatCode(() -> worker.execute(() -> { })).doesNotThrowAnyException();
        assertThat(worker.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aTimerDropsWhatIsScheduledAfterItWasShutDown() {
        ScheduledExecutorService timer = Workers.timer("natter-test-timer");
        timer.shutdown();

        assertThatCode(() -> timer.schedule(() -> { }, 1, TimeUnit.SECONDS)).doesNotThrowAnyException();
    }
}
