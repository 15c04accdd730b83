package im.natter.app;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The services' worker threads. Network callbacks keep arriving for a moment after Natter closes (a bookmark
 * notification, a late presence, the server's goodbye); by then the workers are shut down and the archive closed,
 * so such work is dropped with a note in the log instead of throwing into the network library's thread. A message
 * among it is not lost: it is in the server's archive, and the next sign-in's catch-up starts from the last one
 * stored.
 */
final class Workers {

    private static final Logger LOG = System.getLogger(Workers.class.getName());

    private static final RejectedExecutionHandler DROP_AFTER_CLOSE = (task, executor) -> {
        if (!executor.isShutdown()) {
            throw new RejectedExecutionException("worker refused a task while running");
        }
        LOG.log(Level.DEBUG, "dropped work that arrived after Natter closed");
    };

    private Workers() {
    }

    /** {@code threads} platform threads named {@code name-N}, taking work in the order it is handed over. */
    static ExecutorService named(String name, int threads) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                threads(name), DROP_AFTER_CLOSE);
    }

    /** One platform thread named {@code name-0} for timed work (reconnect back-off, keep-alive). */
    static ScheduledExecutorService timer(String name) {
        return new ScheduledThreadPoolExecutor(1, threads(name), DROP_AFTER_CLOSE);
    }

    private static ThreadFactory threads(String name) {
        return Thread.ofPlatform().name(name + "-", 0).daemon(true).factory();
    }
}
