package im.natter.archive;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * A few read-only connections, opened on demand and reused. In WAL mode each reads its own snapshot, so reads
 * run alongside the writer's transaction instead of waiting for it.
 */
final class ReadConnections implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ReadConnections.class.getName());

    interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private final Semaphore permits;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    ReadConnections(Opener opener, int size) {
        this.opener = opener;
        this.permits = new Semaphore(size, true);
    }

    /** Waits for a free connection; give it back with {@link #release}. */
    Connection acquire() throws SQLException, InterruptedException {
        permits.acquire();
        try {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            Connection connection = idle.poll();
            return connection != null ? connection : opener.open();
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    void release(Connection connection) {
        idle.offer(connection);
        if (closed) {
            closeIdle();
        }
        permits.release();
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes the idle connections now; those in use close when they come back. */
    @Override
    public void close() {
        closed = true;
        closeIdle();
    }

    private void closeIdle() {
        for (Connection connection; (connection = idle.poll()) != null; ) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "could not close an archive read connection", e);
        }
    }
}
