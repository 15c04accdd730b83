package im.natter.ui.room;

import im.natter.domain.event.InvitationReceived;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.RoomInvitation;
import im.natter.domain.model.RoomProblem;
import im.natter.service.EventBus;
import im.natter.ui.UiServices;
import im.natter.ui.chat.DisplayText;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Invitations into rooms, one at a time in the main window: who invites to which room and why, with Accept (join
 * with the account's name, or a free variant of it) and Decline. Called on the FX thread.
 */
public final class InvitationsViewModel {

    private final UiServices services;
    private final AccountId account;
    private final Consumer<ConversationKey> onOpen;
    private final Deque<RoomInvitation> waiting = new ArrayDeque<>();
    private final ReadOnlyObjectWrapper<RoomInvitation> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyIntegerWrapper more = new ReadOnlyIntegerWrapper(this, "more");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private EventBus.Subscription subscription;

    public InvitationsViewModel(UiServices services, AccountId account, Consumer<ConversationKey> onOpen) {
        this.services = services;
        this.account = account;
        this.onOpen = onOpen;
    }

    public void activate() {
        subscription = services.events().on(InvitationReceived.class, e -> {
            if (e.invitation().account().equals(account)) {
                received(e.invitation());
            }
        });
    }

    public void dispose() {
        if (subscription != null) {
            subscription.close();
        }
    }

    /** The invitation shown now, or null. */
    public ReadOnlyObjectProperty<RoomInvitation> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** "bob@example.org invites you to tea@rooms.example.org: “come over”". */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** How many more wait behind the one shown. */
    public ReadOnlyIntegerProperty moreProperty() {
        return more.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    private void received(RoomInvitation invitation) {
        RoomInvitation shown = current.get();
        // the same room twice (a direct and a mediated invitation, or a reminder) is one question
        if ((shown != null && shown.room().equals(invitation.room()))
                || waiting.stream().anyMatch(i -> i.room().equals(invitation.room()))) {
            return;
        }
        if (shown == null) {
            show(invitation);
        } else {
            waiting.add(invitation);
            more.set(waiting.size());
        }
    }

    private void show(RoomInvitation invitation) {
        current.set(invitation);
        error.set("");
        if (invitation == null) {
            text.set("");
            return;
        }
        String reason = invitation.reason() == null || invitation.reason().isBlank() ? ""
                : ": \u201c" + DisplayText.oneLine(invitation.reason()).strip() + "\u201d";
        text.set(invitation.inviter().value() + " invites you to " + invitation.room().value() + reason);
    }

    private void next() {
        show(waiting.poll());
        more.set(waiting.size());
    }

    /** Joins the room with the account's name (or a free variant when it is taken) and opens it. */
    public void accept() {
        RoomInvitation invitation = current.get();
        if (invitation == null || busy.get()) {
            return;
        }
        accept(invitation, account.address().localpart().orElse("me"), true);
    }

    private void accept(RoomInvitation invitation, String nick, boolean mayRetry) {
        busy.set(true);
        error.set("");
        services.rooms().accept(invitation, nick).whenCompleteAsync((joined, e) -> {
            busy.set(false);
            if (e == null) {
                next();
                onOpen.accept(new ConversationKey(account, invitation.room(), ConversationKind.ROOM));
            } else if (mayRetry && RoomErrors.problem(e) == RoomProblem.NICK_TAKEN) {
                accept(invitation, services.rooms().suggestNick(nick), false);
            } else {
                error.set(RoomErrors.text(e));
            }
        }, services.fx());
    }

    public void decline() {
        RoomInvitation invitation = current.get();
        if (invitation == null || busy.get()) {
            return;
        }
        busy.set(true);
        services.rooms().decline(invitation, null).whenCompleteAsync((ok, e) -> {
            busy.set(false);
            // a failed decline is not worth keeping the question open: the room simply hears nothing
            next();
        }, services.fx());
    }
}
