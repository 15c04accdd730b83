package im.natter.archive;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a connection's prepared statements for reuse. sqlite-jdbc compiles the SQL text anew for every
 * {@code prepareStatement}, and the archive's writers prepare the same few texts for every page and message they
 * store: compiling was a sixth of the writer's time in a history catch-up. Code keeps preparing and closing as
 * JDBC code does; closing a statement from this cache only resets it and puts it back.
 *
 * <p>A connection from here is used by one thread at a time (the writer's, or a reader's while it holds it), so
 * the cache needs no locking. A text asked for again while its statement is still open gets a second statement.
 */
final class StatementCache {

    /** Distinct SQL texts kept; the archive has fewer, so this bounds only texts built at run time. */
    static final int TEXTS = 128;
    /** Statements kept per text: nesting the same query more than this deep is not done. */
    private static final int PER_TEXT = 2;

    private final Connection target;
    private final Map<String, Deque<PreparedStatement>> idle = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<PreparedStatement>> eldest) {
            if (size() <= TEXTS) {
                return false;
            }
            eldest.getValue().forEach(StatementCache::closeQuietly);
            return true;
        }
    };
    private int prepared;

    private StatementCache(Connection target) {
        this.target = target;
    }

    /** {@code connection}, with {@code prepareStatement(String)} served from a cache of its own. */
    static Connection wrap(Connection connection) {
        StatementCache cache = new StatementCache(connection);
        return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                new Class<?>[] {Connection.class}, cache.new ConnectionHandler());
    }

    /** How many statements the connection behind {@code connection} compiled (for tests). */
    static int preparedCount(Connection connection) {
        if (Proxy.isProxyClass(connection.getClass())
                && Proxy.getInvocationHandler(connection) instanceof StatementCache.ConnectionHandler handler) {
            return handler.cache().prepared;
        }
        throw new IllegalArgumentException("not a caching connection");
    }

    private PreparedStatement take(String sql, Connection proxy) throws SQLException {
        Deque<PreparedStatement> kept = idle.get(sql);
        PreparedStatement statement = kept == null ? null : kept.poll();
        if (statement == null) {
            statement = target.prepareStatement(sql);
            prepared++;
        }
        StatementHandler handler = new StatementHandler(sql, statement, proxy);
        return (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, handler);
    }

    private void giveBack(String sql, PreparedStatement statement, ResultSet open) {
        try {
            if (open != null && !open.isClosed()) {
                open.close();
            }
            if (statement.isClosed()) {
                return;
            }
            statement.clearParameters();
        } catch (SQLException e) {
            closeQuietly(statement);
            return;
        }
        Deque<PreparedStatement> kept = idle.computeIfAbsent(sql, s -> new ArrayDeque<>(PER_TEXT));
        if (kept.size() < PER_TEXT) {
            kept.push(statement);
        } else {
            closeQuietly(statement);
        }
    }

    private void closeAll() {
        List<PreparedStatement> all = new ArrayList<>();
        idle.values().forEach(all::addAll);
        idle.clear();
        all.forEach(StatementCache::closeQuietly);
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // the connection is going or gone; SQLite frees the statement with it
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private final class ConnectionHandler implements InvocationHandler {

        StatementCache cache() {
            return StatementCache.this;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "prepareStatement" -> {
                    if (args.length == 1) {
                        return take((String) args[0], (Connection) proxy);
                    }
                }
                case "close" -> {
                    if (args == null) {
                        closeAll();
                    }
                }
                case "unwrap", "isWrapperFor" -> {
                    return call(target, method, args);
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "cached statements of " + target;
                }
                default -> {
                    // everything else as the connection does it
                }
            }
            return call(target, method, args);
        }
    }

    /** One use of a kept statement: closing it ends the use, not the statement. */
    private final class StatementHandler implements InvocationHandler {

        private final String sql;
        private final PreparedStatement statement;
        private final Connection connection;
        private ResultSet open;
        private boolean closed;

        StatementHandler(String sql, PreparedStatement statement, Connection connection) {
            this.sql = sql;
            this.statement = statement;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "close" -> {
                    if (!closed) {
                        closed = true;
                        giveBack(sql, statement, open);
                    }
                    return null;
                }
                case "isClosed" -> {
                    return closed || statement.isClosed();
                }
                case "getConnection" -> {
                    return connection;
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return sql;
                }
                default -> {
                    // everything else as the statement does it
                }
            }
            if (closed) {
                throw new SQLException("statement is closed");
            }
            Object result = call(statement, method, args);
            if (result instanceof ResultSet rows) {
                open = rows;
            }
            return result;
        }
    }
}
