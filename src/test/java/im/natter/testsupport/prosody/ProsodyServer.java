package im.natter.testsupport.prosody;

import im.natter.testsupport.server.StartTlsProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

import im.natter.testsupport.server.XmppTestServer;

/**
 * A real Prosody (Debian's {@code prosody} package) on 127.0.0.1 with free ports, a generated
 * configuration and a throw-away data folder, for integration tests and the demo server.
 *
 * <pre>{@code
 * try (ProsodyServer server = ProsodyServer.builder().start()) {
 *     server.register("alice", "secret");
 *     // connect to server.host():server.c2sPort(), domain server.domain(), trusting only server.trustManager()
 * }
 * }</pre>
 *
 * Clients must use STARTTLS ({@code c2s_require_encryption = true}). By default the certificate is signed by a
 * test CA created per server; {@link #trustStore()} holds only that CA.
 */
public final class ProsodyServer implements XmppTestServer {

    private static final System.Logger LOG = System.getLogger(ProsodyServer.class.getName());
    private static final String DOMAIN = "localhost";
    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(15);
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;
    private static final String RUN_MARKER = "---- start ";
    private static final Set<ProsodyServer> LIVE = ConcurrentHashMap.newKeySet();

    static {
        // A test run that dies early must not leave servers holding ports on a shared machine.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(ProsodyServer::close),
                "prosody-cleanup"));
    }

    private final Builder options;
    private final Path base;
    private final Path configFile;
    private final Path logFile;
    private final TestCertificates ca;
    private final TestCertificates.ServerIdentity identity;
    private int c2sPort;
    private int httpPort;
    private List<String> mucModules = List.of();
    private boolean configured;
    private Process process;
    private boolean closed;

    private ProsodyServer(Builder options) {
        this.options = options;
        requireInstalled();
        try {
            this.base = Files.createTempDirectory("natter-prosody-");
            Files.createDirectories(base.resolve("data"));
            Files.createDirectories(base.resolve("certs"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temp folder for Prosody", e);
        }
        this.configFile = base.resolve("prosody.cfg.lua");
        this.logFile = base.resolve("prosody.log");
        this.ca = TestCertificates.newCa();
        this.identity = ca.issue(options.certificateKind);
        try {
            identity.writePem(base.resolve("certs"), "server");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the test certificate", e);
        }
        LIVE.add(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a server with the default options (CA-signed certificate, SHA-256 passwords, internal storage). */
    public static ProsodyServer startDefault() {
        return builder().start();
    }

    /**
     * Starts Prosody and waits until it answers an XMPP stream header. The first start chooses the ports;
     * a later start (after {@link #stop()} or {@link #kill()}) reuses the same ports, data and certificate.
     */
    @Override
    public synchronized ProsodyServer start() {
        if (closed) {
            throw new IllegalStateException("this ProsodyServer is closed");
        }
        if (isRunning()) {
            return this;
        }
        boolean firstStart = !configured;
        for (int attempt = 1; ; attempt++) {
            if (!configured || firstStart) {
                choosePorts();
                writeConfig();
                configured = true;
            }
            try {
                launchAndAwaitReady();
                return this;
            } catch (PortTakenException e) {
                // Someone took a chosen port between picking and binding; only the first start may move ports.
                if (!firstStart || attempt >= START_ATTEMPTS) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                LOG.log(System.Logger.Level.INFO, "Prosody port was taken, choosing new ports: {0}", e.getMessage());
            }
        }
    }

    /** Stops Prosody with SIGTERM (a clean shutdown) and waits until it has exited. Data and ports are kept. */
    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!waitFor(process, STOP_LIMIT)) {
            LOG.log(System.Logger.Level.WARNING, "Prosody ignored SIGTERM for {0}; killing it", STOP_LIMIT);
            destroyTree(process);
        }
        process = null;
        killStragglers();
    }

    /** Kills Prosody with SIGKILL, as a crash would; nothing is flushed. Data and ports are kept. */
    @Override
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        destroyTree(process);
        process = null;
        killStragglers();
    }

    /** Stops the server (killing it if it will not stop) and deletes its folder. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stop();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Prosody did not stop cleanly", e);
        } finally {
            if (process != null) {
                destroyTree(process);
                process = null;
            }
            killStragglers();
            closed = true;
            LIVE.remove(this);
            if (Boolean.getBoolean("natter.test.keepProsody")) {
                LOG.log(System.Logger.Level.INFO, "Keeping Prosody folder {0}", base);
            } else {
                deleteRecursively(base);
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Creates an account with {@code prosodyctl register}; works whether or not the server runs. */
    @Override
    public void register(String user, String password) {
        prosodyctl("register", user, DOMAIN, password);
    }

    /** Deletes an account with {@code prosodyctl deluser}. */
    public void unregister(String user) {
        prosodyctl("deluser", user + "@" + DOMAIN);
    }

    /**
     * Runs one command in Prosody's admin shell (the server must run), e.g. {@code "c2s:show()"} or
     * {@code "user:password('a@localhost', 'x')"}, and returns what it printed.
     */
    public String shell(String command) {
        return prosodyctl("shell", command);
    }

    /** Runs prosodyctl with this server's config; returns its output, throws with the output if it fails. */
    public String prosodyctl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("prosodyctl", "--config", configFile.toString()));
        command.addAll(List.of(arguments));
        try {
            Path out = Files.createTempFile(base, "prosodyctl-", ".out");
            Process ctl = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
            if (!waitFor(ctl, COMMAND_LIMIT)) {
                destroyTree(ctl);
                throw new IllegalStateException("prosodyctl " + arguments[0] + " did not finish within " + COMMAND_LIMIT);
            }
            String output = Files.readString(out);
            Files.deleteIfExists(out);
            if (ctl.exitValue() != 0) {
                throw new IllegalStateException("prosodyctl " + arguments[0] + " failed (exit " + ctl.exitValue() + "):\n"
                        + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run prosodyctl", e);
        }
    }

    /** Always {@code 127.0.0.1}. */
    @Override
    public String host() {
        return FreePorts.LOOPBACK.getHostAddress();
    }

    @Override
    public int c2sPort() {
        return c2sPort;
    }

    /** Plain-HTTP port (XEP-0363 upload slots are served from {@code http://localhost:<port>/}). */
    public int httpPort() {
        return httpPort;
    }

    /** The XMPP domain, {@code localhost}. */
    @Override
    public String domain() {
        return DOMAIN;
    }

    /** The MUC service, {@code conference.localhost}. */
    @Override
    public String mucDomain() {
        return "conference." + DOMAIN;
    }

    /** The prosody-modules the MUC component runs (e.g. muc_moderation), as found installed. */
    public synchronized List<String> mucModules() {
        return mucModules;
    }

    /** The upload service, {@code upload.localhost}. */
    public String uploadDomain() {
        return "upload." + DOMAIN;
    }

    @Override
    public String jid(String user) {
        return user + "@" + DOMAIN;
    }

    public CertificateKind certificateKind() {
        return options.certificateKind;
    }

    /** The test CA that signed the server certificate (unless it is SELF_SIGNED). */
    public X509Certificate caCertificate() {
        return ca.caCertificate();
    }

    /** The certificate Prosody presents. */
    public X509Certificate serverCertificate() {
        return identity.certificate();
    }

    /** SHA-256 of the server certificate as uppercase hex pairs joined by ':'. */
    public String serverFingerprint() {
        return TestCertificates.sha256Fingerprint(serverCertificate());
    }

    /** A key store whose only entry is the test CA: inject it as the client's trust store. */
    @Override
    public KeyStore trustStore() {
        return ca.trustStore();
    }

    /** A trust manager that trusts only the test CA (not the JDK's default CAs). */
    @Override
    public X509TrustManager trustManager() {
        return ca.trustManager();
    }

    /** A TLS context that trusts only the test CA. */
    public SSLContext sslContext() {
        return ca.sslContext();
    }

    /** The server's folder (config, certs, data, log); deleted by {@link #close()}. */
    public Path directory() {
        return base;
    }

    public Path configFile() {
        return configFile;
    }

    public Path logFile() {
        return logFile;
    }

    /** The last lines of Prosody's console log, for failure messages. */
    @Override
    public String logTail(int lines) {
        try {
            if (!Files.exists(logFile)) {
                return "(no log yet)";
            }
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private String currentRunLog() {
        String all = logTail(Integer.MAX_VALUE);
        int start = all.lastIndexOf(RUN_MARKER);
        return start < 0 ? all : all.substring(start);
    }

    /** The operating-system process id of the running Prosody, if any. */
    public synchronized Optional<Long> pid() {
        return isRunning() ? Optional.of(process.pid()) : Optional.empty();
    }

    @Override
    public String kind() {
        return "prosody";
    }

    @Override
    public String toString() {
        return "ProsodyServer[" + host() + ":" + c2sPort + ", " + base + "]";
    }

    private void choosePorts() {
        c2sPort = options.c2sPort > 0 ? options.c2sPort : FreePorts.pick();
        do {
            httpPort = FreePorts.pick();
        } while (httpPort == c2sPort);
    }

    private void writeConfig() {
        List<Path> pluginPaths = new ArrayList<>();
        List<String> mucModules = new ArrayList<>();
        for (String module : CommunityModules.MUC_MODULES) {
            CommunityModules.folderOf(module).ifPresent(folder -> {
                mucModules.add(module);
                if (!pluginPaths.contains(folder)) {
                    pluginPaths.add(folder);
                }
            });
        }
        this.mucModules = List.copyOf(mucModules);
        ProsodyConfig config = new ProsodyConfig(base, DOMAIN, c2sPort, httpPort, isRoot(), options.passwordHash,
                options.stanzaSizeLimit, options.sqlStorage, options.debugLog, pluginPaths, mucModules);
        try {
            Files.writeString(configFile, config.render());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + configFile, e);
        }
    }

    private void launchAndAwaitReady() throws PortTakenException {
        killStragglers();
        for (int port : new int[] {c2sPort, httpPort}) {
            if (!FreePorts.isFree(port)) {
                throw new PortTakenException("port " + port + " on 127.0.0.1 is already in use");
            }
        }
        try {
            Files.writeString(logFile, RUN_MARKER + Instant.now() + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder("prosody", "--config", configFile.toString(), "-F")
                    .directory(base.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start prosody: " + e.getMessage() + installHint(), e);
        }
        Instant deadline = Instant.now().plus(START_LIMIT);
        while (true) {
            if (!process.isAlive()) {
                int exit = process.exitValue();
                process = null;
                killStragglers();
                String tail = logTail(40);
                if (tail.contains("in use")) {
                    throw new PortTakenException("Prosody could not bind its ports:\n" + tail);
                }
                throw new IllegalStateException("Prosody exited during startup (exit " + exit + "). Log "
                        + logFile + ":\n" + tail);
            }
            String log = currentRunLog();
            if (log.contains("Failed to open server port")) {
                // Prosody keeps running without the port; someone else holds it, maybe answering in our place.
                Process failed = process;
                process = null;
                destroyTree(failed);
                killStragglers();
                throw new PortTakenException("Prosody could not bind its ports:\n" + log);
            }
            if (answersXmpp() && FreePorts.isListening(httpPort)) {
                LOG.log(System.Logger.Level.DEBUG, "Prosody ready on 127.0.0.1:{0}", c2sPort);
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                Process failed = process;
                process = null;
                destroyTree(failed);
                killStragglers();
                throw new IllegalStateException("Prosody did not become ready on 127.0.0.1:" + c2sPort + " within "
                        + START_LIMIT + ". Log " + logFile + ":\n" + logTail(40));
            }
            sleep(20);
        }
    }

    private boolean answersXmpp() {
        return StartTlsProbe.answers(c2sPort, DOMAIN);
    }


    /**
     * Kills any process still holding this server's pidfile or running with our config: an aborted Prosody
     * start can leave a half-dead process that keeps the ports bound.
     */
    private void killStragglers() {
        Path pidFile = base.resolve("prosody.pid");
        try {
            if (Files.exists(pidFile)) {
                String text = Files.readString(pidFile).trim();
                if (!text.isEmpty()) {
                    ProcessHandle.of(Long.parseLong(text)).filter(this::runsOurConfig).ifPresent(ProsodyServer::destroyTree);
                }
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException | NumberFormatException e) {
            LOG.log(System.Logger.Level.DEBUG, "unreadable pidfile {0}: {1}", pidFile, e);
        }
        ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(this::runsOurConfig)
                .filter(p -> !isProsodyctl(p)).forEach(ProsodyServer::destroyTree);
    }

    private boolean runsOurConfig(ProcessHandle handle) {
        return handle.info().arguments()
                .map(args -> List.of(args).contains(configFile.toString()))
                .or(() -> handle.info().commandLine().map(line -> line.contains(configFile.toString())))
                .orElse(false);
    }

    private static boolean isProsodyctl(ProcessHandle handle) {
        return handle.info().commandLine().map(line -> line.contains("prosodyctl")).orElse(false);
    }

    private static void destroyTree(Process process) {
        destroyTree(process.toHandle());
        waitFor(process, STOP_LIMIT);
    }

    private static void destroyTree(ProcessHandle handle) {
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        try {
            handle.onExit().get(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "process {0} did not die after SIGKILL", handle.pid());
        }
    }

    private static boolean waitFor(Process process, Duration limit) {
        try {
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Prosody", e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static void requireInstalled() {
        boolean found = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .map(dir -> Path.of(dir, "prosody"))
                .anyMatch(Files::isExecutable);
        if (!found) {
            throw new IllegalStateException("Prosody is not installed, but the integration tests need a real XMPP server."
                    + installHint());
        }
    }

    private static String installHint() {
        return " Run ./mvnw verify as root (it installs the test tools by itself), or install Prosody:"
                + " sudo apt-get install prosody lua-dbi-sqlite3 (see src/test/tools/install-test-tools.sh).";
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "could not delete {0}", p);
                }
            });
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete {0}: {1}", root, e);
        }
    }

    private static final class PortTakenException extends Exception {
        PortTakenException(String message) {
            super(message);
        }
    }

    /** Options for a test server; {@link #start()} creates and starts it. */
    public static final class Builder {
        private String passwordHash = "SHA-256";
        private long stanzaSizeLimit;
        private boolean sqlStorage;
        private boolean debugLog;
        private int c2sPort;
        private CertificateKind certificateKind = CertificateKind.CA_SIGNED;

        private Builder() {
        }

        /** "SHA-256" (default; Prosody then offers SCRAM-SHA-256) or "SHA-1" (SCRAM-SHA-1 only). */
        public Builder passwordHash(String hash) {
            if (!hash.equals("SHA-256") && !hash.equals("SHA-1")) {
                throw new IllegalArgumentException("password hash must be SHA-256 or SHA-1, not " + hash);
            }
            this.passwordHash = hash;
            return this;
        }

        /** Largest stanza a logged-in client may send (Prosody's default is 256 KiB and closes the stream above). */
        public Builder stanzaSizeLimit(long bytes) {
            if (bytes < 10_000) {
                throw new IllegalArgumentException("Prosody does not accept a stanza size limit below 10000 bytes");
            }
            this.stanzaSizeLimit = bytes;
            return this;
        }

        /** SQLite storage with archives that never expire, for long-archive and reliability tests. */
        public Builder sqlStorage() {
            this.sqlStorage = true;
            return this;
        }

        public Builder certificate(CertificateKind kind) {
            this.certificateKind = java.util.Objects.requireNonNull(kind);
            return this;
        }

        /** Also writes a debug log (debug.log in the server folder); noisy, for diagnosing a failing test. */
        public Builder debugLog() {
            this.debugLog = true;
            return this;
        }

        /** A fixed c2s port instead of a free one (the demo server wants 5222). */
        public Builder c2sPort(int port) {
            this.c2sPort = port;
            return this;
        }

        /** Creates the server (folder, certificates) without starting it. */
        public ProsodyServer build() {
            return new ProsodyServer(this);
        }

        /** Creates and starts the server; closes it again if it cannot start. */
        public ProsodyServer start() {
            ProsodyServer server = build();
            try {
                return server.start();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
    }
}
