package im.natter.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One XMPP client over a plain socket, as light as a load generator needs: STARTTLS, in-band registration
 * (XEP-0077), SASL PLAIN, resource binding, then raw stanzas out and bytes in. It parses no XML: each step waits
 * for a marker in what the server (Prosody, which writes attributes in single quotes) sends. A thousand of these
 * cost a thousand sockets and a virtual thread each, not a thousand Smack connections.
 */
final class RawXmppClient implements AutoCloseable {

    private static final String STREAM_OPEN = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0' to='%s'>";

    private final String domain;
    private final Socket plain;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    /** What arrived and was not consumed by a wait yet (ISO-8859-1, so each byte is one char). */
    private final StringBuilder seen = new StringBuilder();
    private final byte[] buffer = new byte[64 * 1024];
    private volatile Thread drainer;
    private volatile String watched;
    private volatile LongConsumer onWatched;
    private final AtomicInteger counted = new AtomicInteger();
    private volatile String countMarker;

    private RawXmppClient(String domain, Socket plain) {
        this.domain = domain;
        this.plain = plain;
    }

    /** Connects, secures the stream, registers {@code user} and signs in as {@code user/resource}. */
    static RawXmppClient registerAndSignIn(String host, int port, String domain, SSLContext tls, String user,
            String password, String resource) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), 10_000);
        s.setSoTimeout(60_000);
        RawXmppClient c = new RawXmppClient(domain, s);
        try {
            c.handshake(tls, user, password, resource);
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void handshake(SSLContext tls, String user, String password, String resource) throws IOException {
        socket = plain;
        in = plain.getInputStream();
        out = plain.getOutputStream();
        send(STREAM_OPEN.formatted(domain));
        await("</stream:features>");
        send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        await("<proceed");
        SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(plain, domain, plain.getPort(), true);
        secured.setUseClientMode(true);
        secured.startHandshake();
        socket = secured;
        in = secured.getInputStream();
        out = secured.getOutputStream();
        seen.setLength(0);
        send(STREAM_OPEN.formatted(domain));
        await("</stream:features>");
        send("<iq type='set' id='reg'><query xmlns='jabber:iq:register'><username>" + user + "</username>"
                + "<password>" + password + "</password></query></iq>");
        await("id='reg'");
        String plainAuth = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                .getBytes(StandardCharsets.UTF_8));
        send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plainAuth + "</auth>");
        String answer = awaitEither("<success", "<failure");
        if (answer.equals("<failure")) {
            throw new IOException("sign-in of " + user + " refused");
        }
        seen.setLength(0);
        send(STREAM_OPEN.formatted(domain));
        await("</stream:features>");
        send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource
                + "</resource></bind></iq>");
        await("</bind>");
    }

    /** Writes raw XML (one or more stanzas). */
    synchronized void send(String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads until {@code marker} arrived; what came before it is dropped. */
    void await(String marker) throws IOException {
        awaitEither(marker, null);
    }

    /** Reads until one of the markers arrived and says which. */
    String awaitEither(String first, String second) throws IOException {
        while (true) {
            int a = seen.indexOf(first);
            int b = second == null ? -1 : seen.indexOf(second);
            if (a >= 0 && (b < 0 || a <= b)) {
                seen.delete(0, a + first.length());
                return first;
            }
            if (b >= 0) {
                seen.delete(0, b + second.length());
                return second;
            }
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the server closed the stream while waiting for " + first + ": " + tail());
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * From now on a virtual thread reads and throws away everything the server sends (a room of a thousand sends
     * each occupant every newcomer), still counting or watching for what {@link #count} and {@link #watch} set.
     */
    void drain() {
        drainer = Thread.ofVirtual().name("raw-drain").start(this::drainLoop);
    }

    /** Counts occurrences of {@code marker} from now on (read with {@link #counted()}). */
    void count(String marker) {
        counted.set(0);
        countMarker = marker;
    }

    int counted() {
        return counted.get();
    }

    /** Calls {@code then} with {@link System#nanoTime()} the first time {@code marker} arrives from now on. */
    void watch(String marker, LongConsumer then) {
        onWatched = then;
        watched = marker;
    }

    private void drainLoop() {
        String carry = "";
        try {
            socket.setSoTimeout(0);
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                String count = countMarker;
                String watch = watched;
                if (count == null && watch == null) {
                    carry = "";
                    continue;
                }
                String text = carry + new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                long now = System.nanoTime();
                int keep = 0;
                if (count != null) {
                    for (int i = text.indexOf(count, carry.length() - Math.min(carry.length(), count.length() - 1));
                            i >= 0; i = text.indexOf(count, i + count.length())) {
                        counted.incrementAndGet();
                    }
                    keep = Math.max(keep, count.length() - 1);
                }
                if (watch != null) {
                    if (text.contains(watch)) {
                        watched = null;
                        onWatched.accept(now);
                    } else {
                        keep = Math.max(keep, watch.length() - 1);
                    }
                }
                // a marker cut in two by a read is found with the end of the previous read
                carry = text.substring(Math.max(0, text.length() - keep));
            }
        } catch (IOException e) {
            // closed: the bench is over
        }
    }

    private String tail() {
        return seen.substring(Math.max(0, seen.length() - 300));
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                send("</stream:stream>");
            }
        } catch (IOException e) {
            // going anyway
        }
        try {
            (socket != null ? socket : plain).close();
        } catch (IOException e) {
            // nothing to do
        }
        Thread t = drainer;
        if (t != null) {
            t.interrupt();
        }
    }
}
