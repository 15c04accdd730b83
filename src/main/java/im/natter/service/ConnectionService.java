package im.natter.service;

import im.natter.domain.event.ConnectionChanged;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.ConnectionFailedException;
import im.natter.domain.model.ConnectionPhase;
import im.natter.domain.model.ConnectionProblem;
import im.natter.domain.model.ConnectionStatus;
import im.natter.domain.port.ConnectionPort;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps each account's connection alive: signs in, reports every change of state, and after a lost connection
 * tries again with backoff until it is back or the user goes offline. A problem that waiting cannot fix (wrong
 * password, untrusted certificate) stops the retries and is shown instead.
 */
public final class ConnectionService {

    private final ConnectionPort port;
    private final EventBus bus;
    private final ScheduledExecutorService scheduler;
    private final ReconnectPolicy policy;
    private final Clock clock;
    private final Map<AccountId, AccountState> accounts = new ConcurrentHashMap<>();

    public ConnectionService(ConnectionPort port, EventBus bus, ScheduledExecutorService scheduler,
            ReconnectPolicy policy, Clock clock) {
        this.port = port;
        this.bus = bus;
        this.scheduler = scheduler;
        this.policy = policy;
        this.clock = clock;
        port.addListener(new ConnectionPort.Listener() {
            @Override
            public void connected(AccountId account, boolean resumed) {
                state(account).attempts = 0;
                publish(new ConnectionStatus(account, ConnectionPhase.ONLINE, null, null));
            }

            @Override
            public void connectionLost(AccountId account, ConnectionProblem problem) {
                onLost(account, problem);
            }
        });
    }

    private static final class AccountState {
        volatile boolean wanted;
        volatile boolean everConnected;
        volatile int attempts;
        volatile ScheduledFuture<?> retry;
        volatile ConnectionStatus status;
    }

    private AccountState state(AccountId account) {
        return accounts.computeIfAbsent(account, a -> new AccountState());
    }

    public ConnectionStatus status(AccountId account) {
        ConnectionStatus s = state(account).status;
        return s != null ? s : ConnectionStatus.offline(account, null);
    }

    /**
     * Signs in. The future fails with {@link ConnectionFailedException} when the server or the network says no;
     * a transient failure of an account that was online before is retried automatically.
     */
    public CompletableFuture<Void> signIn(AccountSettings settings, char[] password) {
        AccountId account = settings.id();
        AccountState st = state(account);
        st.wanted = true;
        cancelRetry(st);
        publish(new ConnectionStatus(account, ConnectionPhase.CONNECTING, null, null));
        return port.connect(settings, password).whenComplete((ok, error) -> {
            if (error == null) {
                st.everConnected = true;
            } else {
                onAttemptFailed(account, problemOf(error), st.everConnected);
            }
        });
    }

    /**
     * Starts signing in in the background and keeps retrying on network trouble, as at start-up with a
     * remembered password: the user does not wait on it and is shown only the state.
     */
    public void signInInBackground(AccountSettings settings, char[] password) {
        state(settings.id()).everConnected = true; // retry like a dropped connection
        signIn(settings, password).exceptionally(e -> null);
    }

    /** Cancels any waiting retry and tries at once. */
    public CompletableFuture<Void> reconnectNow(AccountId account) {
        AccountState st = state(account);
        st.wanted = true;
        cancelRetry(st);
        return attempt(account);
    }

    public CompletableFuture<Void> signOut(AccountId account) {
        AccountState st = state(account);
        st.wanted = false;
        cancelRetry(st);
        return port.disconnect(account).whenComplete((ok, e) -> publish(ConnectionStatus.offline(account, null)));
    }

    private CompletableFuture<Void> attempt(AccountId account) {
        publish(new ConnectionStatus(account, ConnectionPhase.CONNECTING, null, null));
        return port.reconnect(account).whenComplete((ok, error) -> {
            if (error != null) {
                onAttemptFailed(account, problemOf(error), true);
            }
        });
    }

    private void onLost(AccountId account, ConnectionProblem problem) {
        AccountState st = state(account);
        if (!st.wanted) {
            publish(ConnectionStatus.offline(account, null));
            return;
        }
        scheduleRetry(account, st, problem);
    }

    private void onAttemptFailed(AccountId account, ConnectionProblem problem, boolean retry) {
        AccountState st = state(account);
        if (retry && st.wanted && worthRetrying(problem)) {
            scheduleRetry(account, st, problem);
        } else {
            st.wanted = st.wanted && problem.kind().isTransient();
            publish(ConnectionStatus.offline(account, problem.message()));
        }
    }

    /**
     * After the account was online, only what the user must act on stops the retries: a server that is restarting
     * can answer oddly for a moment (no sign-in methods yet, broken XML, no TLS), and giving up then would leave
     * the user offline for good.
     */
    private static boolean worthRetrying(ConnectionProblem problem) {
        return switch (problem.kind()) {
            case WRONG_CREDENTIALS, UNTRUSTED_CERTIFICATE -> false;
            default -> true;
        };
    }

    private void scheduleRetry(AccountId account, AccountState st, ConnectionProblem problem) {
        cancelRetry(st);
        st.attempts++;
        var delay = policy.delay(st.attempts);
        publish(new ConnectionStatus(account, ConnectionPhase.RECONNECTING, problem.message(),
                clock.instant().plus(delay)));
        st.retry = scheduler.schedule(() -> {
            if (st.wanted) {
                attempt(account);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void cancelRetry(AccountState st) {
        ScheduledFuture<?> r = st.retry;
        if (r != null) {
            r.cancel(false);
            st.retry = null;
        }
    }

    private void publish(ConnectionStatus status) {
        state(status.account()).status = status;
        bus.publish(new ConnectionChanged(status));
    }

    static ConnectionProblem problemOf(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ConnectionFailedException cfe) {
            return cfe.problem();
        }
        return ConnectionProblem.of(ConnectionProblem.Kind.OTHER,
                "Natter could not connect: " + (t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName()));
    }
}
