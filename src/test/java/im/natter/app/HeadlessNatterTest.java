package im.natter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless line protocol without a server: escaping, bad options and bad commands answered in words. */
class HeadlessNatterTest {

    @TempDir
    Path dir;

    @Test
    void aMessageTextIsAlwaysOneLineAndComesBackUnchanged() {
        String text = "two\nlines, a \\ backslash\r and \\n literally";
        String escaped = HeadlessProtocol.escape(text);
        assertThat(escaped).doesNotContain("\n").doesNotContain("\r");
        assertThat(HeadlessProtocol.unescape(escaped)).isEqualTo(text);
    }

    @Test
    void missingDataFolderIsRefusedWithWords() {
        String out = run("", "--host", "127.0.0.1", "--port", "5222");
        assertThat(out).startsWith("error --data-dir is required");
    }

    @Test
    void badCommandsGetAnErrorLineAndTheProcessCarriesOn() {
        String out = run("frobnicate\nsend bob@localhost\nsignin nobody\nstatus\ncount bob@localhost\nquit\n",
                "--data-dir", dir.resolve("data").toString(), "--port", "5", "--host", "127.0.0.1");
        assertThat(out.lines().toList()).containsExactly(
                "ready",
                "error unknown command \"frobnicate\"; say help for the list",
                "error send needs an address and a text, as in: send bob@example.org hello",
                "error signin needs an address and a password, as in: signin alice@example.org secret",
                "status OFFLINE no account yet",
                "error no account yet: signin first",
                "ok bye");
    }

    private static String run(String input, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HeadlessNatter.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new HeadlessProtocol(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
