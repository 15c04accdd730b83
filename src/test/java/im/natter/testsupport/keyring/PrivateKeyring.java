package im.natter.testsupport.keyring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.DBus;

/**
 * A real gnome-keyring on a private D-Bus session bus, both living in a throwaway folder: HOME, XDG_DATA_HOME
 * and XDG_RUNTIME_DIR point into it, so the user's own keyring and session bus are never touched. The login
 * keyring is created and unlocked with a throwaway password.
 */
public final class PrivateKeyring implements AutoCloseable {

    public static final String SECRETS_BUS_NAME = "org.freedesktop.secrets";
    private static final Duration START_LIMIT = Duration.ofSeconds(30);

    private final Path dir;
    private final Process bus;
    private final Process keyring;
    private final String address;

    private PrivateKeyring(Path dir, Process bus, Process keyring, String address) {
        this.dir = dir;
        this.bus = bus;
        this.keyring = keyring;
        this.address = address;
    }

    /** Starts dbus-daemon and gnome-keyring-daemon under {@code dir}; fails with a clear message if missing. */
    public static PrivateKeyring start(Path dir) throws IOException, InterruptedException {
        requireTool("dbus-daemon", "dbus");
        requireTool("gnome-keyring-daemon", "gnome-keyring");
        Path home = Files.createDirectories(dir.resolve("home"));
        Path data = Files.createDirectories(dir.resolve("data"));
        Path runtime = Files.createDirectories(dir.resolve("runtime"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        Path socket = dir.resolve("bus");

        ProcessBuilder busBuilder = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address",
                "--address=unix:path=" + socket)
                .redirectError(dir.resolve("dbus-daemon.log").toFile());
        isolate(busBuilder.environment(), home, data, runtime, null);
        Process bus = busBuilder.start();
        String address;
        try (var out = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8))) {
            address = out.readLine();
        }
        if (address == null || address.isBlank()) {
            bus.destroy();
            throw new IOException("dbus-daemon did not start; see " + dir.resolve("dbus-daemon.log"));
        }
        address = address.strip();

        ProcessBuilder keyringBuilder = new ProcessBuilder("gnome-keyring-daemon", "--foreground", "--unlock",
                "--components=secrets")
                .redirectOutput(dir.resolve("gnome-keyring.out").toFile())
                .redirectError(dir.resolve("gnome-keyring.log").toFile());
        isolate(keyringBuilder.environment(), home, data, runtime, address);
        Process keyring;
        try {
            keyring = keyringBuilder.start();
            try (OutputStream in = keyring.getOutputStream()) {
                in.write("throwaway-test-keyring-password".getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            bus.destroy();
            throw e;
        }
        PrivateKeyring started = new PrivateKeyring(dir, bus, keyring, address);
        try {
            started.awaitService();
        } catch (IOException | RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** The address to hand to the code under test. */
    public String busAddress() {
        return address;
    }

    public Path folder() {
        return dir;
    }

    /** Runs a command (e.g. secret-tool) against this keyring and returns its standard output. */
    public String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        isolate(builder.environment(), dir.resolve("home"), dir.resolve("data"), dir.resolve("runtime"), address);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /** Runs a command with {@code input} on its standard input; returns its exit code. */
    public int runWithInput(String input, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        isolate(builder.environment(), dir.resolve("home"), dir.resolve("data"), dir.resolve("runtime"), address);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private void awaitService() throws IOException, InterruptedException {
        Instant limit = Instant.now().plus(START_LIMIT);
        Exception last = null;
        while (Instant.now().isBefore(limit)) {
            if (!keyring.isAlive()) {
                throw new IOException("gnome-keyring-daemon stopped at once; see " + dir.resolve("gnome-keyring.log"));
            }
            try (DBusConnection connection = DBusConnectionBuilder.forAddress(address).withShared(false).build()) {
                DBus dbus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
                if (dbus.NameHasOwner(SECRETS_BUS_NAME)) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(50);
        }
        throw new IOException("gnome-keyring-daemon did not appear on the private bus as " + SECRETS_BUS_NAME
                + "; see " + dir.resolve("gnome-keyring.log"), last);
    }

    private static void isolate(Map<String, String> env, Path home, Path data, Path runtime, String busAddress) {
        for (String name : List.of("DISPLAY", "WAYLAND_DISPLAY", "GNOME_KEYRING_CONTROL", "SSH_AUTH_SOCK",
                "DBUS_SESSION_BUS_ADDRESS", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")) {
            env.remove(name);
        }
        env.put("HOME", home.toString());
        env.put("XDG_DATA_HOME", data.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        if (busAddress != null) {
            env.put("DBUS_SESSION_BUS_ADDRESS", busAddress);
        }
    }

    private static void requireTool(String tool, String debianPackage) throws IOException {
        for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(folder, tool))) {
                return;
            }
        }
        throw new IOException(tool + " is not installed; install the '" + debianPackage + "' package"
                + " (src/test/tools/install-test-tools.sh does it on Debian and Ubuntu).");
    }

    /** Stops both daemons (the keyring first, so it can save), waiting for them to exit. */
    @Override
    public void close() {
        List<Process> order = new ArrayList<>(List.of(keyring, bus));
        for (Process process : order) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
