package im.natter.testsupport.ejabberd;

import im.natter.testsupport.server.StartTlsProbe;
import im.natter.testsupport.prosody.CertificateKind;
import im.natter.testsupport.prosody.FreePorts;
import im.natter.testsupport.prosody.TestCertificates;
import im.natter.testsupport.server.Processes;
import im.natter.testsupport.server.XmppTestServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

/**
 * A real ejabberd (Debian's {@code ejabberd} package, 23.01) on 127.0.0.1 with free ports, a generated
 * configuration in a throw-away folder and a certificate from the same kind of test CA as {@code ProsodyServer}.
 *
 * <pre>{@code
 * try (EjabberdServer server = EjabberdServer.builder().start()) {
 *     server.register("alice", "secret");                      // the server must run (ejabberdctl talks to it)
 *     // connect to server.host():server.c2sPort(), domain server.domain(), trusting only server.trustManager()
 * }
 * }</pre>
 *
 * It never reads /etc/ejabberd, starts no epmd, and its Erlang distribution listens on a loopback port only.
 * As root, {@code ejabberdctl} runs the node as the {@code ejabberd} user, so the folder is handed to that user.
 */
public final class EjabberdServer implements XmppTestServer {

    private static final System.Logger LOG = System.getLogger(EjabberdServer.class.getName());
    private static final String DOMAIN = "localhost";
    private static final String SERVICE_USER = "ejabberd";
    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(15);
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;
    private static final String RUN_MARKER = "---- start ";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<EjabberdServer> LIVE = ConcurrentHashMap.newKeySet();

    static {
        // A test run that dies early must not leave Erlang nodes holding ports on a shared machine.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(EjabberdServer::close),
                "ejabberd-cleanup"));
    }

    private final Builder options;
    private final Path base;
    private final Path consoleLog;
    private final TestCertificates ca;
    private final TestCertificates.ServerIdentity identity;
    private final String node;
    private final String cookie;
    private EjabberdConfig config;
    private Process process;
    private boolean closed;

    private EjabberdServer(Builder options) {
        this.options = options;
        requireInstalled();
        try {
            this.base = Files.createTempDirectory("natter-ejabberd-");
            for (String dir : List.of("conf", "spool", "logs")) {
                Files.createDirectories(base.resolve(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temp folder for ejabberd", e);
        }
        this.consoleLog = base.resolve("console.log");
        this.ca = TestCertificates.newCa();
        this.identity = ca.issue(options.certificateKind, "RSA");
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        // The node name is the mnesia owner: it must stay the same across restarts of this server.
        this.node = "natter" + HexFormat.of().formatHex(random) + "@localhost";
        RANDOM.nextBytes(random);
        this.cookie = "natter" + HexFormat.of().formatHex(random);
        LIVE.add(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts ejabberd and waits until it answers an XMPP stream with STARTTLS. The first start chooses the
     * ports; a later start (after {@link #stop()} or {@link #kill()}) reuses the same ports, data and certificate.
     */
    @Override
    public synchronized EjabberdServer start() {
        if (closed) {
            throw new IllegalStateException("this EjabberdServer is closed");
        }
        if (isRunning()) {
            return this;
        }
        boolean firstStart = config == null;
        for (int attempt = 1; ; attempt++) {
            if (firstStart) {
                configure();
            }
            try {
                launchAndAwaitReady();
                return this;
            } catch (PortTakenException e) {
                if (!firstStart || attempt >= START_ATTEMPTS) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                LOG.log(System.Logger.Level.INFO, "ejabberd port was taken, choosing new ports: {0}", e.getMessage());
            }
        }
    }

    /** A clean shutdown (SIGTERM to the Erlang VM, which stops ejabberd and flushes mnesia). Data and ports are kept. */
    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> vms = process.descendants().filter(EjabberdServer::isErlangVm).toList();
        if (vms.isEmpty()) {
            process.destroy();
        } else {
            vms.forEach(ProcessHandle::destroy);
        }
        if (!Processes.waitFor(process, STOP_LIMIT)) {
            LOG.log(System.Logger.Level.WARNING, "ejabberd ignored SIGTERM for {0}; killing it", STOP_LIMIT);
        }
        Processes.killTree(process.toHandle());
        process = null;
        killStragglers();
    }

    /** SIGKILL to the whole node, as a crash would; nothing is flushed. Data and ports are kept. */
    @Override
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        Processes.killTree(process.toHandle());
        process = null;
        killStragglers();
    }

    /** Kills the node, leaves no process of it (none of its ports open), and deletes its folder. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            // No clean shutdown: the data is deleted next, and SIGKILL saves a second or two per test class.
            if (process != null) {
                Processes.killTree(process.toHandle());
                process = null;
            }
        } finally {
            killStragglers();
            closed = true;
            LIVE.remove(this);
            if (Boolean.getBoolean("natter.test.keepEjabberd")) {
                LOG.log(System.Logger.Level.INFO, "Keeping ejabberd folder {0}", base);
            } else {
                Processes.deleteRecursively(base);
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Creates an account with {@code ejabberdctl register}; the server must be running. */
    @Override
    public void register(String user, String password) {
        String out = ejabberdctl("register", user, DOMAIN, password);
        if (!out.contains("successfully registered")) {
            throw new IllegalStateException("ejabberdctl register " + user + " said: " + out);
        }
    }

    /** Deletes an account with {@code ejabberdctl unregister}; the server must be running. */
    public void unregister(String user) {
        ejabberdctl("unregister", user, DOMAIN);
    }

    /** Runs ejabberdctl against this node with this server's files; returns its output, throws if it fails. */
    public String ejabberdctl(String... arguments) {
        EjabberdConfig c = requireConfigured();
        List<String> command = new ArrayList<>(ctlPrefix(c));
        command.addAll(List.of(arguments));
        try {
            Path out = Files.createTempFile("natter-ejabberdctl-", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                cleanEnvironment(builder.environment());
                Process ctl = builder.start();
                if (!Processes.waitFor(ctl, COMMAND_LIMIT)) {
                    Processes.killTree(ctl.toHandle());
                    throw new IllegalStateException("ejabberdctl " + arguments[0] + " did not finish within "
                            + COMMAND_LIMIT);
                }
                String output = Files.readString(out);
                if (ctl.exitValue() != 0) {
                    throw new IllegalStateException("ejabberdctl " + arguments[0] + " failed (exit " + ctl.exitValue()
                            + "):\n" + output + "\nLog:\n" + logTail(20));
                }
                return output;
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run ejabberdctl", e);
        }
    }

    @Override
    public String kind() {
        return "ejabberd";
    }

    /** Always {@code 127.0.0.1}. */
    @Override
    public String host() {
        return FreePorts.LOOPBACK.getHostAddress();
    }

    @Override
    public int c2sPort() {
        return requireConfigured().c2sPort();
    }

    /** The loopback port of the Erlang distribution (ejabberdctl talks to the node through it). */
    public int distributionPort() {
        return requireConfigured().distPort();
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

    /** The Erlang node name, unique per instance and stable across restarts. */
    public String node() {
        return node;
    }

    public X509Certificate caCertificate() {
        return ca.caCertificate();
    }

    public X509Certificate serverCertificate() {
        return identity.certificate();
    }

    @Override
    public KeyStore trustStore() {
        return ca.trustStore();
    }

    @Override
    public X509TrustManager trustManager() {
        return ca.trustManager();
    }

    public SSLContext sslContext() {
        return ca.sslContext();
    }

    /** The server's folder (conf, spool, logs); deleted by {@link #close()}. */
    public Path directory() {
        return base;
    }

    /** ejabberd's own log (logs/ejabberd.log). */
    public Path logFile() {
        return base.resolve("logs").resolve("ejabberd.log");
    }

    /** The last lines of ejabberd's log and of the node's console output, for failure messages. */
    @Override
    public String logTail(int lines) {
        return Processes.tail(logFile(), lines) + "\n-- console --\n" + Processes.tail(consoleLog, Math.min(lines, 15));
    }

    /** The operating-system process id of the running Erlang VM, if any. */
    public synchronized Optional<Long> pid() {
        if (!isRunning()) {
            return Optional.empty();
        }
        return process.descendants().filter(EjabberdServer::isErlangVm).map(ProcessHandle::pid).findFirst();
    }

    @Override
    public String toString() {
        return "EjabberdServer[" + host() + ":" + (config == null ? "-" : config.c2sPort()) + ", " + base + "]";
    }

    private EjabberdConfig requireConfigured() {
        if (config == null) {
            throw new IllegalStateException("ejabberd has not been started yet");
        }
        return config;
    }

    private void configure() {
        int c2s = FreePorts.pick();
        int dist;
        do {
            dist = FreePorts.pick();
        } while (dist == c2s);
        config = new EjabberdConfig(base, DOMAIN, c2s, dist, node, cookie, base.resolve("conf").resolve("server.pem"),
                options.offlineLimit);
        try {
            StringBuilder pem = new StringBuilder(TestCertificates.toPem(identity.keys().getPrivate()));
            for (X509Certificate c : identity.chain()) {
                pem.append(TestCertificates.toPem(c));
            }
            writeOwnerOnly(config.certificateFile(), pem.toString());
            writeOwnerOnly(config.configFile(), config.yaml());
            writeOwnerOnly(config.configDir().resolve("ejabberdctl.cfg"), config.ctlConfig());
            writeOwnerOnly(config.configDir().resolve("inetrc"), "");
            writeOwnerOnly(config.configDir().resolve("vm.args"), "");
            handToServiceUser();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the ejabberd configuration", e);
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }

    /** As root, ejabberdctl switches to the ejabberd user, which must own the folder (and nobody else may read it). */
    private void handToServiceUser() throws IOException {
        if (!Processes.isRoot()) {
            return;
        }
        var lookup = base.getFileSystem().getUserPrincipalLookupService();
        var user = lookup.lookupPrincipalByName(SERVICE_USER);
        var group = lookup.lookupPrincipalByGroupName(SERVICE_USER);
        try (var paths = Files.walk(base)) {
            for (Path p : paths.toList()) {
                Files.setOwner(p, user);
                Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(group);
            }
        }
    }

    private List<String> ctlPrefix(EjabberdConfig c) {
        return List.of("ejabberdctl", "--config-dir", c.configDir().toString(), "--config", c.configFile().toString(),
                "--ctl-config", c.configDir().resolve("ejabberdctl.cfg").toString(),
                "--spool", c.spoolDir().toString(), "--logs", c.logsDir().toString(), "--node", node);
    }

    /** Variables that would point ejabberdctl at the system's files if the test JVM happened to have them. */
    private static void cleanEnvironment(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("EJABBERD") || k.startsWith("ERL_") || k.equals("ERLANG_NODE")
                || k.equals("CONTRIB_MODULES_PATH") || k.equals("CONTRIB_MODULES_CONF_DIR"));
    }

    private void launchAndAwaitReady() throws PortTakenException {
        killStragglers();
        for (int port : new int[] {config.c2sPort(), config.distPort()}) {
            if (!FreePorts.isFree(port)) {
                throw new PortTakenException("port " + port + " on 127.0.0.1 is already in use");
            }
        }
        long logStart;
        try {
            logStart = Files.exists(logFile()) ? Files.size(logFile()) : 0;
            Files.writeString(consoleLog, RUN_MARKER + Instant.now() + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            List<String> command = new ArrayList<>(ctlPrefix(config));
            command.add("foreground");
            ProcessBuilder builder = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            cleanEnvironment(builder.environment());
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start ejabberd: " + e.getMessage() + installHint(), e);
        }
        Instant deadline = Instant.now().plus(START_LIMIT);
        while (true) {
            if (!process.isAlive()) {
                int exit = process.exitValue();
                process = null;
                killStragglers();
                String tail = logTail(40);
                if (tail.contains("eaddrinuse")) {
                    throw new PortTakenException("ejabberd could not bind its ports:\n" + tail);
                }
                throw new IllegalStateException("ejabberd exited during startup (exit " + exit + "). Log:\n" + tail);
            }
            String log = logSince(logStart);
            if (log.contains("[critical]") || log.contains("eaddrinuse")) {
                // ejabberd keeps running after a fatal configuration error, so it has to be put down.
                Processes.killTree(process.toHandle());
                process = null;
                killStragglers();
                if (log.contains("eaddrinuse")) {
                    throw new PortTakenException("ejabberd could not bind its ports:\n" + log);
                }
                throw new IllegalStateException("ejabberd failed to start. Log:\n" + logTail(40));
            }
            if (answersStartTls()) {
                LOG.log(System.Logger.Level.DEBUG, "ejabberd ready on 127.0.0.1:{0}", config.c2sPort());
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                Processes.killTree(process.toHandle());
                process = null;
                killStragglers();
                throw new IllegalStateException("ejabberd did not become ready on 127.0.0.1:" + config.c2sPort()
                        + " within " + START_LIMIT + ". Log:\n" + logTail(40));
            }
            Processes.sleep(25);
        }
    }

    private String logSince(long offset) {
        try {
            if (!Files.exists(logFile())) {
                return "";
            }
            byte[] all = Files.readAllBytes(logFile());
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private boolean answersStartTls() {
        return StartTlsProbe.answers(config.c2sPort(), DOMAIN);
    }


    /** Kills anything still running from this server's folder: a VM orphaned by su, a stuck ejabberdctl. */
    private void killStragglers() {
        Processes.mentioning(base + "/").forEach(Processes::killTree);
    }

    private static boolean isErlangVm(ProcessHandle handle) {
        return handle.info().command().map(c -> c.endsWith("beam.smp") || c.endsWith("beam")).orElse(false);
    }

    private static void requireInstalled() {
        if (!Processes.onPath("ejabberdctl") && !Files.isExecutable(Path.of("/usr/sbin/ejabberdctl"))) {
            throw new IllegalStateException("ejabberd is not installed, but the integration tests need it."
                    + installHint());
        }
        if (!Processes.isRoot() && !SERVICE_USER.equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("ejabberdctl runs only as root or as the ejabberd user; run the"
                    + " integration tests as root (as CI does).");
        }
    }

    private static String installHint() {
        return " Run ./mvnw verify as root (it installs the test tools by itself), or install it:"
                + " sudo apt-get install --no-install-recommends ejabberd (see src/test/tools/install-test-tools.sh).";
    }

    private static final class PortTakenException extends Exception {
        PortTakenException(String message) {
            super(message);
        }
    }

    /** Options for a test server; {@link #start()} creates and starts it. */
    public static final class Builder {
        private CertificateKind certificateKind = CertificateKind.CA_SIGNED;
        private int offlineLimit = 10_000;

        private Builder() {
        }

        public Builder certificate(CertificateKind kind) {
            this.certificateKind = java.util.Objects.requireNonNull(kind);
            return this;
        }

        /** How many offline messages ejabberd keeps per user (default 10,000). */
        public Builder offlineLimit(int messages) {
            this.offlineLimit = messages;
            return this;
        }

        /** Creates the server (folder, certificates) without starting it. */
        public EjabberdServer build() {
            return new EjabberdServer(this);
        }

        /** Creates and starts the server; closes it again if it cannot start. */
        public EjabberdServer start() {
            EjabberdServer server = build();
            try {
                return server.start();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
    }
}
