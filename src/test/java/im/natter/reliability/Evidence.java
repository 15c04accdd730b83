package im.natter.reliability;

import im.natter.testsupport.headless.HeadlessNatterProcess.StoredMessage;
import im.natter.testsupport.prosody.ProsodyServer;
import im.natter.testsupport.server.ServerKind;
import im.natter.testsupport.server.XmppTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Keeps what an end stored and printed under {@code target/reliability/evidence}, so a red run can be explained
 * from its data rather than re-run: the dump of the conversation and every protocol line of every start.
 */
final class Evidence {

    private Evidence() {
    }

    /** The end of the server's own log (a stream error the server sent is explained there). */
    static void keepServerLog(String scenario, ServerKind kind, XmppTestServer server) {
        try {
            Path dir = dir(scenario, kind);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("server-log-tail.txt"), server.logTail(2000), StandardCharsets.UTF_8);
            if (server instanceof ProsodyServer prosody
                    && Files.exists(prosody.logFile().resolveSibling("debug.log"))) {
                Files.copy(prosody.logFile().resolveSibling("debug.log"), dir.resolve("server-debug.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A thread dump of the end's process ({@code jcmd Thread.print} of the JDK running the tests). */
    static void keepThreads(String scenario, ServerKind kind, NatterEnd end) {
        Path dir = dir(scenario, kind);
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Files.createDirectories(dir);
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(end.process().pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(dir.resolve(end.name() + "-threads.txt").toFile())
                    .start();
            if (!dump.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                dump.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path dir(String scenario, ServerKind kind) {
        return Path.of("target", "reliability", "evidence", kind.name().toLowerCase(Locale.ROOT),
                scenario.replaceAll("[^A-Za-z0-9]+", "-"));
    }

    static void keep(String scenario, ServerKind kind, NatterEnd end, List<StoredMessage> conversation) {
        Path dir = dir(scenario, kind);
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(end.name() + "-dump.txt"), conversation.stream()
                    .map(m -> m.direction() + " " + m.originId() + " " + m.stanzaId() + " " + m.state() + " " + m.times() + " " + m.body())
                    .toList(), StandardCharsets.UTF_8);
            Files.write(dir.resolve(end.name() + "-lines.txt"), end.process().allLines(), StandardCharsets.UTF_8);
            if (Files.exists(end.process().stderrFile())) {
                Files.copy(end.process().stderrFile(), dir.resolve(end.name() + "-stderr.txt"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
