package im.natter.ui.room;

import im.natter.domain.model.ConversationKey;
import im.natter.ui.UiServices;
import im.natter.ui.form.DataFormViewModel;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A room's settings (owners): the room's configuration form, filled in and sent back. For a room the user has
 * just created, cancelling still opens it with the server's defaults, so it is not left locked (XEP-0045 §10.1).
 */
public final class RoomConfigurationViewModel {

    private final UiServices services;
    private final ConversationKey room;
    private final boolean justCreated;
    private final ReadOnlyObjectWrapper<DataFormViewModel> form = new ReadOnlyObjectWrapper<>(this, "form");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(this, "done");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    RoomConfigurationViewModel(UiServices services, ConversationKey room, boolean justCreated) {
        this.services = services;
        this.room = room;
        this.justCreated = justCreated;
    }

    public String roomAddress() {
        return room.peer().value();
    }

    public boolean justCreated() {
        return justCreated;
    }

    /** Asks the room for its form. */
    public void load() {
        loading.set(true);
        error.set("");
        services.rooms().configurationForm(room).whenCompleteAsync((f, e) -> {
            loading.set(false);
            if (e != null) {
                error.set("The room's settings could not be loaded. " + RoomErrors.text(e));
            } else {
                form.set(new DataFormViewModel(f));
            }
        }, services.fx());
    }

    public ReadOnlyObjectProperty<DataFormViewModel> formProperty() {
        return form.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True once the room took the settings (or, after cancelling a new room's, opened with its defaults). */
    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Sends the form when every field is fine; otherwise the fields say what is wrong. */
    public void submit() {
        DataFormViewModel f = form.get();
        if (f == null || busy.get() || !f.validate()) {
            return;
        }
        busy.set(true);
        error.set("");
        services.rooms().submitConfiguration(room, f.answer()).whenCompleteAsync((ok, e) -> {
            busy.set(false);
            if (e != null) {
                error.set("The room did not take the settings. " + RoomErrors.text(e));
            } else {
                done.set(true);
            }
        }, services.fx());
    }

    /** Closes without changes; a new room is opened with the server's defaults instead of staying locked. */
    public void cancel() {
        if (!justCreated) {
            done.set(true);
            return;
        }
        busy.set(true);
        services.rooms().createInstant(room).whenCompleteAsync((ok, e) -> {
            busy.set(false);
            if (e != null) {
                error.set(RoomErrors.text(e));
            } else {
                done.set(true);
            }
        }, services.fx());
    }
}
