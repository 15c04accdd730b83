package im.natter.xmpp;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.SmackException.NoResponseException;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.packet.Ping;

/**
 * Notices a dead connection within {@code interval + timeout}: whenever the server has been silent for
 * {@code interval}, it is pinged (XEP-0199), and if no answer comes within {@code timeout}, {@code onDead} runs.
 * Smack's own PingManager waits at least two minutes for the answer, too long for a chat that looks online.
 *
 * <p>One instance per signed-in stream; {@link #stop()} it when the stream ends or is replaced.
 */
final class KeepAlive {

    private static final System.Logger LOG = System.getLogger(KeepAlive.class.getName());

    private final XMPPTCPConnection connection;
    private final ScheduledExecutorService timer;
    private final long intervalMillis;
    private final long timeoutMillis;
    private final Runnable onDead;
    private final long startedAt = System.currentTimeMillis();
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> next;

    private KeepAlive(XMPPTCPConnection connection, ScheduledExecutorService timer, Duration interval,
            Duration timeout, Runnable onDead) {
        this.connection = connection;
        this.timer = timer;
        this.intervalMillis = interval.toMillis();
        this.timeoutMillis = timeout.toMillis();
        this.onDead = onDead;
    }

    static KeepAlive start(XMPPTCPConnection connection, ScheduledExecutorService timer, Duration interval,
            Duration timeout, Runnable onDead) {
        KeepAlive k = new KeepAlive(connection, timer, interval, timeout, onDead);
        k.schedule(k.intervalMillis);
        return k;
    }

    void stop() {
        stopped = true;
        ScheduledFuture<?> f = next;
        if (f != null) {
            f.cancel(false);
        }
    }

    private void schedule(long delayMillis) {
        if (!stopped) {
            try {
                next = timer.schedule(this::check, Math.max(1, delayMillis), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                stopped = true;
            }
        }
    }

    private void check() {
        if (stopped) {
            return;
        }
        if (!connection.isConnected() || !connection.isAuthenticated()) {
            // The loss is reported by whoever noticed it; a new sign-in starts a new keep-alive.
            stopped = true;
            return;
        }
        long lastHeard = Math.max(startedAt, connection.getLastStanzaReceived());
        long silent = System.currentTimeMillis() - lastHeard;
        if (silent < intervalMillis) {
            schedule(intervalMillis - silent);
            return;
        }
        Ping ping = new Ping(connection, connection.getXMPPServiceDomain());
        connection.sendIqRequestAsync(ping, timeoutMillis)
                .onSuccess(answer -> schedule(intervalMillis))
                .onError(e -> {
                    if (e instanceof XMPPErrorException) {
                        schedule(intervalMillis); // an error is an answer too: the server is there
                    } else if (e instanceof NoResponseException && !stopped && connection.isConnected()) {
                        stopped = true;
                        LOG.log(Level.INFO, "No answer to a ping within " + timeoutMillis + " ms from "
                                + connection.getXMPPServiceDomain());
                        onDead.run();
                    } else {
                        stopped = true; // not connected any more; that loss is reported elsewhere
                    }
                });
    }
}
