package im.natter.bench;

import im.natter.archive.Database;
import im.natter.archive.SqliteMessageStore;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Settings;
import im.natter.settings.JsonSettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes a Natter data folder with history, for timing start-up with an archive: {@code DIR [MESSAGES
 * [CONVERSATIONS]]} (default 20,000 messages in 50 conversations). The settings name one account that does not
 * remember its password, so Natter opens the main window from the archive and asks for the password: no
 * credential store and no network are touched.
 */
public final class PrefilledDataDir {

    private PrefilledDataDir() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: PrefilledDataDir DIR [MESSAGES [CONVERSATIONS]]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int conversations = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Files.createDirectories(dir);
        if (Files.exists(dir.resolve("archive.db"))) {
            System.err.println(dir.resolve("archive.db") + " exists already; give an empty folder");
            System.exit(2);
        }
        long started = System.nanoTime();
        BenchMessages bodies = BenchMessages.seeded();
        try (Database database = Database.open(dir.resolve("archive.db"))) {
            SqliteMessageStore store = new SqliteMessageStore(database);
            for (int n = 1; n <= messages; n++) {
                store.insert(bodies.incoming(BenchMessages.chatWith(n % conversations), n)).orElseThrow();
            }
        }
        new JsonSettingsStore(dir.resolve("settings.json")).save(new Settings(
                List.of(new AccountSettings(BenchMessages.ACCOUNT, "natter-bench", null, false, List.of())),
                null, false));
        long elapsed = System.nanoTime() - started;
        System.out.printf("%s: %,d messages in %,d conversations, %.1f s (%.0f us per insert)%n", dir, messages,
                conversations, elapsed / 1e9, elapsed / 1e3 / Math.max(1, messages));
    }
}
