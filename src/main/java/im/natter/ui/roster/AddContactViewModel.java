package im.natter.ui.roster;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.ui.UiServices;
import java.util.concurrent.CompletionException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The "Add contact" form: address and an optional name, checked, then sent to the server. */
public final class AddContactViewModel {

    private final UiServices services;
    private final AccountId account;
    private final StringProperty address = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final SimpleStringProperty addressError = new SimpleStringProperty();
    private final SimpleStringProperty error = new SimpleStringProperty();
    private final SimpleBooleanProperty busy = new SimpleBooleanProperty();
    private final SimpleBooleanProperty done = new SimpleBooleanProperty();

    public AddContactViewModel(UiServices services, AccountId account) {
        this.services = services;
        this.account = account;
        address.addListener((o, a, b) -> addressError.set(null));
    }

    public StringProperty addressProperty() {
        return address;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ReadOnlyStringProperty addressErrorProperty() {
        return addressError;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** Becomes true once the server accepted the new contact; the dialog then closes. */
    public ReadOnlyBooleanProperty doneProperty() {
        return done;
    }

    public void add() {
        if (busy.get()) {
            return;
        }
        String problem = Address.checkUser(address.get());
        if (problem == null && Address.parseUser(address.get()).orElseThrow().equals(account.address())) {
            problem = "That is your own address.";
        }
        addressError.set(problem);
        if (problem != null) {
            return;
        }
        busy.set(true);
        error.set(null);
        services.roster().addContact(account, Address.parseUser(address.get()).orElseThrow(), name.get())
                .whenCompleteAsync((ok, e) -> {
                    busy.set(false);
                    if (e == null) {
                        done.set(true);
                    } else {
                        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                        error.set("The contact could not be added. "
                                + (t.getMessage() != null ? t.getMessage() : "Please try again when online."));
                    }
                }, services.fx());
    }
}
