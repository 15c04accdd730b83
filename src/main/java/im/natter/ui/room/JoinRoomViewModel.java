package im.natter.ui.room;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.RoomProblem;
import im.natter.ui.UiServices;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "Join or create a room": the room's address, a nickname (the account's name by default) and an optional
 * password. A room that does not exist yet is created by joining it; then the user chooses to open it as it is or
 * to set it up first. Failures are said in words; a nickname already taken comes with one to use instead.
 */
public final class JoinRoomViewModel {

    /** Where the dialog stands. */
    public enum Stage {
        /** Filling in the form (again, after a failure). */
        FORM,
        /** The room was just created and waits: open it as it is, or configure it first. */
        CREATED,
        /** In the room; the dialog closes. */
        DONE
    }

    private final UiServices services;
    private final AccountId account;
    private final Consumer<ConversationKey> onOpen;
    private final StringProperty address = new SimpleStringProperty(this, "address", "");
    private final StringProperty nick = new SimpleStringProperty(this, "nick", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final ReadOnlyStringWrapper addressError = new ReadOnlyStringWrapper(this, "addressError", "");
    private final ReadOnlyStringWrapper nickError = new ReadOnlyStringWrapper(this, "nickError", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper suggestedNick = new ReadOnlyStringWrapper(this, "suggestedNick", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyObjectWrapper<Stage> stage = new ReadOnlyObjectWrapper<>(this, "stage", Stage.FORM);
    private ConversationKey joined;

    public JoinRoomViewModel(UiServices services, AccountId account, Consumer<ConversationKey> onOpen) {
        this.services = services;
        this.account = account;
        this.onOpen = onOpen;
        nick.set(account.address().localpart().orElse(""));
        address.addListener((o, was, now) -> {
            addressError.set("");
            error.set("");
        });
        nick.addListener((o, was, now) -> {
            nickError.set("");
            if (!now.equals(suggestedNick.get())) {
                suggestedNick.set("");
            }
        });
        password.addListener((o, was, now) -> error.set(""));
    }

    /** Starts with a known room, e.g. a bookmark or an invitation. */
    public JoinRoomViewModel prefill(Address room, String nickname, String roomPassword) {
        address.set(room.value());
        if (nickname != null && !nickname.isBlank()) {
            nick.set(nickname);
        }
        password.set(roomPassword == null ? "" : roomPassword);
        return this;
    }

    public StringProperty addressProperty() {
        return address;
    }

    public StringProperty nickProperty() {
        return nick;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public ReadOnlyStringProperty addressErrorProperty() {
        return addressError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nickErrorProperty() {
        return nickError.getReadOnlyProperty();
    }

    /** Why the room said no, in words, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** A free nickname to offer after "nickname taken", or empty. */
    public ReadOnlyStringProperty suggestedNickProperty() {
        return suggestedNick.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Stage> stageProperty() {
        return stage.getReadOnlyProperty();
    }

    /** Checks the form and says what is wrong; null when it can be sent. */
    static String checkRoom(String text) {
        String problem = Address.check(text);
        if (problem != null) {
            return problem;
        }
        if (Address.parse(text).orElseThrow().localpart().isEmpty()) {
            return "A room's address has its name before the @, as in tea@rooms.example.org.";
        }
        return null;
    }

    public void join() {
        if (busy.get()) {
            return;
        }
        String roomProblem = checkRoom(address.get());
        addressError.set(roomProblem == null ? "" : roomProblem);
        String nickProblem = nick.get() == null || nick.get().isBlank() ? "Choose a nickname." : null;
        nickError.set(nickProblem == null ? "" : nickProblem);
        if (roomProblem != null || nickProblem != null) {
            return;
        }
        Address room = Address.parse(address.get()).orElseThrow();
        String pw = password.get() == null || password.get().isEmpty() ? null : password.get();
        busy.set(true);
        error.set("");
        suggestedNick.set("");
        services.rooms().join(account, room, nick.get().strip(), pw).whenCompleteAsync((result, e) -> {
            busy.set(false);
            if (e != null) {
                failed(e);
                return;
            }
            joined = new ConversationKey(account, room, ConversationKind.ROOM);
            if (result.created()) {
                stage.set(Stage.CREATED);
            } else {
                finish();
            }
        }, services.fx());
    }

    private void failed(Throwable e) {
        error.set(RoomErrors.text(e));
        if (RoomErrors.problem(e) == RoomProblem.NICK_TAKEN) {
            suggestedNick.set(services.rooms().suggestNick(nick.get().strip()));
        }
    }

    /** Takes the suggested nickname and tries again. */
    public void useSuggestedNick() {
        if (!suggestedNick.get().isEmpty()) {
            nick.set(suggestedNick.get());
            join();
        }
    }

    /** The new room opens with the server's default settings. */
    public void openAsItIs() {
        if (joined == null || busy.get()) {
            return;
        }
        busy.set(true);
        services.rooms().createInstant(joined).whenCompleteAsync((ok, e) -> {
            busy.set(false);
            if (e != null) {
                error.set(RoomErrors.text(e));
            } else {
                finish();
            }
        }, services.fx());
    }

    /** The new room's settings, to fill in before it opens; when they are done, the room opens here. */
    public RoomConfigurationViewModel configure() {
        var vm = new RoomConfigurationViewModel(services, joined, true);
        vm.doneProperty().addListener((o, was, now) -> {
            if (now) {
                finish();
            }
        });
        return vm;
    }

    private void finish() {
        stage.set(Stage.DONE);
        onOpen.accept(joined);
    }
}
