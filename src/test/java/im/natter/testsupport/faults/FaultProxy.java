package im.natter.testsupport.faults;

import im.natter.testsupport.prosody.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP proxy on 127.0.0.1 between a client and a server on the same machine, which a test can break the way
 * networks break: {@link #cut()} (both sides closed at once), {@link #stall()} (nothing moves, nothing closes: only
 * timeouts can notice), {@link #slow(Duration)} (each chunk waits). It forwards only to the loopback port it was
 * made for, and keeps at most one chunk per direction in hand, so a stalled peer fills TCP's buffers, not ours.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.to(server.c2sPort())) {
 *     // let the client connect to 127.0.0.1:proxy.port() instead of the server's port
 *     proxy.stall();  ...  proxy.resume();
 *     proxy.cut();                               // new connections are still accepted afterwards
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FaultProxy.class.getName());
    private static final int CHUNK = 16 * 1024;
    private static final int SLOW_CHUNK = 1024;

    private final int target;
    private final ServerSocket listener;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition flowing = lock.newCondition();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private volatile boolean stalled;
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean stopped;

    private FaultProxy(int target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(FreePorts.LOOPBACK, 0), 50);
        Thread.ofVirtual().name("fault-proxy-accept-" + listener.getLocalPort()).start(this::acceptLoop);
    }

    /** Starts a proxy on a free loopback port that forwards to {@code 127.0.0.1:targetPort}. */
    public static FaultProxy to(int targetPort) {
        if (targetPort <= 0 || targetPort > 65535) {
            throw new IllegalArgumentException("not a port: " + targetPort);
        }
        try {
            return new FaultProxy(targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the proxy's loopback port", e);
        }
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return FreePorts.LOOPBACK.getHostAddress();
    }

    /** Where clients connect instead of the server. */
    public int port() {
        return listener.getLocalPort();
    }

    public int targetPort() {
        return target;
    }

    /** Closes every open connection on both sides at once, as a dropped network would. New ones are accepted. */
    public void cut() {
        links.forEach(Link::close);
    }

    /** Stops forwarding in both directions, for open and new connections, without closing anything. */
    public void stall() {
        stalled = true;
    }

    /** Forwards again what a stall held back, in order. */
    public void resume() {
        lock.lock();
        try {
            stalled = false;
            flowing.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * From the next chunk on, each chunk (at most 1 KiB while slow) waits this long before it is forwarded; zero
     * makes the proxy fast again.
     */
    public void slow(Duration perChunk) {
        if (perChunk.isNegative()) {
            throw new IllegalArgumentException("negative delay");
        }
        delay = perChunk;
    }

    public boolean isStalled() {
        return stalled;
    }

    /** Connections open right now. */
    public int openConnections() {
        return links.size();
    }

    /** Connections accepted since the proxy started (a reconnect counts again). */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** Bytes forwarded in both directions so far. */
    public long forwardedBytes() {
        return forwarded.get();
    }

    /** Stops accepting and closes every connection. Safe to call more than once. */
    public void stop() {
        stopped = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the proxy listener: {0}", e);
        }
        cut();
        resume(); // wake pumps held by a stall so they see their sockets closed and end
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "FaultProxy[127.0.0.1:" + port() + " -> 127.0.0.1:" + target + (stalled ? ", stalled" : "") + "]";
    }

    private void acceptLoop() {
        while (!stopped) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!stopped) {
                    LOG.log(System.Logger.Level.WARNING, "proxy stopped accepting: {0}", e.toString());
                }
                return;
            }
            accepted.incrementAndGet();
            Thread.ofVirtual().name("fault-proxy-link-" + port()).start(() -> open(client));
        }
    }

    private void open(Socket client) {
        Socket server = new Socket();
        try {
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            server.connect(new InetSocketAddress(FreePorts.LOOPBACK, target), 5000);
        } catch (IOException e) {
            // the server is down: the client sees the connection refused as a closed one
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        Link link = new Link(client, server);
        links.add(link);
        if (stopped) {
            link.close();
            return;
        }
        Thread.ofVirtual().name("fault-proxy-up-" + port()).start(() -> pump(link, client, server));
        Thread.ofVirtual().name("fault-proxy-down-" + port()).start(() -> pump(link, server, client));
    }

    private void pump(Link link, Socket from, Socket to) {
        byte[] buffer = new byte[CHUNK];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                int max = delay.isZero() ? CHUNK : SLOW_CHUNK;
                int n = in.read(buffer, 0, max);
                if (n < 0) {
                    break;
                }
                awaitFlowing(link);
                Duration wait = delay;
                if (!wait.isZero()) {
                    Thread.sleep(wait);
                }
                if (link.closed) {
                    break;
                }
                out.write(buffer, 0, n);
                out.flush();
                forwarded.addAndGet(n);
            }
        } catch (IOException e) {
            // one side went away; the other side must learn it too
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            link.close();
            links.remove(link);
        }
    }

    private void awaitFlowing(Link link) throws InterruptedException {
        if (!stalled) {
            return;
        }
        lock.lock();
        try {
            while (stalled && !link.closed) {
                flowing.await(100, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** One client connection and its server connection; closing one closes both. */
    private static final class Link {
        private final Socket client;
        private final Socket server;
        private volatile boolean closed;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void close() {
            closed = true;
            closeQuietly(client);
            closeQuietly(server);
        }
    }
}
