package im.natter.testsupport.headless;

import im.natter.testsupport.prosody.TestAccount;
import im.natter.testsupport.server.Processes;
import im.natter.testsupport.server.XmppTestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Natter's headless entry point ({@code im.natter.app.HeadlessNatter}) as a child JVM that a test drives by line
 * commands and can kill for real:
 *
 * <pre>{@code
 * try (HeadlessNatterProcess natter = HeadlessNatterProcess.builder(tempDir, server).endpoint("127.0.0.1", proxy.port()).start()) {
 *     natter.signIn(alice);                                     // waits for "ok", throws with the error words
 *     String originId = natter.send(bob.jid(), "hello");        // the message is in the archive, queued
 *     natter.kill9();  natter.restart();  natter.signIn(alice);  // same data folder
 *     natter.awaitLine(l -> l.equals("state " + originId + " ON_SERVER"));
 * }
 * }</pre>
 *
 * It runs on the test JVM's own java and class path. Every line Natter printed is kept ({@link #lines()}); replies
 * to commands are told apart from events by their first word.
 */
public final class HeadlessNatterProcess implements AutoCloseable {

    private static final Set<String> REPLIES = Set.of("ok", "queued", "error", "status", "count", "end");
    private static final Duration REPLY_LIMIT = Duration.ofSeconds(60);
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final String MAIN_CLASS = "im.natter.app.HeadlessNatter";

    private final Builder options;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private Process process;
    private Writer commands;
    private BlockingQueue<String> replies;
    private int starts;

    private HeadlessNatterProcess(Builder options) {
        this.options = options;
    }

    /**
     * A process whose data, trust store and logs live in {@code home}; it connects to {@code server} (or to the
     * endpoint set on the builder) and trusts only the server's test CA.
     */
    public static Builder builder(Path home, XmppTestServer server) {
        return new Builder(home, server);
    }

    /** Starts the process (again, after {@link #kill9()} or {@link #quit()}) on the same data folder. */
    public synchronized HeadlessNatterProcess start() {
        if (isAlive()) {
            throw new IllegalStateException("headless Natter is already running");
        }
        starts++;
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow(
                () -> new IllegalStateException("cannot tell which java runs the tests")));
        command.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true", "-cp", classPath(), MAIN_CLASS,
                "--data-dir", dataDirectory().toString(), "--trust-store", options.trustStoreFile().toString(),
                "--trust-store-password", options.trustStorePassword, "--resource", options.resource,
                "--ping-seconds", Long.toString(options.ping.toSeconds()),
                "--reconnect-ms", Long.toString(options.reconnect.toMillis())));
        if (options.host != null) {
            command.addAll(List.of("--host", options.host, "--port", Integer.toString(options.port)));
        }
        try {
            process = new ProcessBuilder(command).directory(options.home.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(stderrFile().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start headless Natter", e);
        }
        commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        replies = queue;
        Process started = process;
        lines.add("# start " + starts);
        Thread.ofVirtual().name("headless-natter-stdout").start(() -> readLines(started, queue));
        String first = awaitLine(l -> l.equals("ready") || l.startsWith("error "), START_LIMIT, starts);
        if (!first.equals("ready")) {
            throw new IllegalStateException("headless Natter did not start: " + first + "\n" + stderrTail(30));
        }
        return this;
    }

    /** Stops and starts the process on the same data folder: politely if it still runs, as after a kill if not. */
    public synchronized HeadlessNatterProcess restart() {
        if (isAlive()) {
            quit();
        }
        return start();
    }

    private void readLines(Process source, BlockingQueue<String> queue) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(source.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                String word = line.split(" ", 2)[0];
                if (REPLIES.contains(word)) {
                    queue.add(line);
                }
            }
        } catch (IOException e) {
            // the process died; waiting callers time out with the stderr tail
        } finally {
            queue.add("error process ended");
        }
    }

    /** Sends one command line and returns its final answer (not an error check: see the typed helpers). */
    public synchronized String command(String line) {
        return commandWithRows(line).getLast();
    }

    /** The answer's lines for commands that print rows first ({@code dump}); the last one is the final answer. */
    private synchronized List<String> commandWithRows(String line) {
        requireAlive();
        if (line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("one command is one line");
        }
        int before = lines.size();
        try {
            commands.write(line);
            commands.write('\n');
            commands.flush();
        } catch (IOException e) {
            throw new IllegalStateException("headless Natter does not take commands any more: " + e.getMessage()
                    + "\n" + stderrTail(30), e);
        }
        String reply;
        try {
            reply = replies.poll(REPLY_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for an answer to " + redact(line), e);
        }
        if (reply == null) {
            throw new IllegalStateException("no answer to \"" + redact(line) + "\" within " + REPLY_LIMIT + "\n"
                    + stderrTail(30));
        }
        List<String> result = new ArrayList<>();
        if (line.startsWith("dump ")) {
            List<String> printed = List.copyOf(lines); // a subList of the live list breaks when an event line arrives
            printed.subList(before, printed.size()).stream().filter(l -> l.startsWith("message ")).forEach(result::add);
        }
        result.add(reply);
        return result;
    }

    /** Signs in with the account's password; throws with Natter's words if it fails. */
    public String signIn(TestAccount account) {
        return expect("signin " + account.jid() + " " + account.password(), "ok");
    }

    /** Stores and (if connected) sends a message; returns its origin-id. */
    public String send(String peer, String text) {
        String escaped = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
        return expect("send " + peer + " " + escaped, "queued").substring("queued ".length());
    }

    /** {@code ONLINE}, {@code OFFLINE}, {@code CONNECTING} or {@code RECONNECTING}. */
    public String phase() {
        return expect("status", "status").split(" ")[1];
    }

    /** Messages stored for the conversation with {@code peer}: "in" and "out". */
    public Map<String, Long> count(String peer) {
        String reply = expect("count " + peer, "count");
        String[] fields = reply.split(" ");
        return Map.of("in", Long.parseLong(fields[1].substring(3)), "out", Long.parseLong(fields[2].substring(4)));
    }

    /** Every stored message of the conversation with {@code peer}, oldest first. */
    public List<StoredMessage> dump(String peer) {
        List<String> answer = commandWithRows("dump " + peer);
        String last = answer.getLast();
        if (!last.startsWith("end ")) {
            throw new IllegalStateException("dump failed: " + last);
        }
        return answer.subList(0, answer.size() - 1).stream().map(StoredMessage::parse).toList();
    }

    private String expect(String command, String word) {
        String reply = command(command);
        if (!reply.equals(word) && !reply.startsWith(word + " ")) {
            throw new IllegalStateException("\"" + redact(command) + "\" answered: " + reply);
        }
        return reply;
    }

    /** Waits for a line printed since the last start that matches, and returns it. */
    public String awaitLine(Predicate<String> matching) {
        return awaitLine(matching, REPLY_LIMIT, starts);
    }

    /** Waits for a line printed since the last start that matches, and returns it. */
    public String awaitLine(Predicate<String> matching, Duration limit) {
        return awaitLine(matching, limit, starts);
    }

    private String awaitLine(Predicate<String> matching, Duration limit, int run) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            List<String> current = linesOfRun(run);
            for (String l : current) {
                if (matching.test(l)) {
                    return l;
                }
            }
            Process p = process;
            if (p != null && !p.isAlive() && linesOfRun(run).size() == current.size()) {
                throw new IllegalStateException("headless Natter ended without the awaited line; it printed:\n"
                        + String.join("\n", tail(current, 20)) + "\n" + stderrTail(30));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("headless Natter did not print the awaited line within " + limit
                        + "; it printed:\n" + String.join("\n", tail(current, 20)) + "\n" + stderrTail(30));
            }
            Processes.sleep(10);
        }
    }

    /** Every line printed since the last start. */
    public List<String> lines() {
        return linesOfRun(starts);
    }

    /** Every line printed by every start, each start marked by a {@code # start N} line. */
    public List<String> allLines() {
        return List.copyOf(lines);
    }

    private List<String> linesOfRun(int run) {
        List<String> all = List.copyOf(lines);
        int from = all.indexOf("# start " + run);
        return from < 0 ? List.of() : all.subList(from + 1, all.size());
    }

    /** SIGKILL: no shutdown hook, no sign-out, no last write. */
    public synchronized void kill9() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        Processes.waitFor(process, Duration.ofSeconds(15));
    }

    /** Says {@code quit} and waits for a clean exit (killing the process if it does not come). */
    public synchronized void quit() {
        if (!isAlive()) {
            return;
        }
        try {
            commands.write("quit\n");
            commands.flush();
        } catch (IOException e) {
            // already going
        }
        if (!Processes.waitFor(process, Duration.ofSeconds(15))) {
            process.destroyForcibly();
            Processes.waitFor(process, Duration.ofSeconds(15));
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        requireAlive();
        return process.pid();
    }

    /** The exit code of the last run, once it has ended. */
    public synchronized int exitValue() {
        return process.exitValue();
    }

    public Path dataDirectory() {
        return options.home.resolve("data");
    }

    /** The SQLite archive, for {@code Database.open(path).integrityCheck()} while the process is not running. */
    public Path archive() {
        return dataDirectory().resolve("archive.db");
    }

    public Path stderrFile() {
        return options.home.resolve("natter-stderr.log");
    }

    public String stderrTail(int count) {
        return "-- stderr --\n" + Processes.tail(stderrFile(), count);
    }

    @Override
    public void close() {
        quit();
    }

    private void requireAlive() {
        if (!isAlive()) {
            throw new IllegalStateException("headless Natter is not running\n" + stderrTail(30));
        }
    }

    private static String redact(String command) {
        return command.startsWith("signin ") ? command.replaceFirst("^(signin \\S+) .*$", "$1 ***") : command;
    }

    private static List<String> tail(List<String> all, int count) {
        return all.subList(Math.max(0, all.size() - count), all.size());
    }

    /**
     * The test class path: surefire and failsafe may start the test JVM from a manifest-only jar, and then keep the
     * real one in {@code surefire.test.class.path}.
     */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /** One line of a {@code dump}: {@code message in|out ORIGIN-ID STANZA-ID STATE SORT SERVER LOCAL CLOCK BODY}. */
    public record StoredMessage(String direction, String originId, String stanzaId, String state, String times,
            String body) {

        static StoredMessage parse(String line) {
            String[] f = line.split(" ", 10);
            String times = String.join(" ", f[5], f[6], f[7], f[8]);
            return new StoredMessage(f[1], nullIfDash(f[2]), nullIfDash(f[3]), f[4], times,
                    unescape(f.length > 9 ? f[9] : ""));
        }

        public boolean outgoing() {
            return direction.equals("out");
        }

        private static String nullIfDash(String s) {
            return s.equals("-") ? null : s;
        }

        private static String unescape(String text) {
            StringBuilder b = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length()) {
                    char n = text.charAt(++i);
                    b.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }
    }

    /** Options of the child process; {@link #start()} writes the trust store and starts it. */
    public static final class Builder {
        private final Path home;
        private final XmppTestServer server;
        private final String trustStorePassword;
        private String host;
        private int port;
        private String resource = "natter-headless";
        private Duration ping = Duration.ofSeconds(5);
        private Duration reconnect = Duration.ofMillis(300);

        private Builder(Path home, XmppTestServer server) {
            this.home = Objects.requireNonNull(home);
            this.server = Objects.requireNonNull(server);
            byte[] random = new byte[8];
            new SecureRandom().nextBytes(random);
            this.trustStorePassword = HexFormat.of().formatHex(random);
            this.host = server.host();
            this.port = server.c2sPort();
        }

        /** Connect here instead of to the server itself (e.g. a {@code FaultProxy}). */
        public Builder endpoint(String host, int port) {
            this.host = host;
            this.port = port;
            return this;
        }

        /** Ping interval and reply timeout (default 5 s): a stalled connection is noticed after about twice this. */
        public Builder ping(Duration interval) {
            this.ping = interval;
            return this;
        }

        /** First reconnect delay (default 300 ms, no jitter; later ones double up to four times this). */
        public Builder reconnect(Duration first) {
            this.reconnect = first;
            return this;
        }

        public Builder resource(String name) {
            this.resource = name;
            return this;
        }

        Path trustStoreFile() {
            return home.resolve("trust.p12");
        }

        public HeadlessNatterProcess start() {
            try {
                Files.createDirectories(home);
                KeyStore anchors = server.trustStore();
                try (OutputStream out = Files.newOutputStream(trustStoreFile())) {
                    anchors.store(out, trustStorePassword.toCharArray());
                }
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException("could not write the trust store for headless Natter", e);
            }
            return new HeadlessNatterProcess(this).start();
        }
    }
}
