package im.natter.xmpp.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay that a test can stall: while stalled, bytes are read but held back in both directions,
 * like a network that silently stops delivering. Deliberately minimal, for these tests only.
 */
public final class StallProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean stalled;

    public StallProxy(String targetHost, int targetPort) throws IOException {
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("stall-proxy-accept").start(this::acceptLoop);
    }

    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    public int port() {
        return listener.getLocalPort();
    }

    public void stall() {
        synchronized (gate) {
            stalled = true;
        }
    }

    public void resume() {
        synchronized (gate) {
            stalled = false;
            gate.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
                server.connect(target);
                sockets.add(client);
                sockets.add(server);
                Thread.ofPlatform().daemon().name("stall-proxy-up").start(() -> pump(client, server));
                Thread.ofPlatform().daemon().name("stall-proxy-down").start(() -> pump(server, client));
            } catch (IOException e) {
                // closed, or the target refused: the client sees its socket closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (gate) {
                    while (stalled) {
                        gate.wait();
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        resume();
        sockets.forEach(StallProxy::closeQuietly);
    }
}
