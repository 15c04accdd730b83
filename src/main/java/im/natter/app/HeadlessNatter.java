package im.natter.app;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConnectionStatus;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.Direction;
import im.natter.domain.model.ServerEndpoint;
import im.natter.platform.DataDirectory;
import im.natter.platform.secrets.UnavailableSecretStore;
import im.natter.service.ReconnectPolicy;
import im.natter.xmpp.XmppConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Natter's core without a window: archive, services and the XMPP connection, driven by line commands on stdin and
 * reporting on stdout. It exists so that reliability tests can run the real product in a process of its own and
 * kill it for real; it uses the same code paths as the desktop app (sign-in, send, archive), nothing else.
 *
 * <pre>
 * java -cp ... im.natter.app.HeadlessNatter --data-dir DIR [--host H --port P] [--trust-store F.p12
 *      --trust-store-password PW] [--resource R] [--ping-seconds N] [--reconnect-ms N]
 * </pre>
 *
 * Commands (one per line): {@code signin JID PASSWORD}, {@code send PEER TEXT}, {@code status}, {@code count PEER},
 * {@code dump PEER}, {@code help}, {@code quit}. Each command gets exactly one final answer line: {@code ok ...},
 * {@code queued ORIGIN-ID}, {@code status ...}, {@code count in=N out=M}, {@code end N} (after the {@code message}
 * lines of a dump) or {@code error WORDS}. Events are lines of their own at any time: {@code ready},
 * {@code connecting}, {@code connected}, {@code lost REASON}, {@code offline REASON},
 * {@code stored in|out ORIGIN-ID BODY}, {@code state ORIGIN-ID STATE}, {@code notice LEVEL TEXT}.
 * The password is taken only by {@code signin} and never stored.
 */
public final class HeadlessNatter {

    private static final int PAGE = 500;
    private static final String USAGE = "usage: HeadlessNatter --data-dir DIR [--host H --port P] [--trust-store FILE.p12"
            + " --trust-store-password PW] [--resource R] [--ping-seconds N] [--reconnect-ms N]";

    private final AppContext app;
    private final HeadlessProtocol out;
    private final String resource;
    private final ServerEndpoint endpoint;

    private HeadlessNatter(AppContext app, HeadlessProtocol out, String resource, ServerEndpoint endpoint) {
        this.app = app;
        this.out = out;
        this.resource = resource;
        this.endpoint = endpoint;
    }

    public static void main(String[] args) {
        PrintStream stdout = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        HeadlessProtocol out = new HeadlessProtocol(stdout);
        int exit = run(args, System.in, out);
        stdout.flush();
        System.exit(exit);
    }

    /** Runs until {@code quit} or the end of input; returns the process exit code. */
    static int run(String[] args, InputStream in, HeadlessProtocol out) {
        Arguments arguments;
        AppContext.Options options;
        try {
            arguments = Arguments.parse(args);
            options = arguments.options();
        } catch (IllegalArgumentException | DataDirectory.DataDirectoryException e) {
            out.error(e.getMessage());
            out.line(USAGE);
            return 2;
        } catch (IOException | GeneralSecurityException e) {
            out.error("The trust store cannot be read: " + e.getMessage());
            return 2;
        }
        AppContext app;
        try {
            app = AppContext.start(options);
        } catch (im.natter.domain.port.ArchiveException e) {
            out.error(e.getMessage());
            return 3;
        }
        try (app) {
            app.events().subscribe(event -> HeadlessProtocol.eventLine(event).ifPresent(out::line));
            app.accounts.restore();
            HeadlessNatter natter = new HeadlessNatter(app, out, arguments.resource, arguments.endpoint());
            out.line("ready");
            natter.commands(in);
        }
        return 0;
    }

    private void commands(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (!handle(line.strip())) {
                    out.reply("ok", "bye");
                    return;
                }
            }
        } catch (IOException e) {
            out.error("Reading commands failed: " + e.getMessage());
        }
    }

    /** Handles one command line; false when Natter should stop. */
    private boolean handle(String line) {
        String[] parts = line.split(" ", 3);
        String command = HeadlessProtocol.word(parts[0]);
        try {
            switch (command) {
                case "signin" -> signIn(parts);
                case "send" -> send(parts);
                case "status" -> status();
                case "count" -> count(parts);
                case "dump" -> dump(parts);
                case "help" -> out.reply("ok", "commands: signin JID PASSWORD, send PEER TEXT, status, count PEER,"
                        + " dump PEER, quit");
                case "quit", "exit" -> {
                    return false;
                }
                default -> out.error("unknown command \"" + parts[0] + "\"; say help for the list");
            }
        } catch (RuntimeException e) {
            // a broken command must never take the process (and the archive) down with it
            out.error(messageOf(e));
        }
        return true;
    }

    private void signIn(String[] parts) {
        if (parts.length < 3 || parts[2].isEmpty()) {
            out.error("signin needs an address and a password, as in: signin alice@example.org secret");
            return;
        }
        String problem = Address.checkUser(parts[1]);
        if (problem != null) {
            out.error(problem);
            return;
        }
        AccountSettings account = new AccountSettings(new AccountId(Address.parseUser(parts[1]).orElseThrow()),
                resource, endpoint, false, List.of());
        char[] password = parts[2].toCharArray();
        try {
            app.accounts.signIn(account, password).get();
            out.reply("ok", "signed in as " + account.id());
        } catch (ExecutionException e) {
            out.error(messageOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.error("interrupted while signing in");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void send(String[] parts) {
        if (parts.length < 3 || parts[2].isEmpty()) {
            out.error("send needs an address and a text, as in: send bob@example.org hello");
            return;
        }
        ConversationKey conversation = conversation(parts[1]);
        if (conversation == null) {
            return;
        }
        try {
            ChatMessage stored = app.chats.send(conversation, HeadlessProtocol.unescape(parts[2])).get();
            out.reply("queued", stored.originId());
        } catch (ExecutionException e) {
            out.error(messageOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.error("interrupted while sending");
        }
    }

    private void status() {
        AccountId account = app.accounts.currentAccount();
        if (account == null) {
            out.reply("status", "OFFLINE no account yet");
            return;
        }
        ConnectionStatus status = app.connections.status(account);
        out.reply("status", status.phase() + " " + account
                + (status.reason() == null ? "" : " " + status.reason().replaceAll("\\s+", " ")));
    }

    private void count(String[] parts) {
        ConversationKey conversation = parts.length < 2 ? null : conversation(parts[1]);
        if (conversation == null) {
            if (parts.length < 2) {
                out.error("count needs the other person's address, as in: count bob@example.org");
            }
            return;
        }
        long in = 0;
        long outgoing = 0;
        for (ChatMessage m : everything(conversation)) {
            if (m.direction() == Direction.INCOMING) {
                in++;
            } else {
                outgoing++;
            }
        }
        out.reply("count", "in=" + in + " out=" + outgoing);
    }

    private void dump(String[] parts) {
        ConversationKey conversation = parts.length < 2 ? null : conversation(parts[1]);
        if (conversation == null) {
            if (parts.length < 2) {
                out.error("dump needs the other person's address, as in: dump bob@example.org");
            }
            return;
        }
        List<ChatMessage> all = everything(conversation);
        for (ChatMessage m : all) {
            out.line(HeadlessProtocol.messageLine(m));
        }
        out.reply("end", Integer.toString(all.size()));
    }

    /** The whole stored conversation, oldest first, read page by page as the chat view reads it. */
    private List<ChatMessage> everything(ConversationKey conversation) {
        Deque<List<ChatMessage>> pages = new ArrayDeque<>();
        long before = 0;
        while (true) {
            List<ChatMessage> page = app.chats.history(conversation, before, PAGE).join();
            if (page.isEmpty()) {
                break;
            }
            pages.push(page);
            if (page.size() < PAGE) {
                break;
            }
            before = page.getFirst().id();
        }
        List<ChatMessage> all = new ArrayList<>();
        pages.forEach(all::addAll);
        return all;
    }

    /** The conversation with {@code peer} of the current account, or null after saying why there is none. */
    private ConversationKey conversation(String peer) {
        AccountId account = app.accounts.currentAccount();
        if (account == null) {
            out.error("no account yet: signin first");
            return null;
        }
        String problem = Address.checkUser(peer);
        if (problem != null) {
            out.error(problem);
            return null;
        }
        return ConversationKey.chat(account, Address.parseUser(peer).orElseThrow());
    }

    private static String messageOf(Throwable t) {
        Throwable e = t;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** The command-line options; everything not given is the product's default. */
    private record Arguments(Path dataDir, String host, int port, Path trustStore, char[] trustStorePassword,
            String resource, Duration ping, Duration reconnect) {

        static Arguments parse(String[] args) {
            Path dataDir = null;
            String host = null;
            int port = 0;
            Path trustStore = null;
            char[] trustPassword = new char[0];
            String resource = "natter-headless";
            Duration ping = null;
            Duration reconnect = null;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value after it.");
                }
                String value = args[++i];
                switch (name) {
                    case "--data-dir" -> dataDir = Path.of(value);
                    case "--host" -> host = value;
                    case "--port" -> port = number(name, value, 1, 65535);
                    case "--trust-store" -> trustStore = Path.of(value);
                    case "--trust-store-password" -> trustPassword = value.toCharArray();
                    case "--resource" -> resource = value;
                    case "--ping-seconds" -> ping = Duration.ofSeconds(number(name, value, 1, 3600));
                    case "--reconnect-ms" -> reconnect = Duration.ofMillis(number(name, value, 1, 3_600_000));
                    default -> throw new IllegalArgumentException("Unknown option " + name + ".");
                }
            }
            if (dataDir == null) {
                throw new IllegalArgumentException("--data-dir is required: headless Natter never uses your own data.");
            }
            if ((host == null) != (port == 0)) {
                throw new IllegalArgumentException("--host and --port go together.");
            }
            return new Arguments(dataDir, host, port, trustStore, trustPassword, resource, ping, reconnect);
        }

        private static int number(String name, String value, int min, int max) {
            try {
                int n = Integer.parseInt(value.strip());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ".");
        }

        ServerEndpoint endpoint() {
            return host == null ? null : new ServerEndpoint(host, port);
        }

        AppContext.Options options() throws DataDirectory.DataDirectoryException, IOException,
                GeneralSecurityException {
            XmppConfig xmpp = XmppConfig.defaults();
            if (trustStore != null) {
                KeyStore anchors = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(trustStore)) {
                    anchors.load(in, trustStorePassword);
                }
                xmpp = xmpp.withTrustStore(anchors);
            }
            if (ping != null) {
                // the ping's answer is awaited as long as any reply: a stall is noticed after about twice this
                xmpp = xmpp.withPingInterval(ping).withTimeouts(ping, xmpp.connectTimeout());
            }
            ReconnectPolicy policy = reconnect == null ? ReconnectPolicy.standard()
                    : new ReconnectPolicy(reconnect, reconnect.multipliedBy(4), 0, () -> 0.5);
            return new AppContext.Options(DataDirectory.create(dataDir), xmpp,
                    new UnavailableSecretStore("Headless Natter takes the password with each signin command."),
                    policy, Clock.systemDefaultZone());
        }

        @Override
        public String toString() {
            return "Arguments[" + dataDir + "]"; // never the password
        }
    }
}
