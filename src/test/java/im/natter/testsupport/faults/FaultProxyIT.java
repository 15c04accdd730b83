package im.natter.testsupport.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.natter.testsupport.Eventually;
import im.natter.testsupport.prosody.FreePorts;
import im.natter.testsupport.prosody.ProsodyExtension;
import im.natter.testsupport.prosody.ProsodyServer;
import im.natter.testsupport.prosody.SmackClients;
import im.natter.testsupport.prosody.TestAccount;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** The proxy's faults, first on a plain echo server, then between Smack and a real Prosody. */
class FaultProxyIT {

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.create();

    private EchoServer echo;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new EchoServer();
    }

    @AfterEach
    void stopEcho() throws IOException {
        echo.close();
    }

    @Test
    void forwardsBothWaysUntilCutThenAcceptsAgain() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(echo.port()); Socket client = connect(proxy)) {
            assertThat(roundTrip(client, "hello")).isEqualTo("hello");

            proxy.cut();
            client.setSoTimeout(5000);
            assertThat(client.getInputStream().read()).isEqualTo(-1); // closed, not hanging
            Eventually.until("echo side closed", () -> echo.open() == 0);

            try (Socket again = connect(proxy)) {
                assertThat(roundTrip(again, "again")).isEqualTo("again");
            }
            assertThat(proxy.acceptedConnections()).isEqualTo(2);
        }
    }

    @Test
    void aStallHoldsEverythingWithoutClosingAndResumeDeliversItInOrder() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(echo.port()); Socket client = connect(proxy)) {
            assertThat(roundTrip(client, "before")).isEqualTo("before");
            proxy.stall();
            client.getOutputStream().write("held".getBytes(StandardCharsets.US_ASCII));
            client.setSoTimeout(300);
            assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(proxy.openConnections()).isEqualTo(1);

            proxy.resume();
            client.setSoTimeout(5000);
            assertThat(new String(client.getInputStream().readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("held");
        }
    }

    @Test
    void aSlowLinkStillDeliversEveryByteInOrder() throws Exception {
        byte[] data = new byte[8 * 1024];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        try (FaultProxy proxy = FaultProxy.to(echo.port()); Socket client = connect(proxy)) {
            proxy.slow(Duration.ofMillis(2));
            client.setSoTimeout(10_000);
            Thread.ofVirtual().start(() -> {
                try {
                    client.getOutputStream().write(data);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(client.getInputStream().readNBytes(data.length)).isEqualTo(data);
            Eventually.until("both directions counted", () -> proxy.forwardedBytes() == 2L * data.length);
        }
    }

    @Test
    void aStallLongerThanTheReplyTimeoutIsNoticedOnlyByTheTimeoutAndTheConnectionLivesOn(ProsodyServer server)
            throws Exception {
        TestAccount alice = prosody.newAccount("alice");
        try (FaultProxy proxy = FaultProxy.to(server.c2sPort())) {
            XMPPTCPConnection connection = SmackClients.connect(
                    SmackClients.configuration(server, alice, "proxied").setPort(proxy.port()).build());
            try {
                PingManager ping = PingManager.getInstanceFor(connection);
                assertThat(ping.pingMyServer(false)).isTrue();

                proxy.stall();
                connection.setReplyTimeout(500);
                assertThatThrownBy(() -> ping.ping(connection.getXMPPServiceDomain(), 500))
                        .isInstanceOf(SmackException.NoResponseException.class);
                assertThat(connection.isConnected()).isTrue(); // nothing was closed: only the timeout noticed

                proxy.resume();
                connection.setReplyTimeout(5000);
                assertThat(ping.pingMyServer(false)).isTrue();
            } finally {
                connection.disconnect();
            }
        }
    }

    @Test
    void aSlowedLinkStillCarriesALoginAndMessages(ProsodyServer server) throws Exception {
        TestAccount alice = prosody.newAccount("alice");
        try (FaultProxy proxy = FaultProxy.to(server.c2sPort())) {
            proxy.slow(Duration.ofMillis(1));
            XMPPTCPConnection connection = SmackClients.connect(
                    SmackClients.configuration(server, alice, "slowed").setPort(proxy.port()).build());
            try {
                List<String> got = new CopyOnWriteArrayList<>();
                connection.addSyncStanzaListener(s -> got.add(((Message) s).getBody()),
                        s -> s instanceof Message m && m.getBody() != null);
                var self = JidCreate.entityBareFrom(alice.jid());
                for (int i = 0; i < 20; i++) {
                    connection.sendStanza(connection.getStanzaFactory().buildMessageStanza().to(self)
                            .ofType(Message.Type.chat).setBody("slow" + i).build());
                }
                Eventually.until("all 20 arrive", () -> got.size() == 20);
                assertThat(got).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20)
                        .mapToObj(i -> "slow" + i).toList());
            } finally {
                connection.disconnect();
            }
        }
    }

    @Test
    void aCutInTheMiddleOfABurstClosesTheClientOnErrorAndItCanComeBackThroughTheProxy(ProsodyServer server)
            throws Exception {
        TestAccount alice = prosody.newAccount("alice");
        TestAccount bob = prosody.newAccount("bob");
        XMPPTCPConnection bobClient = prosody.connect(bob);
        try (FaultProxy proxy = FaultProxy.to(server.c2sPort())) {
            XMPPTCPConnection aliceClient = SmackClients.connect(
                    SmackClients.configuration(server, alice, "proxied").setPort(proxy.port()).build());
            AtomicReference<Exception> closedBy = new AtomicReference<>();
            aliceClient.addConnectionListener(new ConnectionListener() {
                @Override
                public void connectionClosedOnError(Exception e) {
                    closedBy.set(e);
                }
            });
            List<String> got = new CopyOnWriteArrayList<>();
            aliceClient.addSyncStanzaListener(s -> got.add(((Message) s).getBody()),
                    s -> s instanceof Message m && m.getBody() != null);
            try {
                var to = JidCreate.entityBareFrom(alice.jid());
                for (int i = 0; i < 200; i++) {
                    bobClient.sendStanza(bobClient.getStanzaFactory().buildMessageStanza().to(to)
                            .ofType(Message.Type.chat).setBody("m" + i).build());
                    if (i == 100) {
                        Eventually.until("part of the burst arrived", () -> !got.isEmpty());
                        proxy.cut();
                    }
                }
                Eventually.until("alice notices the cut", () -> closedBy.get() != null);
                assertThat(aliceClient.isConnected()).isFalse();
                assertThat(got).doesNotHaveDuplicates();

                XMPPTCPConnection again = SmackClients.connect(
                        SmackClients.configuration(server, alice, "proxied2").setPort(proxy.port()).build());
                assertThat(again.isAuthenticated()).isTrue();
                again.disconnect();
                assertThat(proxy.acceptedConnections()).isEqualTo(2);
            } finally {
                aliceClient.disconnect();
            }
        }
    }

    private static Socket connect(FaultProxy proxy) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(proxy.host(), proxy.port()), 5000);
        socket.setSoTimeout(5000);
        return socket;
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        socket.getOutputStream().write(bytes);
        return new String(socket.getInputStream().readNBytes(bytes.length), StandardCharsets.US_ASCII);
    }

    /** Echoes every byte back; counts its open connections. */
    private static final class EchoServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        EchoServer() throws IOException {
            listener.bind(new InetSocketAddress(FreePorts.LOOPBACK, 0));
            Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket s = listener.accept();
                        sockets.add(s);
                        Thread.ofVirtual().start(() -> echo(s));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        int open() {
            return sockets.size();
        }

        private void echo(Socket s) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // peer went away
            } finally {
                sockets.remove(s);
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
