package im.natter.ui.room;

import im.natter.domain.model.Address;
import im.natter.domain.model.ConversationKey;
import im.natter.ui.UiServices;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** "Invite someone": an address and an optional note, checked, then sent. */
public final class InviteViewModel {

    private final UiServices services;
    private final ConversationKey room;
    private final StringProperty address = new SimpleStringProperty(this, "address", "");
    private final StringProperty reason = new SimpleStringProperty(this, "reason", "");
    private final ReadOnlyStringWrapper addressError = new ReadOnlyStringWrapper(this, "addressError", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(this, "done");

    InviteViewModel(UiServices services, ConversationKey room) {
        this.services = services;
        this.room = room;
        address.addListener((o, was, now) -> addressError.set(""));
    }

    public String roomAddress() {
        return room.peer().value();
    }

    public StringProperty addressProperty() {
        return address;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public ReadOnlyStringProperty addressErrorProperty() {
        return addressError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    public void invite() {
        if (busy.get()) {
            return;
        }
        String problem = Address.checkUser(address.get());
        if (problem == null && Address.parseUser(address.get()).orElseThrow().equals(room.account().address())) {
            problem = "That is your own address.";
        }
        addressError.set(problem == null ? "" : problem);
        if (problem != null) {
            return;
        }
        busy.set(true);
        error.set("");
        String note = reason.get() == null || reason.get().isBlank() ? null : reason.get().strip();
        services.rooms().invite(room, Address.parseUser(address.get()).orElseThrow(), note)
                .whenCompleteAsync((ok, e) -> {
                    busy.set(false);
                    if (e != null) {
                        error.set(RoomErrors.text(e));
                    } else {
                        done.set(true);
                    }
                }, services.fx());
    }
}
