package im.natter.ui.room;

import im.natter.domain.event.RoomChanged;
import im.natter.domain.event.RoomExited;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.NotificationLevel;
import im.natter.domain.model.RoomExit;
import im.natter.domain.model.RoomSnapshot;
import im.natter.domain.model.RoomStatus;
import im.natter.service.EventBus;
import im.natter.ui.UiServices;
import im.natter.ui.chat.ChatViewModel;
import im.natter.ui.chat.DisplayText;
import im.natter.ui.chat.MessageListItem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * An open group room: its timeline (a {@link ChatViewModel} in room mode), its header (name, subject, how many
 * are in), the people in it, the room menu (nickname, subject, invite, configure, leave, destroy, notifications)
 * offered by the user's role and affiliation, and nickname completion for the composer. Called on the FX thread.
 */
public final class RoomViewModel {

    private final UiServices services;
    private final ConversationKey key;
    private final ChatViewModel timeline;
    private final OccupantListViewModel occupants;
    private final NickCompletion completion = new NickCompletion();
    private final List<EventBus.Subscription> subscriptions = new ArrayList<>();

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title");
    private final ReadOnlyStringWrapper subject = new ReadOnlyStringWrapper(this, "subject", "");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyStringWrapper ownNick = new ReadOnlyStringWrapper(this, "ownNick", "");
    private final ReadOnlyObjectWrapper<RoomStatus> status = new ReadOnlyObjectWrapper<>(this, "status", RoomStatus.LEFT);
    private final ReadOnlyStringWrapper outText = new ReadOnlyStringWrapper(this, "outText", "");
    private final ReadOnlyStringWrapper actionError = new ReadOnlyStringWrapper(this, "actionError", "");
    private final ReadOnlyBooleanWrapper canSpeak = new ReadOnlyBooleanWrapper(this, "canSpeak");
    private final ReadOnlyBooleanWrapper canChangeSubject = new ReadOnlyBooleanWrapper(this, "canChangeSubject");
    private final ReadOnlyBooleanWrapper canInvite = new ReadOnlyBooleanWrapper(this, "canInvite");
    private final ReadOnlyBooleanWrapper canConfigure = new ReadOnlyBooleanWrapper(this, "canConfigure");
    private final ReadOnlyBooleanWrapper canDestroy = new ReadOnlyBooleanWrapper(this, "canDestroy");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyObjectWrapper<NotificationLevel> notifications =
            new ReadOnlyObjectWrapper<>(this, "notifications", NotificationLevel.ALL);
    private String password;
    private boolean active;

    /**
     * @param unreadAtOpen how many messages were unread when the user opened the room (the "new since" line)
     * @param onOpen       opens another conversation (a private one with an occupant)
     */
    public RoomViewModel(UiServices services, ConversationKey key, int unreadAtOpen, Consumer<ConversationKey> onOpen) {
        this.services = services;
        this.key = key;
        this.timeline = new ChatViewModel(services, key);
        this.timeline.setNewSince(unreadAtOpen);
        this.occupants = new OccupantListViewModel(services, key, onOpen);
        title.set(key.peer().localpart().orElse(key.peer().value()));
        timeline.titleProperty().bind(title);
    }

    public void activate() {
        if (active) {
            return;
        }
        active = true;
        subscriptions.add(services.events().on(RoomChanged.class, e -> {
            if (e.account().equals(key.account()) && e.room().equals(key.peer())) {
                apply(e.snapshot());
            }
        }));
        subscriptions.add(services.events().on(RoomExited.class, e -> {
            if (e.exit().account().equals(key.account()) && e.exit().room().equals(key.peer())) {
                exited(e.exit());
            }
        }));
        if (services.rooms() != null) {
            services.rooms().room(key.account(), key.peer()).ifPresentOrElse(this::apply, this::notIn);
        }
        timeline.activate();
    }

    /** Shows a made-up state of the room in a view model that is never activated: a warm-up sample. */
    void showSample(RoomSnapshot snapshot) {
        if (active) {
            throw new IllegalStateException("a sample is never an activated room");
        }
        apply(snapshot);
    }

    public void dispose() {
        active = false;
        subscriptions.forEach(EventBus.Subscription::close);
        subscriptions.clear();
        timeline.dispose();
    }

    public ConversationKey key() {
        return key;
    }

    public ChatViewModel timeline() {
        return timeline;
    }

    public OccupantListViewModel occupants() {
        return occupants;
    }

    public String address() {
        return key.peer().value();
    }

    /** The room's name, else the part of its address before the @. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty subjectProperty() {
        return subject.getReadOnlyProperty();
    }

    /** "5 people", "Joining…", "Not in the room". */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RoomStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty ownNickProperty() {
        return ownNick.getReadOnlyProperty();
    }

    /** Why the user is not in the room (kicked, the join failed, ...), in words; empty while in it. */
    public ReadOnlyStringProperty outTextProperty() {
        return outText.getReadOnlyProperty();
    }

    /** Why the last room action failed, in words, or empty. */
    public ReadOnlyStringProperty actionErrorProperty() {
        return actionError.getReadOnlyProperty();
    }

    public void dismissActionError() {
        actionError.set("");
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Visitors (no voice) and those out of the room cannot write. */
    public ReadOnlyBooleanProperty canSpeakProperty() {
        return canSpeak.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canChangeSubjectProperty() {
        return canChangeSubject.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canInviteProperty() {
        return canInvite.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canConfigureProperty() {
        return canConfigure.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canDestroyProperty() {
        return canDestroy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<NotificationLevel> notificationsProperty() {
        return notifications.getReadOnlyProperty();
    }

    /** The words for a notification level in the menu. */
    public static String describe(NotificationLevel level) {
        return switch (level) {
            case ALL -> "Every message";
            case MENTIONS -> "Only when I am mentioned";
            case NONE -> "Never";
        };
    }

    public void setNotificationLevel(NotificationLevel level) {
        NotificationLevel before = notifications.get();
        if (level == before) {
            return;
        }
        notifications.set(level);
        run(services.rooms().setNotificationLevel(key, level), () -> { }, () -> notifications.set(before));
    }

    /**
     * Tab in the composer: completes the nickname being typed at {@code caret}; null when there is nothing to
     * complete. Those who spoke last come first.
     */
    public NickCompletion.Result complete(String text, int caret) {
        return completion.complete(text, caret, completionCandidates());
    }

    /** Anything but Tab in the composer ends a completion cycle. */
    public void completionInterrupted() {
        completion.reset();
    }

    List<String> completionCandidates() {
        Set<String> present = new LinkedHashSet<>(occupants.nicks());
        Set<String> ordered = new LinkedHashSet<>();
        var items = timeline.items();
        for (int i = items.size() - 1; i >= 0 && ordered.size() < 50; i--) {
            MessageListItem item = items.get(i);
            String nick = item.message().senderNick();
            if (!item.isOutgoing() && nick != null && present.contains(nick)) {
                ordered.add(nick);
            }
        }
        ordered.addAll(present);
        ordered.remove(ownNick.get());
        return List.copyOf(ordered);
    }

    /** Completes on the FX thread with true when the room took the new nickname. */
    public CompletableFuture<Boolean> changeNick(String nick) {
        if (nick == null || nick.isBlank()) {
            actionError.set("A nickname cannot be empty.");
            return CompletableFuture.completedFuture(false);
        }
        return run(services.rooms().changeNick(key, nick.strip()), () -> { }, () -> { });
    }

    public CompletableFuture<Boolean> changeSubject(String text) {
        return run(services.rooms().changeSubject(key, text == null ? "" : text.strip()), () -> { }, () -> { });
    }

    public CompletableFuture<Boolean> leave() {
        return run(services.rooms().leave(key), () -> { }, () -> { });
    }

    public CompletableFuture<Boolean> destroy(String reason) {
        return run(services.rooms().destroy(key, reason == null || reason.isBlank() ? null : reason.strip(), null),
                () -> { }, () -> { });
    }

    /** Enters the room again (after leaving, a kick or a failed join), with the nickname it had. */
    public CompletableFuture<Boolean> rejoin() {
        String nick = ownNick.get().isBlank() ? key.account().address().localpart().orElse("me") : ownNick.get();
        return run(services.rooms().join(key.account(), key.peer(), nick, password).thenApply(j -> null),
                () -> outText.set(""), () -> { });
    }

    public InviteViewModel newInvite() {
        return new InviteViewModel(services, key);
    }

    public RoomConfigurationViewModel newConfiguration() {
        return new RoomConfigurationViewModel(services, key, false);
    }

    private CompletableFuture<Boolean> run(CompletableFuture<Void> action, Runnable ok, Runnable failed) {
        actionError.set("");
        busy.set(true);
        var result = new CompletableFuture<Boolean>();
        action.whenCompleteAsync((v, e) -> {
            busy.set(false);
            if (e != null) {
                actionError.set(RoomErrors.text(e));
                failed.run();
            } else {
                ok.run();
            }
            result.complete(e == null);
        }, services.fx());
        return result;
    }

    private void apply(RoomSnapshot s) {
        status.set(s.status());
        if (s.features() != null && s.features().name() != null && !s.features().name().isBlank()) {
            title.set(DisplayText.oneLine(s.features().name()).strip());
        }
        subject.set(s.subject() == null ? "" : DisplayText.oneLine(s.subject()).strip());
        notifications.set(s.notifications());
        if (s.nick() != null) {
            ownNick.set(s.nick());
            timeline.setOwnNick(s.nick());
        }
        var self = s.self();
        boolean joined = s.isJoined() && self != null;
        canSpeak.set(joined && RoomPermissions.canSpeak(self.role()));
        canChangeSubject.set(joined && RoomPermissions.canChangeSubject(self.role()));
        canInvite.set(joined && RoomPermissions.canInvite(self.role()));
        canConfigure.set(joined && RoomPermissions.canConfigure(self.affiliation()));
        canDestroy.set(joined && RoomPermissions.canDestroy(self.affiliation()));
        switch (s.status()) {
            case JOINED -> {
                int people = s.occupants().size() + 1;
                statusText.set(people == 1 ? "Only you" : people + " people");
                outText.set("");
                occupants.update(s);
            }
            case JOINING -> {
                statusText.set("Joining\u2026");
                occupants.update(s);
            }
            case FAILED -> {
                statusText.set("Not in the room");
                outText.set(s.problem() != null ? s.problem() : "The room could not be joined.");
                occupants.clear();
            }
            case LEFT -> {
                statusText.set("Not in the room");
                if (outText.get().isEmpty()) {
                    outText.set(s.problem() != null ? s.problem() : "You are not in this room.");
                }
                occupants.clear();
            }
        }
    }

    private void notIn() {
        status.set(RoomStatus.LEFT);
        statusText.set("Not in the room");
        outText.set("You are not in this room.");
        canSpeak.set(false);
    }

    private void exited(RoomExit exit) {
        String by = exit.actor() == null || exit.actor().isBlank() ? "" : " by " + DisplayText.oneLine(exit.actor());
        String why = exit.reason() == null || exit.reason().isBlank() ? "" : ": " + DisplayText.oneLine(exit.reason());
        String text = switch (exit.kind()) {
            case LEFT -> "You left this room.";
            case KICKED -> "You were removed from the room" + by + why;
            case BANNED -> "You were banned from the room" + by + why;
            case MEMBERSHIP_LOST -> "The room is now for members only, and you are not one.";
            case DESTROYED -> "The room was closed for good" + why
                    + (exit.alternativeVenue() != null ? " It moved to " + exit.alternativeVenue() + "." : "");
            case SHUTDOWN -> "The room's service is shutting down.";
            case DROPPED -> "The connection to the room was lost. Joining again\u2026";
        };
        if (!text.endsWith(".") && !text.endsWith("\u2026")) {
            text += ".";
        }
        outText.set(text);
        canSpeak.set(exit.kind() == RoomExit.Kind.DROPPED && canSpeak.get());
        if (exit.kind() != RoomExit.Kind.DROPPED) {
            status.set(RoomStatus.LEFT);
            statusText.set("Not in the room");
            occupants.clear();
            canSpeak.set(false);
            canChangeSubject.set(false);
            canInvite.set(false);
            canConfigure.set(false);
            canDestroy.set(false);
        }
    }
}
