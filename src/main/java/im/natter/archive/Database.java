package im.natter.archive;

import im.natter.domain.files.OwnerOnlyFiles;
import im.natter.domain.port.ArchiveException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sqlite.SQLiteConfig;

/**
 * The archive file: one SQLite database in WAL mode. Every write runs in a transaction on the one writer thread,
 * which owns the only read-write connection, and the caller waits for it to commit. Reads use a few read-only
 * connections of their own, so they are never held up by a long write.
 */
public final class Database implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Database.class.getName());
    private static final int READERS = 4;
    private static final int BUSY_TIMEOUT_MS = 10_000;
    /** How long the writer must have had nothing to store before it indexes waiting messages for search. */
    private static final long QUIET_MS = 500;
    /** Between two batches of indexing: a write that came meanwhile goes first. */
    private static final long BETWEEN_BATCHES_MS = 10;
    /** At 4 KiB a page: 40 MB of WAL before SQLite checkpoints by itself, in the middle of whatever writes. */
    private static final int WAL_CAP_PAGES = 10_000;
    private static final long WAL_KEPT_BYTES = 4L * 1024 * 1024;

    private final Path file;
    private final ScheduledThreadPoolExecutor writer;
    private final Thread writerThread;
    private final Connection writeConnection;
    private final ReadConnections readers;
    private final AtomicBoolean closed = new AtomicBoolean();
    // the writer thread's own: how many writes it has done, and whether indexing for search is planned
    private long writes;
    private boolean indexingPlanned;

    private Database(Path file, ScheduledThreadPoolExecutor writer, Thread writerThread, Connection writeConnection) {
        this.file = file;
        this.writer = writer;
        this.writerThread = writerThread;
        this.writeConnection = writeConnection;
        this.readers = new ReadConnections(() -> StatementCache.wrap(connect(file, true)), READERS);
    }

    /**
     * Opens the archive at {@code file}, creating it owner-only if needed, and brings its schema up to date.
     *
     * @throws ArchiveException when the file cannot be created or opened, is damaged, or was written by a newer
     *     Natter; the file is then left as it was
     */
    public static Database open(Path file) throws ArchiveException {
        return open(file, new Migrator());
    }

    static Database open(Path file, Migrator migrator) throws ArchiveException {
        createOwnerOnly(file);
        Thread[] thread = new Thread[1];
        // one thread, tasks in the order given; the delayed ones are the idle work of indexing for search
        ScheduledThreadPoolExecutor writer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "natter-archive-writer");
            // an abrupt exit is safe (SQLite transactions), so a forgotten close() must not keep the JVM alive
            t.setDaemon(true);
            thread[0] = t;
            return t;
        });
        writer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        Future<Connection> opened = writer.submit(() -> openForWriting(file, migrator));
        try {
            Connection connection = await(opened);
            Database database = new Database(file, writer, thread[0], connection);
            // messages a last run stored but did not index yet
            writer.execute(database::planIndexing);
            return database;
        } catch (ArchiveException | RuntimeException e) {
            writer.shutdownNow();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} in a write transaction on the writer thread and waits until it has committed. */
    <T> T write(SqlWork<T> work) throws ArchiveException {
        if (Thread.currentThread() == writerThread) {
            throw new IllegalStateException("a write must not start another write; it would wait for itself");
        }
        Future<T> result;
        try {
            result = writer.submit(() -> {
                try {
                    return Transactions.run(writeConnection, "BEGIN IMMEDIATE", work);
                } finally {
                    writes++;
                    planIndexing();
                }
            });
        } catch (RejectedExecutionException e) {
            throw new ArchiveException(ArchiveErrors.CLOSED, e);
        }
        return await(result);
    }

    /** Brings the search index up to date with every message stored so far (ADR 0014). */
    void completeSearchIndex() throws ArchiveException {
        write(connection -> {
            SearchBacklog.indexAll(connection);
            return null;
        });
    }

    /** How many stored messages wait to be indexed for search. */
    long searchBacklog() throws ArchiveException {
        return read(SearchBacklog::waiting);
    }

    /**
     * On the writer thread: once the writer has been quiet for a while, index for search what waits, then fold the
     * WAL back into the file.
     */
    private void planIndexing() {
        if (indexingPlanned) {
            return;
        }
        planIndexing(QUIET_MS);
    }

    private void planIndexing(long delayMs) {
        long seen = writes;
        try {
            writer.schedule(() -> indexIfQuiet(seen), delayMs, TimeUnit.MILLISECONDS);
            indexingPlanned = true;
        } catch (RejectedExecutionException e) {
            // closing: what waits is indexed on the next start
        }
    }

    private void indexIfQuiet(long seen) {
        indexingPlanned = false;
        if (writes != seen) {
            planIndexing();
            return;
        }
        try {
            boolean more = Transactions.run(writeConnection, "BEGIN IMMEDIATE",
                    connection -> SearchBacklog.indexSome(connection, SearchBacklog.BATCH));
            if (more) {
                planIndexing(BETWEEN_BATCHES_MS);
                return;
            }
        } catch (SQLException | RuntimeException e) {
            // searching indexes what waits anyway; the next write plans another try
            LOG.log(System.Logger.Level.WARNING, "could not index messages for search: " + e.getMessage());
        }
        checkpoint();
    }

    /** Folds the WAL back into the archive file without waiting for readers (they keep their snapshots). */
    private void checkpoint() {
        try (Statement statement = writeConnection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException e) {
            // SQLite checkpoints by itself at the cap, and on close
            LOG.log(System.Logger.Level.DEBUG, "idle checkpoint did not run: " + e.getMessage());
        }
    }

    /** Runs {@code work} in a read transaction (one consistent snapshot) on a read-only connection. */
    <T> T read(SqlWork<T> work) throws ArchiveException {
        Connection connection;
        try {
            connection = readers.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArchiveException(ArchiveErrors.INTERRUPTED, e);
        } catch (SQLException e) {
            throw ArchiveErrors.map(e);
        } catch (IllegalStateException e) {
            throw new ArchiveException(ArchiveErrors.CLOSED, e);
        }
        try {
            return Transactions.run(connection, "BEGIN", work);
        } catch (SQLException e) {
            throw ArchiveErrors.map(e);
        } finally {
            readers.release(connection);
        }
    }

    /** Whether SQLite finds the file and the search index sound. */
    public boolean integrityCheck() throws ArchiveException {
        return integrityProblems().isEmpty();
    }

    /** What SQLite's integrity check and the search index's own check report; empty when all is well. */
    public List<String> integrityProblems() throws ArchiveException {
        List<String> problems = new ArrayList<>(read(Database::pragmaIntegrityCheck));
        // FTS5 checks itself (and, with rank 1, against the message table) only through an INSERT command; messages
        // waiting to be indexed are indexed first, or it would count them as missing
        problems.addAll(write(connection -> {
            SearchBacklog.indexAll(connection);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO message_fts (message_fts, rank) VALUES ('integrity-check', 1)");
                return List.of();
            } catch (SQLException e) {
                return List.of("search index: " + e.getMessage());
            }
        }));
        return problems;
    }

    /** Finishes the writes already asked for, then closes every connection. Safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        readers.close();
        writer.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (writer.awaitTermination(10, TimeUnit.SECONDS)) {
                    break;
                }
                LOG.log(System.Logger.Level.INFO, "waiting for the archive writer to finish");
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            // the last connection to close folds the WAL back into the main file
            writeConnection.close();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "could not close the archive cleanly", e);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void createOwnerOnly(Path file) throws ArchiveException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                OwnerOnlyFiles.directory(parent);
            }
            // SQLite gives the -wal and -shm files the main file's permissions, so this covers all three.
            OwnerOnlyFiles.file(file);
        } catch (IOException e) {
            throw new ArchiveException(ArchiveErrors.CANNOT_OPEN + " (" + file + ")", e);
        }
    }

    private static Connection openForWriting(Path file, Migrator migrator) throws SQLException, ArchiveException {
        Connection connection = connect(file, false);
        try {
            // before WAL mode is switched on, which rewrites the header of a file we may have to refuse
            migrator.refuseNewer(connection);
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("PRAGMA journal_mode = WAL")) {
                rows.next();
                if (!"wal".equalsIgnoreCase(rows.getString(1))) {
                    throw new SQLException("the archive could not switch to WAL mode: " + rows.getString(1));
                }
            }
            migrator.migrate(connection);
            try (Statement statement = connection.createStatement()) {
                // the writer folds the WAL back when it is idle (see indexIfQuiet); SQLite's own checkpoint after
                // every 4 MB of writes stalled a history catch-up on the fsyncs. This is the cap: 40 MB of WAL.
                statement.execute("PRAGMA wal_autocheckpoint = " + WAL_CAP_PAGES);
                // a WAL file once grown to the cap is cut back after the next checkpoint
                statement.execute("PRAGMA journal_size_limit = " + WAL_KEPT_BYTES);
            }
            return StatementCache.wrap(connection);
        } catch (SQLException | ArchiveException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static Connection connect(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    private static List<String> pragmaIntegrityCheck(Connection connection) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            while (rows.next()) {
                String line = rows.getString(1);
                if (!"ok".equalsIgnoreCase(line)) {
                    problems.add(line);
                }
            }
        }
        return problems;
    }

    private static <T> T await(Future<T> result) throws ArchiveException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    // the write goes on regardless; report its real outcome rather than a guess
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ArchiveException unwrap(Throwable cause) {
        if (cause instanceof SQLException sql) {
            return ArchiveErrors.map(sql);
        }
        if (cause instanceof ArchiveException archive) {
            return archive;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new ArchiveException("Natter could not use its message archive; nothing saved so far is lost.", cause);
    }
}
