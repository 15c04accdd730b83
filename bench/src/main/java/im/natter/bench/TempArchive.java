package im.natter.bench;

import im.natter.archive.Database;
import im.natter.archive.SqliteConversationStore;
import im.natter.archive.SqliteMessageSearch;
import im.natter.archive.SqliteMessageStore;
import im.natter.domain.port.ArchiveException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The real archive (WAL, one writer thread, read connections) on a file in a fresh temporary folder. */
final class TempArchive implements AutoCloseable {

    final Path folder;
    final Database database;
    final SqliteMessageStore messages;
    final SqliteConversationStore conversations;
    final SqliteMessageSearch search;

    private TempArchive(Path folder, Database database) {
        this.folder = folder;
        this.database = database;
        this.messages = new SqliteMessageStore(database);
        this.conversations = new SqliteConversationStore(database);
        this.search = new SqliteMessageSearch(database);
    }

    static TempArchive create() throws ArchiveException {
        try {
            Path folder = Files.createTempDirectory("natter-bench-");
            return new TempArchive(folder, Database.open(folder.resolve("archive.db")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        database.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
