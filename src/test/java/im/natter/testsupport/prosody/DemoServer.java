package im.natter.testsupport.prosody;

import java.util.concurrent.CountDownLatch;

/**
 * "Try it without an account": {@code ./mvnw -Pdemo-server} starts a throw-away Prosody on 127.0.0.1 with two
 * ready accounts and a self-signed certificate, prints how to connect, and runs until Ctrl-C.
 * The certificate is deliberately self-signed so that Natter asks the user to check its fingerprint.
 * Optional argument: {@code --port N} for the client port (default 5222, or a free one when 5222 is taken).
 */
public final class DemoServer {

    static final int PREFERRED_PORT = 5222;
    static final String[][] ACCOUNTS = {{"alice", "alice-demo"}, {"bob", "bob-demo"}};

    private DemoServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = requestedPort(args);
        ProsodyServer server;
        try {
            server = ProsodyServer.builder()
                    .certificate(CertificateKind.SELF_SIGNED)
                    .c2sPort(port > 0 ? port : FreePorts.isFree(PREFERRED_PORT) ? PREFERRED_PORT : FreePorts.pick())
                    .start();
            for (String[] account : ACCOUNTS) {
                server.register(account[0], account[1]);
            }
        } catch (RuntimeException e) {
            System.err.println("The demo server could not start: " + e.getMessage());
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println();
            System.out.println("Stopping the demo server and deleting its data...");
            server.close();
            stopped.countDown();
        }, "demo-server-stop"));

        System.out.println(banner(server));

        while (server.isRunning()) {
            Thread.sleep(1000);
        }
        // Ctrl-C reaches Prosody too (same process group); that is a normal stop, not a crash.
        String tail = server.logTail(30);
        boolean userStopped = tail.contains("Received SIGINT") || tail.contains("Received SIGTERM");
        if (stopped.getCount() > 0 && !userStopped) {
            System.err.println("Prosody stopped unexpectedly. Its last log lines:\n" + tail);
            System.exit(1);
        }
    }

    static String banner(ProsodyServer server) {
        String line = "=".repeat(78);
        StringBuilder text = new StringBuilder();
        text.append(line).append('\n');
        text.append(" Natter demo server (Prosody) is running. Press Ctrl-C to stop it; its data is then deleted.\n");
        text.append(line).append('\n');
        text.append(" Server (host) : ").append(server.host()).append('\n');
        text.append(" Port          : ").append(server.c2sPort()).append('\n');
        text.append(" Domain        : ").append(server.domain()).append('\n');
        text.append(" Accounts      :\n");
        for (String[] account : ACCOUNTS) {
            text.append(String.format("   %-18s password: %s%n", server.jid(account[0]), account[1]));
        }
        text.append(" Group chats   : ").append(server.mucDomain()).append('\n');
        text.append('\n');
        text.append(" The certificate is self-signed, so Natter will ask whether to trust it.\n");
        text.append(" Trust it only if Natter shows exactly this SHA-256 fingerprint:\n");
        text.append("   ").append(server.serverFingerprint()).append('\n');
        text.append('\n');
        text.append(" Start two Natter profiles, each in its own terminal:\n");
        text.append("   ./mvnw -Prun -Dnatter.args=\"--data-dir /tmp/natter-alice\"\n");
        text.append("   ./mvnw -Prun -Dnatter.args=\"--data-dir /tmp/natter-bob\"\n");
        text.append(" and sign in as ").append(server.jid("alice")).append(" and ").append(server.jid("bob"));
        text.append(" (server ").append(server.host()).append(", port ").append(server.c2sPort()).append(").\n");
        text.append(line);
        return text.toString();
    }

    private static int requestedPort(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                try {
                    int port = Integer.parseInt(args[i + 1]);
                    if (port > 0 && port < 65536) {
                        return port;
                    }
                } catch (NumberFormatException e) {
                    // fall through to the message below
                }
                System.err.println("--port needs a number between 1 and 65535, not " + args[i + 1]);
                System.exit(2);
            }
        }
        return 0;
    }
}
