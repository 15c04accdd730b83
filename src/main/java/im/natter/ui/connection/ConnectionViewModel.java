package im.natter.ui.connection;

import im.natter.domain.event.ConnectionChanged;
import im.natter.domain.event.HistorySyncProgress;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.ConnectionPhase;
import im.natter.domain.model.ConnectionStatus;
import im.natter.service.EventBus;
import im.natter.ui.UiServices;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The account's connection state for the header line. The reconnect countdown is a function of "now", so the view
 * ticks it with its own timer and this stays free of any toolkit and testable with a fixed clock.
 */
public final class ConnectionViewModel {

    private final UiServices services;
    private final AccountId account;
    private final BooleanSupplier haveCredentials;
    private final Runnable askForPassword;
    private final SimpleObjectProperty<ConnectionStatus> status = new SimpleObjectProperty<>();
    private final BooleanBinding reconnectShown;
    private final ReadOnlyStringWrapper syncText = new ReadOnlyStringWrapper(this, "syncText", "");
    private final ReadOnlyBooleanWrapper syncProblem = new ReadOnlyBooleanWrapper(this, "syncProblem");
    private EventBus.Subscription subscription;
    private EventBus.Subscription syncSubscription;

    /**
     * @param haveCredentials whether a reconnect can work without asking (a password was given this run)
     * @param askForPassword  what "Reconnect now" does otherwise
     */
    public ConnectionViewModel(UiServices services, AccountId account, BooleanSupplier haveCredentials,
            Runnable askForPassword) {
        this.services = services;
        this.account = account;
        this.haveCredentials = haveCredentials;
        this.askForPassword = askForPassword;
        status.set(ConnectionStatus.offline(account, null));
        reconnectShown = Bindings.createBooleanBinding(() -> {
            ConnectionPhase p = status.get().phase();
            return p == ConnectionPhase.OFFLINE || p == ConnectionPhase.RECONNECTING;
        }, status);
    }

    public void activate() {
        status.set(services.connections().status(account));
        subscription = services.events().on(ConnectionChanged.class, e -> {
            if (e.status().account().equals(account)) {
                status.set(e.status());
            }
        });
        syncSubscription = services.events().on(HistorySyncProgress.class, e -> {
            if (e.account().equals(account)) {
                syncProgress(e);
            }
        });
    }

    /** "Catching up… N messages" while the archive catch-up runs, why it stopped if it did, else empty. */
    public ReadOnlyStringProperty syncTextProperty() {
        return syncText.getReadOnlyProperty();
    }

    /** Whether {@link #syncTextProperty()} says why the catch-up stopped (shown muted, it fixes itself later). */
    public ReadOnlyBooleanProperty syncProblemProperty() {
        return syncProblem.getReadOnlyProperty();
    }

    private void syncProgress(HistorySyncProgress p) {
        syncProblem.set(p.done() && p.problem() != null);
        if (!p.done()) {
            syncText.set(p.stored() == 0 ? "Catching up…"
                    : "Catching up… " + String.format(java.util.Locale.getDefault(java.util.Locale.Category.FORMAT),
                            "%,d", p.stored()) + (p.stored() == 1 ? " message" : " messages"));
        } else if (p.problem() != null) {
            syncText.set("History not complete: " + p.problem());
        } else {
            syncText.set("");
        }
    }

    public void dispose() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        if (syncSubscription != null) {
            syncSubscription.close();
            syncSubscription = null;
        }
    }

    public ReadOnlyObjectProperty<ConnectionStatus> statusProperty() {
        return status;
    }

    public BooleanBinding reconnectShownProperty() {
        return reconnectShown;
    }

    /** When the next automatic attempt starts, or null when none is planned. */
    public Instant retryAt() {
        return status.get().retryAt();
    }

    public Instant now() {
        return services.clock().instant();
    }

    /** The state line as it reads at {@code now}. */
    public String text(Instant now) {
        ConnectionStatus s = status.get();
        return switch (s.phase()) {
            case CONNECTING -> "Connecting…";
            case ONLINE -> "Online";
            case RECONNECTING -> {
                if (s.retryAt() == null) {
                    yield "Reconnecting…";
                }
                long seconds = Math.max(0, (Duration.between(now, s.retryAt()).toMillis() + 999) / 1000);
                yield seconds == 0 ? "Reconnecting…" : "Reconnecting in " + countdown(seconds);
            }
            case OFFLINE -> s.reason() == null || s.reason().isBlank() ? "Offline" : "Offline — " + s.reason();
        };
    }

    /** The longer explanation for a tooltip: why the connection dropped, when it is known. */
    public String detail() {
        ConnectionStatus s = status.get();
        return s.reason();
    }

    public void reconnectNow() {
        if (haveCredentials.getAsBoolean()) {
            services.connections().reconnectNow(account).exceptionally(e -> null); // the state line shows it
        } else {
            askForPassword.run();
        }
    }

    private static String countdown(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        return (seconds / 60) + " min " + (seconds % 60) + " s";
    }
}
