package im.natter.ui.presence;

import im.natter.domain.event.OwnPresenceChanged;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.Availability;
import im.natter.domain.model.PresenceStatus;
import im.natter.service.EventBus;
import im.natter.ui.UiServices;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The user's own presence: the choice in the picker, the status message, and what the server last confirmed. */
public final class PresenceViewModel {

    /** What the picker offers, in the order a user expects it. */
    public static final List<Availability> CHOICES = List.of(Availability.AVAILABLE, Availability.AWAY,
            Availability.DO_NOT_DISTURB, Availability.EXTENDED_AWAY, Availability.OFFLINE);

    private final UiServices services;
    private final AccountId account;
    private final BooleanSupplier haveCredentials;
    private final Runnable askForPassword;
    private final SimpleObjectProperty<Availability> availability = new SimpleObjectProperty<>(Availability.OFFLINE);
    private final StringProperty message = new SimpleStringProperty("");
    private String sentMessage = "";
    private EventBus.Subscription subscription;

    /**
     * @param haveCredentials whether going online can work without asking for the password again
     * @param askForPassword  what choosing "online" does otherwise
     */
    public PresenceViewModel(UiServices services, AccountId account, BooleanSupplier haveCredentials,
            Runnable askForPassword) {
        this.services = services;
        this.account = account;
        this.haveCredentials = haveCredentials;
        this.askForPassword = askForPassword;
    }

    public void activate() {
        boolean online = services.connections().status(account).isOnline();
        PresenceStatus mine = services.presence().ownPresence(account);
        availability.set(online ? mine.availability() : Availability.OFFLINE);
        message.set(mine.message());
        sentMessage = mine.message();
        subscription = services.events().on(OwnPresenceChanged.class, e -> {
            if (e.account().equals(account)) {
                availability.set(e.status().availability());
                if (e.status().availability() != Availability.OFFLINE) {
                    message.set(e.status().message());
                    sentMessage = e.status().message();
                }
            }
        });
    }

    public void dispose() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    public ReadOnlyObjectProperty<Availability> availabilityProperty() {
        return availability;
    }

    /** The status message being edited; {@link #commitMessage()} sends it. */
    public StringProperty messageProperty() {
        return message;
    }

    public List<Availability> choices() {
        return CHOICES;
    }

    /** Picks an availability; the picker shows it at once, the server's confirmation follows as an event. */
    public void choose(Availability choice) {
        if (choice != Availability.OFFLINE && availability.get() == Availability.OFFLINE
                && !haveCredentials.getAsBoolean()) {
            askForPassword.run();
            return;
        }
        availability.set(choice);
        String text = choice == Availability.OFFLINE ? "" : message.get().strip();
        services.presence().setOwnPresence(account, new PresenceStatus(choice, text));
    }

    /** Sends the edited status message with the current availability, if it changed. */
    public void commitMessage() {
        String text = message.get() == null ? "" : message.get().strip();
        if (text.equals(sentMessage) || availability.get() == Availability.OFFLINE) {
            return;
        }
        sentMessage = text;
        services.presence().setOwnPresence(account, new PresenceStatus(availability.get(), text));
    }
}
